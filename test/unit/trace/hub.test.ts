import { describe, expect, test } from 'vitest';
import { TraceHub } from '../../../src/trace/hub.js';
import { openStore } from '../../../src/store/database.js';
import { storeTraceSink } from '../../../src/dev/trace-sink.js';

describe('TraceHub', () => {
  test('numbers records, delivers them to subscribers and survives a failing listener', () => {
    const hub = new TraceHub();
    const seen: number[] = [];
    hub.subscribe(() => {
      throw new Error('broken subscriber');
    });
    const unsubscribe = hub.subscribe((r) => seen.push(r.seq));
    hub.publish({ kind: 'event', traceId: 't1', payload: {} });
    hub.publish({ kind: 'event', traceId: 't2', payload: {} });
    unsubscribe();
    hub.publish({ kind: 'event', traceId: 't3', payload: {} });
    expect(seen).toEqual([1, 2]);
  });

  test('with the store as sink, history is readable by sequence and by time', () => {
    const store = openStore({ inMemory: true });
    const hub = new TraceHub(storeTraceSink(store));
    hub.publish({ kind: 'reload', traceId: 'a', time: '2026-01-01T00:00:00.000Z', payload: { n: 1 } });
    const second = hub.publish({ kind: 'log', traceId: 'b', resource: 'fn', payload: { message: 'hi' } });
    expect(hub.history({ afterSeq: 1 })).toEqual([second]);
    expect(hub.history({ sinceTime: Date.parse('2026-01-01T00:00:00.000Z') }).map((r) => r.traceId)).toEqual([
      'a',
      'b',
    ]);
    store.close();
  });
});
