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
    expect(transitions.map((t) => t.stateName)).toEqual(['A', 'W', 'W', undefined]);
    // The Wait checkpoints once it starts waiting: its Entered event and its due time.
    const enteredAt = clock.now();
    expect(last).toEqual({
      stateName: 'W',
      input: { step: 1 },
      variables: { seen: 'A' },
      entered: { eventId: 4, time: new Date(enteredAt).toISOString() },
      dueAt: enteredAt + 3600_000,
    });
    const kept = first.events.events.filter((e) => e.type !== 'ExecutionAborted');
    const resume = (later: AutoClock) =>
      startExecution(
        def,
        {},
        {
          clock: later,
          resume: { transition: { ...last, stateName: 'W' }, events: kept, startTime: enteredAt },
        },
      );

    // Restarted 1,000 s into the Wait: it ends at its original due time, not 3,600 s after the restart.
    const later = new AutoClock(enteredAt + 1000_000);
    const resumed = resume(later);
    const result = await later.runUntil(resumed.result);
    expect(result).toEqual({ status: 'SUCCEEDED', output: { step: 2, seen: 'A' } });
    expect(later.now()).toBe(enteredAt + 3600_000);
    const events = resumed.events.events;
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
    expect(events.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'PassStateEntered',
      'PassStateExited',
      'WaitStateEntered',
      'WaitStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
    expect(events[4].timestamp).toBe(enteredAt + 3600_000);

    // Restarted after the due time: the Wait ends at once.
    const late = new AutoClock(enteredAt + 7200_000);
    const overdue = resume(late);
    expect((await late.runUntil(overdue.result)).status).toBe('SUCCEEDED');
    expect(late.now()).toBe(enteredAt + 7200_000);
    expect(overdue.events.events.filter((e) => e.type === 'WaitStateEntered')).toHaveLength(1);
  });

  it('a checkpoint whose Entered event was not stored enters the state again', async () => {
    const clock = new AutoClock();
    const transitions: Transition[] = [];
    const first = startExecution(
      parseDefinition(waitThenPass),
      {},
      {
        clock,
        onTransition: (t) => transitions.push(t),
      },
    );
    await new Promise((r) => setImmediate(r));
    first.abort();
    await first.result;
    const checkpoint = transitions.find((t) => t.entered)!;
    // Only ExecutionStarted was stored: the Wait is entered (and waits) afresh.
    const resumed = startExecution(
      parseDefinition(waitThenPass),
      {},
      {
        clock,
        resume: {
          transition: { ...checkpoint, stateName: 'W' },
          events: first.events.events.slice(0, 1),
          startTime: clock.now(),
        },
      },
    );
    const start = clock.now();
    expect((await clock.runUntil(resumed.result)).status).toBe('SUCCEEDED');
    expect(clock.now() - start).toBe(60_000);
    expect(resumed.events.events.map((e) => e.type).slice(0, 3)).toEqual([
      'ExecutionStarted',
      'WaitStateEntered',
      'WaitStateExited',
    ]);
  });
});
