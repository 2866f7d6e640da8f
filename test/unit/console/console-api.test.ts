// The console's read-only endpoints over the trace log: the last sequence number, pages of events
// newest first, and the records of one trace.
import { describe, expect, it } from 'vitest';
import { findLastSeq, recordsBefore, traceRecords } from '../../../src/dev/console-api.js';
import { storeTraceSink } from '../../../src/dev/trace-sink.js';
import { openStore } from '../../../src/store/database.js';
import { TraceHub } from '../../../src/trace/hub.js';

function hubWith(count: number): TraceHub {
  const hub = new TraceHub(storeTraceSink(openStore({ inMemory: true })));
  for (let i = 1; i <= count; i++) {
    const traceId = `t${Math.ceil(i / 3)}`;
    hub.publish({ kind: i % 3 === 1 ? 'event' : 'delivery', traceId, payload: { i } });
  }
  return hub;
}

describe('console endpoints over the trace log', () => {
  it('finds the last sequence number by probing', () => {
    expect(findLastSeq(hubWith(0))).toBe(0);
    for (const n of [1, 2, 3, 7, 8, 9, 1000, 4097]) expect(findLastSeq(hubWith(n))).toBe(n);
  });

  it('pages events newest first, before a sequence number', () => {
    const hub = hubWith(10_000); // events at seq 1, 4, 7, ..., 10000
    const last = findLastSeq(hub);
    const page = recordsBefore(hub, 'event', last + 1, 5);
    expect(page.map((r) => r.seq)).toEqual([10000, 9997, 9994, 9991, 9988]);
    const next = recordsBefore(hub, 'event', page[4].seq, 3);
    expect(next.map((r) => r.seq)).toEqual([9985, 9982, 9979]);
    expect(recordsBefore(hub, 'event', 5, 10).map((r) => r.seq)).toEqual([4, 1]);
    expect(recordsBefore(hub, 'event', 1, 10)).toEqual([]);
  });

  it('collects every record of one trace from a sequence number on', () => {
    const hub = hubWith(9000);
    const records = traceRecords(hub, 't2500', 7498);
    expect(records.map((r) => r.seq)).toEqual([7498, 7499, 7500]);
    expect(records.every((r) => r.traceId === 't2500')).toBe(true);
    expect(traceRecords(hub, 't1', 0).map((r) => r.seq)).toEqual([1, 2, 3]);
  });
});
