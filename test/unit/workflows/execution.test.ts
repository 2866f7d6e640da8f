// Executions: the event stream, abort, execution timeout, Wait forms, and resuming from a transition.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/shared/clock.js';
import {
  parseDefinition,
  startExecution,
  type HistoryEvent,
  type Transition,
} from '../../../src/services/workflows/index.js';
import { AutoClock } from './helpers/auto-clock.js';
import { run } from './helpers/run.js';

const waitThenPass = {
  StartAt: 'W',
  States: { W: { Type: 'Wait', Seconds: 60, Next: 'P' }, P: { Type: 'Pass', Result: 'done', End: true } },
};

describe('executions', () => {
  it('streams history events to async iterators and listeners as the run proceeds', async () => {
    const clock = new ManualClock();
    const execution = startExecution(parseDefinition(waitThenPass), { a: 1 }, { clock });
    const heard: string[] = [];
    execution.events.listen((e) => heard.push(e.type));
    const iterated = (async () => {
      const seen: HistoryEvent[] = [];
      for await (const e of execution.events) seen.push(e);
      return seen;
    })();
    await new Promise((r) => setImmediate(r));
    expect(execution.events.events.map((e) => e.type)).toEqual(['ExecutionStarted', 'WaitStateEntered']);
    clock.advance(60_000);
    expect(await execution.result).toEqual({ status: 'SUCCEEDED', output: 'done' });
    const seen = await iterated;
    expect(seen.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'WaitStateEntered',
      'WaitStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
    expect(heard).toEqual(['WaitStateExited', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
    expect(seen[0]).toMatchObject({
      id: 1,
      previousEventId: 0,
      executionStartedEventDetails: { input: '{"a":1}', inputDetails: { truncated: false } },
    });
    expect(seen[1]).toMatchObject({ id: 2, stateEnteredEventDetails: { name: 'W', input: '{"a":1}' } });
    expect(seen.at(-1)).toMatchObject({ executionSucceededEventDetails: { output: '"done"' } });
  });

  it('abort() ends a waiting execution as ABORTED', async () => {
    const execution = startExecution(parseDefinition(waitThenPass), {}, { clock: new ManualClock() });
    execution.abort('Stopped', 'by test');
    expect(await execution.result).toMatchObject({ status: 'ABORTED', error: 'Stopped', cause: 'by test' });
    expect(execution.events.events.at(-1)?.type).toBe('ExecutionAborted');
  });

  it('times out the whole execution after its TimeoutSeconds', async () => {
    const r = await run({ ...waitThenPass, TimeoutSeconds: 10 });
    expect(r).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    expect(r.types.at(-1)).toBe('ExecutionTimedOut');
  });

  it('waits until Timestamp, TimestampPath and SecondsPath', async () => {
    const start = Date.UTC(2026, 0, 1);
    const def = {
      StartAt: 'A',
      States: {
        A: { Type: 'Wait', Timestamp: '2026-01-01T00:00:10Z', Next: 'B' },
        B: { Type: 'Wait', TimestampPath: '$.until', Next: 'C' },
        C: { Type: 'Wait', SecondsPath: '$.secs', End: true },
      },
    };
    const r = await run(def, { until: '2026-01-01T00:01:00.000Z', secs: 5 });
    expect(r.status).toBe('SUCCEEDED');
    expect(r.clock.now() - start).toBe(65_000);
    const bad = await run(def, { until: 'tomorrow', secs: 5 });
    expect(bad.error).toBe('States.Runtime');
  });

  it('reports each top-level transition and resumes from one', async () => {
    const transitions: Transition[] = [];
    const clock = new AutoClock();
    const def = parseDefinition({
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Assign: { seen: 'A' }, Result: { step: 1 }, Next: 'W' },
        W: { Type: 'Wait', Seconds: 3600, Next: 'B' },
        B: {
          Type: 'Pass',
          Parameters: { 'step.$': 'States.MathAdd($.step, 1)', 'seen.$': '$seen' },
          End: true,
        },
      },
    });
    const first = startExecution(def, {}, { clock, onTransition: (t) => transitions.push(t) });
    await new Promise((r) => setImmediate(r));
    // "Crash" during the Wait: stop the run, then resume from the last transition recorded.
    first.abort();
    await first.result;
    const last = transitions.filter((t) => t.stateName).at(-1)!;
    expect(last).toEqual({ stateName: 'W', input: { step: 1 }, variables: { seen: 'A' } });
    const kept = first.events.events.filter((e) => e.type !== 'ExecutionAborted');
    const resumed = startExecution(
      def,
      {},
      { clock, resume: { transition: { ...last, stateName: 'W' }, events: kept, startTime: clock.now() } },
    );
    const result = await clock.runUntil(resumed.result);
    expect(result).toEqual({ status: 'SUCCEEDED', output: { step: 2, seen: 'A' } });
    expect(resumed.events.events.map((e) => e.id)).toEqual(resumed.events.events.map((_, i) => i + 1));
  });
});
