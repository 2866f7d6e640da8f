// The console's read-only endpoints over the trace log: the last sequence number, pages of events
// newest first, and the records of one trace.
import { describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { consoleApi, findLastSeq, recordsBefore, traceRecords } from '../../../src/dev/console-api.js';
import { storeTraceSink } from '../../../src/dev/trace-sink.js';
import { openStore } from '../../../src/store/database.js';
import { emptyApp } from '../../../src/template/model.js';
import { TraceHub } from '../../../src/trace/hub.js';
import type { TraceRecord } from '../../../src/trace/record.js';

const isEvent = (r: TraceRecord) => r.kind === 'event';

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
    const page = recordsBefore(hub, isEvent, last + 1, 5);
    expect(page.map((r) => r.seq)).toEqual([10000, 9997, 9994, 9991, 9988]);
    const next = recordsBefore(hub, isEvent, page[4].seq, 3);
    expect(next.map((r) => r.seq)).toEqual([9985, 9982, 9979]);
    expect(recordsBefore(hub, isEvent, 5, 10).map((r) => r.seq)).toEqual([4, 1]);
    expect(recordsBefore(hub, isEvent, 1, 10)).toEqual([]);
  });

  it('collects every record of one trace from a sequence number on', () => {
    const hub = hubWith(9000);
    const records = traceRecords(hub, 't2500', 7498);
    expect(records.map((r) => r.seq)).toEqual([7498, 7499, 7500]);
    expect(records.every((r) => r.traceId === 't2500')).toBe(true);
    expect(traceRecords(hub, 't1', 0).map((r) => r.seq)).toEqual([1, 2, 3]);
  });
});

describe('consoleApi over HTTP', () => {
  async function serve(hub: TraceHub) {
    const handler = consoleApi({ trace: hub, app: () => emptyApp() });
    const server = createServer((req, res) => {
      if (!handler(req, res)) res.writeHead(599).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { base, close: () => new Promise((resolve) => server.close(resolve)) };
  }

  it('pages events, narrows them by an event pattern, and explains a bad pattern', async () => {
    const hub = new TraceHub(storeTraceSink(openStore({ inMemory: true })));
    for (const source of ['a', 'b', 'a'])
      hub.publish({
        kind: 'event',
        traceId: source,
        payload: { bus: 'default', event: { source, detail: {} } },
      });
    hub.publish({ kind: 'match', traceId: 'a', payload: {} });
    const { base, close } = await serve(hub);
    try {
      const all = (await (await fetch(`${base}/_eddy/events`)).json()) as {
        records: TraceRecord[];
        lastSeq: number;
      };
      expect(all.lastSeq).toBe(4);
      expect(all.records.map((r) => r.seq)).toEqual([3, 2, 1]);
      const pattern = encodeURIComponent('{"source":["a"]}');
      const only = (await (await fetch(`${base}/_eddy/events?pattern=${pattern}`)).json()) as {
        records: TraceRecord[];
      };
      expect(only.records.map((r) => r.seq)).toEqual([3, 1]);
      const bad = await fetch(`${base}/_eddy/events?pattern=${encodeURIComponent('{"source":"a"}')}`);
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { __type: string }).__type).toBe('InvalidEventPatternException');
      expect((await fetch(`${base}/_eddy/trace`)).status).toBe(400);
      expect((await fetch(`${base}/_eddy/events`, { method: 'POST' })).status).toBe(405);
      expect((await fetch(`${base}/_eddy/other`)).status).toBe(599);
    } finally {
      await close();
    }
  });
});
