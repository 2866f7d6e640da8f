// Packed records: numbered like published ones, expanded by their codec for subscribers, and read back
// from the store exactly as subscribers saw them, also from the middle of a packed row.
import { describe, expect, test } from 'vitest';
import { storeTraceSink } from '../../../src/dev/trace-sink.js';
import { openStore } from '../../../src/store/database.js';
import { TraceHub } from '../../../src/trace/hub.js';
import type { TraceRecord } from '../../../src/trace/record.js';
import { TraceBatcher } from '../../../src/services/workflows/service/history-trace.js';
import type { ExecutionRow } from '../../../src/store/executions.js';

const words = (data: unknown, firstSeq: number): TraceRecord[] =>
  (data as string[]).map((word, i) => ({
    kind: 'log',
    traceId: 't',
    payload: { word },
    seq: firstSeq + i,
    time: '2026-01-01T00:00:00.000Z',
  }));

describe('packed records', () => {
  test('get consecutive numbers between published ones, with or without a sink', () => {
    for (const sink of [undefined, storeTraceSink(openStore({ inMemory: true }))]) {
      const hub = new TraceHub(sink);
      hub.defineCodec('words', words, ['log']);
      const seen: TraceRecord[] = [];
      hub.subscribe((r) => seen.push(r));
      hub.publish({ kind: 'reload', traceId: 'a', payload: {} });
      hub.publishPacked({ codec: 'words', count: 3, time: 0, traceId: 't', data: ['x', 'y', 'z'] });
      hub.publish({ kind: 'reload', traceId: 'b', payload: {} });
      expect(seen.map((r) => [r.seq, r.payload.word ?? r.traceId])).toEqual([
        [1, 'a'],
        [2, 'x'],
        [3, 'y'],
        [4, 'z'],
        [5, 'b'],
      ]);
      if (sink) {
        expect(hub.history({ afterSeq: 0 })).toEqual(seen);
        expect(hub.history({ afterSeq: 2 })).toEqual(seen.slice(2));
      }
    }
  });

  test('a listener of some kinds gets only those, and runs of other kinds are never expanded for it', () => {
    const hub = new TraceHub();
    let expanded = 0;
    hub.defineCodec('words', (data, first) => (expanded++, words(data, first)), ['log']);
    const reloads: TraceRecord[] = [];
    const logs: TraceRecord[] = [];
    hub.subscribe((r) => reloads.push(r), ['reload']);
    hub.publish({ kind: 'reload', traceId: 'a', payload: {} });
    hub.publish({ kind: 'event', traceId: 'e', payload: {} });
    hub.publishPacked({ codec: 'words', count: 2, time: 0, traceId: 't', data: ['x', 'y'] });
    expect(expanded).toBe(0);
    expect(hub.latestSeq).toBe(4);
    const unsubscribe = hub.subscribe((r) => logs.push(r), ['log']);
    hub.publishPacked({ codec: 'words', count: 1, time: 0, traceId: 't', data: ['z'] });
    unsubscribe();
    hub.publishPacked({ codec: 'words', count: 1, time: 0, traceId: 't', data: ['w'] });
    expect(reloads.map((r) => r.seq)).toEqual([1]);
    expect(logs.map((r) => [r.seq, r.payload.word])).toEqual([[5, 'z']]);
    expect(expanded).toBe(1);
    expect(hub.latestSeq).toBe(6);
  });

  test('a stored row of a codec nobody defines reads as nothing', () => {
    const store = openStore({ inMemory: true });
    const sink = storeTraceSink(store);
    const writer = new TraceHub(sink);
    writer.defineCodec('words', words, ['log']);
    writer.publishPacked({ codec: 'words', count: 2, time: 0, traceId: 't', data: ['x', 'y'] });
    writer.publish({ kind: 'reload', traceId: 'r', payload: {} });
    sink.flush();
    const reader = new TraceHub(storeTraceSink(store));
    expect(reader.history({ afterSeq: 0 }).map((r) => r.seq)).toEqual([3]);
  });

  test('an execution’s history events come back as the records subscribers saw', async () => {
    const store = openStore({ inMemory: true });
    const hub = new TraceHub(storeTraceSink(store));
    const batcher = new TraceBatcher(hub);
    const seen: TraceRecord[] = [];
    hub.subscribe((r) => seen.push(r));
    const row = {
      arn: 'arn:aws:states:us-east-1:000000000000:execution:m:run-1',
      stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:m',
      name: 'run-1',
      traceId: 'trace-1',
    } as ExecutionRow;
    const details = (name: string) => ({ name, input: '{}', inputDetails: { truncated: false } });
    const events = [
      {
        id: 1,
        previousEventId: 0,
        timestamp: 1000,
        type: 'ExecutionStarted',
        executionStartedEventDetails: { input: '{}' },
      },
      {
        id: 2,
        previousEventId: 1,
        timestamp: 1000,
        type: 'PassStateEntered',
        stateEnteredEventDetails: details('A'),
      },
      // A new clock reading, and an id that does not follow (a resumed run's numbering).
      {
        id: 5,
        previousEventId: 2,
        timestamp: 1007,
        type: 'TaskStateEntered',
        stateEnteredEventDetails: details('B'),
      },
      {
        id: 6,
        previousEventId: 5,
        timestamp: 1007,
        type: 'TaskFailed',
        taskFailedEventDetails: { error: 'E', cause: 'c' },
      },
      {
        id: 7,
        previousEventId: 6,
        timestamp: 1009,
        type: 'ExecutionFailed',
        executionFailedEventDetails: { error: 'E' },
      },
    ];
    for (const event of events) batcher.add(row, event);
    batcher.flush();
    expect(seen.map((r) => [r.seq, r.kind, r.payload.id, r.time, r.payload.summary])).toEqual([
      [1, 'execution', 1, '1970-01-01T00:00:01.000Z', 'm/run-1 ExecutionStarted'],
      [2, 'state', 2, '1970-01-01T00:00:01.000Z', 'm/run-1 PassStateEntered A'],
      [3, 'state', 5, '1970-01-01T00:00:01.007Z', 'm/run-1 TaskStateEntered B'],
      [4, 'state', 6, '1970-01-01T00:00:01.007Z', 'm/run-1 TaskFailed E c'],
      [5, 'execution', 7, '1970-01-01T00:00:01.009Z', 'm/run-1 ExecutionFailed E'],
    ]);
    expect(seen[4].payload.status).toBe('FAILED');
    expect(seen[1].payload.details).toEqual(details('A'));
    expect(seen[1].resource).toBe(row.arn);
    expect(hub.history({ afterSeq: 0 })).toEqual(seen);
    expect(hub.history({ afterSeq: 3 })).toEqual(seen.slice(3));
  });
});
