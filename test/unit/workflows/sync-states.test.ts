// States that finish synchronously (JSONPath Pass, Choice, Succeed, Fail) run without a promise per
// state: their semantics, history and failures must be those of the asynchronous path, and a machine
// that loops through them forever must still let timers and aborts in.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/shared/clock.js';
import { parseDefinition, startExecution } from '../../../src/services/workflows/index.js';

// Pass and Choice forever: only the execution timeout or an abort ends it.
const forever = {
  TimeoutSeconds: 5,
  StartAt: 'Count',
  States: {
    Count: { Type: 'Pass', Parameters: { 'n.$': 'States.MathAdd($.n, 1)' }, Next: 'Again' },
    Again: {
      Type: 'Choice',
      Choices: [{ Variable: '$.n', NumericLessThan: 0, Next: 'Done' }],
      Default: 'Count',
    },
    Done: { Type: 'Succeed' },
  },
};

const turn = () => new Promise((r) => setImmediate(r));

describe('synchronous states', () => {
  it('let the execution timeout fire in a machine that loops through them', async () => {
    const clock = new ManualClock();
    const execution = startExecution(parseDefinition(forever), { n: 0 }, { clock });
    await turn();
    clock.advance(5_000);
    expect(await execution.result).toEqual({ status: 'TIMED_OUT', error: 'States.Timeout' });
    expect(execution.events.events.at(-1)?.type).toBe('ExecutionTimedOut');
  });

  it('let an abort in while they loop', async () => {
    const execution = startExecution(parseDefinition(forever), { n: 0 }, { clock: new ManualClock() });
    await turn();
    execution.abort('Stopped', 'by the test');
    expect(await execution.result).toEqual({ status: 'ABORTED', error: 'Stopped', cause: 'by the test' });
  });

  it('record Entered and Exited events with AWS ids and texts in a long chain', async () => {
    const States: Record<string, object> = {};
    for (let i = 0; i < 2500; i++)
      States[`S${i}`] = i === 2499 ? { Type: 'Succeed' } : { Type: 'Pass', Next: `S${i + 1}` };
    const execution = startExecution(parseDefinition({ StartAt: 'S0', States }), { a: [1] });
    expect(await execution.result).toEqual({ status: 'SUCCEEDED', output: { a: [1] } });
    const events = execution.events.events;
    expect(events).toHaveLength(2 + 2 * 2500);
    const misnumbered = events.filter((e, i) => e.id !== i + 1 || e.previousEventId !== i);
    expect(misnumbered).toEqual([]);
    expect(events[2499 * 2 + 1]).toMatchObject({
      type: 'SucceedStateEntered',
      stateEnteredEventDetails: { name: 'S2499', input: '{"a":[1]}', inputDetails: { truncated: false } },
    });
    expect(events[2499 * 2 + 2]).toMatchObject({
      type: 'SucceedStateExited',
      stateExitedEventDetails: { name: 'S2499', output: '{"a":[1]}', outputDetails: { truncated: false } },
    });
  });

  it('send a synchronous failure in a branch to the Catch of its Parallel state', async () => {
    const definition = {
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          Branches: [
            {
              StartAt: 'Bad',
              States: {
                Bad: { Type: 'Choice', Choices: [{ Variable: '$.a', NumericEquals: 2, Next: 'Two' }] },
                Two: { Type: 'Succeed' },
              },
            },
          ],
          Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.err', Next: 'Caught' }],
          End: true,
        },
        Caught: { Type: 'Fail', ErrorPath: '$.err.Error', Cause: 'caught' },
      },
    };
    const execution = startExecution(parseDefinition(definition), { a: 1 });
    expect(await execution.result).toEqual({
      status: 'FAILED',
      error: 'States.NoChoiceMatched',
      cause: 'caught',
    });
    expect(execution.events.events.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'ParallelStateEntered',
      'ParallelStateStarted',
      'ChoiceStateEntered',
      'ParallelStateFailed',
      'ParallelStateExited',
      'FailStateEntered',
      'ExecutionFailed',
    ]);
  });

  it('share clock readings among their events only, not with a state that waits', async () => {
    // Every reading of this clock is a millisecond later than the one before.
    const manual = new ManualClock();
    let reads = 0;
    const clock = { now: () => manual.now() + reads++, setTimer: manual.setTimer.bind(manual) };
    const States: Record<string, object> = { W: { Type: 'Wait', Seconds: 0, Next: 'Last' } };
    for (let i = 0; i < 10; i++) States[`P${i}`] = { Type: 'Pass', Next: i === 9 ? 'W' : `P${i + 1}` };
    States.Last = { Type: 'Pass', End: true };
    const execution = startExecution(parseDefinition({ StartAt: 'P0', States }), {}, { clock });
    expect((await execution.result).status).toBe('SUCCEEDED');
    const events = execution.events.events;
    const stamps = events.map((e) => e.timestamp);
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
    const passExits = events.filter((e) => e.type === 'PassStateExited').slice(0, 10);
    const waitEntered = events.find((e) => e.type === 'WaitStateEntered')!;
    // Fewer readings than events for the Pass chain, and a reading of its own for the Wait.
    expect(new Set(passExits.map((e) => e.timestamp)).size).toBeLessThan(10);
    expect(waitEntered.timestamp).toBeGreaterThan(passExits[9].timestamp);
  });
  it('pass their input on unchanged when no field changes it, with the same events in both languages', async () => {
    const run = async (definition: object) => {
      const execution = startExecution(parseDefinition(definition), { a: [1] });
      const result = await execution.result;
      // Each event's type and details (its only object field).
      const events = execution.events.events.map((e) => [
        e.type,
        Object.values(e).find((v) => typeof v === 'object'),
      ]);
      return { result, events };
    };
    const bare = await run({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
    const dollar = { InputPath: '$', ResultPath: '$', OutputPath: '$' };
    const paths = await run({ StartAt: 'P', States: { P: { Type: 'Pass', ...dollar, End: true } } });
    const jsonata = await run({
      QueryLanguage: 'JSONata',
      StartAt: 'P',
      States: { P: { Type: 'Pass', End: true } },
    });
    expect(bare.result).toEqual({ status: 'SUCCEEDED', output: { a: [1] } });
    expect(bare.events).toEqual([
      ['ExecutionStarted', expect.objectContaining({ input: '{"a":[1]}' })],
      ['PassStateEntered', { name: 'P', input: '{"a":[1]}', inputDetails: { truncated: false } }],
      ['PassStateExited', { name: 'P', output: '{"a":[1]}', outputDetails: { truncated: false } }],
      ['ExecutionSucceeded', { output: '{"a":[1]}', outputDetails: { truncated: false } }],
    ]);
    expect(paths).toEqual(bare);
    expect(jsonata).toEqual(bare);
  });

  it('fail a Pass state that passes on an input over the payload limit', async () => {
    const big = { text: 'x'.repeat(300_000) };
    const definition = { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };
    const execution = startExecution(parseDefinition(definition), big);
    expect(await execution.result).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
    expect(execution.events.events.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'PassStateEntered',
      'ExecutionFailed',
    ]);
  });
});
