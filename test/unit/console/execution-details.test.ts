// What the executions view reads from a history and from map run answers and records.
import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../../src/console/execution-status.js';
import {
  countLine,
  mapRunFromRecord,
  mapRunState,
  mapRunsInHistory,
  upsertMapRun,
  type MapRunView,
} from '../../../src/console/map-runs.js';
import { stateRuns } from '../../../src/console/state-runs.js';
import { replayProgress } from '../../../src/console/views/replay.js';

let id = 0;
const ev = (type: string, details?: Record<string, unknown>, key = 'x'): HistoryEvent => ({
  id: ++id,
  type,
  timestamp: 1,
  ...(details ? { [`${key}EventDetails`]: details } : {}),
});

const RUN = 'arn:aws:states:us-east-1:000000000000:mapRun:checkout/ShipItems:4f1c';

describe('stateRuns', () => {
  it('keeps each state input, output, error and task attempts (a retry is a second attempt)', () => {
    const runs = stateRuns([
      ev('ExecutionStarted', { input: '{}' }),
      ev('TaskStateEntered', { name: 'Charge', input: '{"a":1}' }),
      ev('LambdaFunctionScheduled', { resource: 'fn' }),
      ev('LambdaFunctionFailed', { error: 'Boom', cause: 'first' }),
      ev('LambdaFunctionScheduled', { resource: 'fn' }),
      ev('LambdaFunctionFailed', { error: 'Boom', cause: 'second' }),
      ev('TaskStateExited', { name: 'Charge', output: '{"error":{}}' }),
      ev('FailStateEntered', { name: 'Abort', input: '{}' }),
      ev('ExecutionFailed', { error: 'Checkout.Fatal', cause: 'asked' }),
    ]);
    expect(runs.get('Charge')).toEqual({
      name: 'Charge',
      type: 'Task',
      input: '{"a":1}',
      output: '{"error":{}}',
      error: 'Boom',
      cause: 'second',
      attempts: 2,
      entered: 1,
    });
    expect(runs.get('Abort')).toMatchObject({ type: 'Fail', error: 'Checkout.Fatal', cause: 'asked' });
  });

  it('counts a state entered again by a loop and keeps the last input', () => {
    const runs = stateRuns([
      ev('PassStateEntered', { name: 'Loop', input: '1' }),
      ev('PassStateExited', { name: 'Loop', output: '1' }),
      ev('PassStateEntered', { name: 'Loop', input: '2' }),
    ]);
    expect(runs.get('Loop')).toMatchObject({ entered: 2, input: '2', output: undefined });
  });
});

describe('map runs', () => {
  it('finds the Map state in a map run ARN', () => {
    expect(mapRunState(RUN)).toBe('ShipItems');
    expect(mapRunState('arn:aws:states:us-east-1:1:mapRun:m:exec-1/Fan:9')).toBe('Fan');
  });

  it('reads status and item totals from the parent history', () => {
    const found = mapRunsInHistory([
      ev('MapStateStarted', { length: 5 }, 'mapStateStarted'),
      ev('MapRunStarted', { mapRunArn: RUN }, 'mapRunStarted'),
      ev('MapRunFailed', {}, 'mapRunFailed'),
    ]);
    expect(found.get(RUN)).toEqual({ status: 'FAILED', total: 5 });
  });

  it('says how far a run got', () => {
    const counts = { pending: 3, running: 2, succeeded: 4, failed: 1, timedOut: 0, aborted: 0, total: 10 };
    const run: MapRunView = { mapRunArn: RUN, state: 'ShipItems', status: 'RUNNING', counts };
    expect(countLine(run)).toBe('5/10 items · 2 running · 1 failed');
    expect(countLine({ ...run, counts: undefined })).toBe('running');
  });

  it('takes live counts from a map-run record and replaces the run it had', () => {
    const itemCounts = { pending: 0, running: 0, succeeded: 3, failed: 0, timedOut: 0, aborted: 0, total: 3 };
    const run = mapRunFromRecord({
      mapRunArn: RUN,
      stateName: 'ShipItems',
      status: 'SUCCEEDED',
      itemCounts,
    })!;
    expect(run).toEqual({ mapRunArn: RUN, state: 'ShipItems', status: 'SUCCEEDED', counts: itemCounts });
    expect(mapRunFromRecord({ summary: 'no counts' })).toBeUndefined();
    const before: MapRunView[] = [{ mapRunArn: RUN, state: 'ShipItems', status: 'RUNNING' }];
    expect(upsertMapRun(before, run)).toEqual([run]);
    expect(upsertMapRun([], run)).toEqual([run]);
  });
});

describe('replayProgress', () => {
  it('shows events replayed of the total and fills the bar when completed', () => {
    const running = replayProgress('r1', {
      State: 'RUNNING',
      EddyProgress: { Total: 40, Replayed: 10, Deliveries: 9, Failures: 1 },
    });
    expect(running).toEqual({
      text: 'Replay r1: RUNNING · 10 of 40 events · 9 deliveries, 1 failed',
      done: 0.25,
    });
    expect(replayProgress('r1', { State: 'COMPLETED', EddyProgress: { Total: 0, Replayed: 0 } }).done).toBe(
      1,
    );
    expect(replayProgress('r2', { State: 'FAILED', StateReason: 'gone' }).text).toBe(
      'Replay r2: FAILED (gone)',
    );
  });
});
