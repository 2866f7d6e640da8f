// The path `eddy workflows start --wait` draws from a history: top-level steps only, durations, retries,
// and the state that was running when the execution failed.
import { describe, expect, it } from 'vitest';
import { pathOf } from '../../../src/commands/workflows/start.js';

let id = 0;
const ev = (type: string, t: number, name?: string) => ({
  id: ++id,
  type,
  timestamp: t,
  ...(name && /Entered$/.test(type) ? { stateEnteredEventDetails: { name } } : {}),
  ...(name && /Exited$/.test(type) ? { stateExitedEventDetails: { name } } : {}),
});

describe('pathOf', () => {
  it('lists top-level states with durations, skipping Map iterations', () => {
    const path = pathOf([
      ev('ExecutionStarted', 0),
      ev('PassStateEntered', 0, 'A'),
      ev('PassStateExited', 0.005, 'A'),
      ev('MapStateEntered', 0.005, 'Each'),
      ev('MapStateStarted', 0.005),
      ev('PassStateEntered', 0.006, 'Inner'),
      ev('PassStateExited', 0.007, 'Inner'),
      ev('MapStateSucceeded', 0.01),
      ev('MapStateExited', 0.02, 'Each'),
      ev('ExecutionSucceeded', 0.02),
    ]);
    expect(path).toEqual([
      { state: 'A', type: 'Pass', durationMs: 5, retries: 0, failed: false },
      { state: 'Each', type: 'Map', durationMs: 15, retries: 0, failed: false },
    ]);
  });

  it('counts retries and marks the failing state', () => {
    const path = pathOf([
      ev('TaskStateEntered', 0, 'Call'),
      ev('TaskScheduled', 0),
      ev('TaskFailed', 0.1),
      ev('TaskScheduled', 1),
      ev('TaskFailed', 1.1),
      ev('TaskScheduled', 3),
      ev('TaskFailed', 3.1),
      ev('ExecutionFailed', 3.1),
    ]);
    expect(path).toEqual([{ state: 'Call', type: 'Task', durationMs: undefined, retries: 2, failed: true }]);
  });
});
