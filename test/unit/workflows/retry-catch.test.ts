// Retry back-off and Catch, with AWS's error names and which errors they may handle.
import { describe, expect, it } from 'vitest';
import {
  parseDefinition,
  startExecution,
  StatesError,
  TaskFailedError,
  type Execution,
  type HistoryEvent,
  type Transition,
} from '../../../src/services/workflows/index.js';
import { AutoClock } from './helpers/auto-clock.js';
import { retryDelayMs } from '../../../src/services/workflows/runtime/retry.js';
import { invokerOf, run, single } from './helpers/run.js';

const FN = 'arn:aws:lambda:us-east-1:000000000000:function:flaky';

function flaky(failures: number, error = 'Boom') {
  let n = 0;
  return invokerOf({
    [FN]: () => {
      if (n++ < failures) throw new TaskFailedError(error, `attempt ${n}`);
      return { ok: n };
    },
  });
}

describe('Retry', () => {
  it('retries with IntervalSeconds * BackoffRate^n, capped by MaxDelaySeconds', () => {
    const r = { ErrorEquals: ['States.ALL'], IntervalSeconds: 2, BackoffRate: 3, MaxDelaySeconds: 10 };
    expect([0, 1, 2, 3].map((a) => retryDelayMs(r, a))).toEqual([2000, 6000, 10000, 10000]);
    expect(retryDelayMs({ ErrorEquals: ['x'] }, 0)).toBe(1000);
    expect(retryDelayMs({ ...r, JitterStrategy: 'FULL' }, 1, () => 0.5)).toBe(3000);
  });

  it('succeeds after retries, waiting on the clock and counting $$.State.RetryCount', async () => {
    const invoker = flaky(2);
    const r = await run(
      single({
        Type: 'Task',
        Resource: FN,
        Parameters: { 'retry.$': '$$.State.RetryCount' },
        Retry: [{ ErrorEquals: ['Boom'], IntervalSeconds: 1, BackoffRate: 2 }],
      }),
      {},
      { invoker },
    );
    expect(r.output).toEqual({ ok: 3 });
    expect(invoker.calls.map((c) => c.input)).toEqual([{ retry: 0 }, { retry: 1 }, { retry: 2 }]);
    expect(r.clock.now() - Date.UTC(2026, 0, 1)).toBe(3000);
    expect(r.types.filter((t) => t === 'LambdaFunctionFailed')).toHaveLength(2);
  });

  it('gives up after MaxAttempts and fails with the task error', async () => {
    const r = await run(
      single({ Type: 'Task', Resource: FN, Retry: [{ ErrorEquals: ['Boom'], MaxAttempts: 1 }] }),
      {},
      { invoker: flaky(5) },
    );
    expect(r).toMatchObject({ status: 'FAILED', error: 'Boom', cause: 'attempt 2' });
  });

  it('MaxAttempts 0 never retries', async () => {
    const invoker = flaky(5);
    await run(
      single({ Type: 'Task', Resource: FN, Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 0 }] }),
      {},
      { invoker },
    );
    expect(invoker.calls).toHaveLength(1);
  });
});

describe('Catch', () => {
  const machine = (errorEquals: string[], extra: object = {}) => ({
    StartAt: 'T',
    States: {
      T: {
        Type: 'Task',
        Resource: FN,
        Catch: [{ ErrorEquals: errorEquals, Next: 'Handler', ...extra }],
        End: true,
      },
      Handler: { Type: 'Pass', End: true },
    },
  });

  it('places {Error, Cause} at ResultPath', async () => {
    const r = await run(machine(['Boom'], { ResultPath: '$.err' }), { keep: 1 }, { invoker: flaky(1) });
    expect(r.output).toEqual({ keep: 1, err: { Error: 'Boom', Cause: 'attempt 1' } });
    expect(r.types).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionFailed',
      'TaskStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('States.TaskFailed matches task errors but not States.Timeout', async () => {
    expect((await run(machine(['States.TaskFailed']), {}, { invoker: flaky(1) })).status).toBe('SUCCEEDED');
    expect(new StatesError('States.Timeout').matches('States.TaskFailed')).toBe(false);
    expect(new StatesError('States.Timeout').matches('States.ALL')).toBe(true);
  });

  it('never catches States.Runtime, even by name', async () => {
    const def = {
      StartAt: 'T',
      States: {
        T: { Type: 'Pass', OutputPath: '$.missing.deep', Next: 'Done' },
        Done: { Type: 'Pass', End: true },
      },
    };
    const r = await run(def);
    expect(r).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(r.cause).toBe(
      "An error occurred while executing the state 'T' (entered at the event id #2). Invalid path '$.missing.deep' : Missing property in path $['missing']",
    );
    const invoker = invokerOf({ [FN]: () => ({}) });
    const caught = await run(
      {
        StartAt: 'T',
        States: {
          T: {
            Type: 'Task',
            Resource: FN,
            OutputPath: '$.nope.x',
            Catch: [{ ErrorEquals: ['States.Runtime', 'States.ALL'].slice(0, 1), Next: 'H' }],
            End: true,
          },
          H: { Type: 'Pass', End: true },
        },
      },
      {},
      { invoker },
    );
    expect(caught.error).toBe('States.Runtime');
  });

  it('times out a task with States.Timeout and lets Catch handle it', async () => {
    const invoker = invokerOf({ [FN]: () => new Promise(() => undefined) });
    const slow = { ...machine(['States.Timeout']) };
    (slow.States.T as Record<string, unknown>).TimeoutSeconds = 5;
    const r2 = await run(slow, {}, { invoker });
    expect(r2.output).toEqual({ Error: 'States.Timeout', Cause: '' });
    expect(r2.types).toContain('LambdaFunctionTimedOut');
    expect(r2.clock.now() - Date.UTC(2026, 0, 1)).toBe(5000);
  });

  it('a Fail state without Error or Cause fails the execution without them', async () => {
    const r = await run(single({ Type: 'Fail' }));
    expect(r).toEqual(expect.objectContaining({ status: 'FAILED', error: undefined, cause: undefined }));
  });

  it('States.NoChoiceMatched when no rule matches and there is no Default', async () => {
    const r = await run({
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'D' }] },
        D: { Type: 'Succeed' },
      },
    });
    expect(r.error).toBe('States.NoChoiceMatched');
  });
});

describe('Retry back-off across a restart', () => {
  it('resumes the back-off where it was: remaining delay, attempts and RetryCount kept', async () => {
    const def = parseDefinition(
      single({
        Type: 'Task',
        Resource: FN,
        Parameters: { 'retry.$': '$$.State.RetryCount' },
        Retry: [{ ErrorEquals: ['Boom'], IntervalSeconds: 100, MaxAttempts: 2 }],
      }),
    );
    const clock = new AutoClock();
    const start = clock.now();
    let stored: HistoryEvent[] = [];
    let checkpoint: Transition | undefined;
    const first: Execution = startExecution(
      def,
      {},
      {
        clock,
        invoker: flaky(10),
        onTransition: (t) => {
          // What the service commits at this transition: the history so far and the transition. (Only
          // the back-off checkpoint reads `first`: it comes after startExecution has returned.)
          if (t.retry) [checkpoint, stored] = [t, first.events.events.slice()];
        },
      },
    );
    for (let i = 0; !checkpoint && i < 100; i++) await new Promise((r) => setImmediate(r));
    expect(checkpoint).toMatchObject({ stateName: 'S', dueAt: start + 100_000, retry: { count: 1 } });
    first.abort();
    await first.result;

    // Restarted 40 s into the 100 s back-off.
    const later = new AutoClock(start + 40_000);
    const invoker = flaky(10);
    const resumed = startExecution(
      def,
      {},
      {
        clock: later,
        invoker,
        resume: { transition: { ...checkpoint!, stateName: 'S' }, events: stored, startTime: start },
      },
    );
    const result = await later.runUntil(resumed.result);
    expect(result).toMatchObject({ status: 'FAILED', error: 'Boom' });
    // Attempt 2 at the original due time, attempt 3 after the next back-off (200 s), then no more.
    expect(invoker.calls.map((c) => c.input)).toEqual([{ retry: 1 }, { retry: 2 }]);
    expect(later.now()).toBe(start + 300_000);
    const events = resumed.events.events;
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
    expect(events.filter((e) => e.type === 'TaskStateEntered')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'LambdaFunctionScheduled')).toHaveLength(3);
  });
});
