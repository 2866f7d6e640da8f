import { describe, expect, it } from 'vitest';
import { Counters } from '../../../src/console/counts.js';
import { EventList, matchesFilter, toEventRow } from '../../../src/console/event-list.js';
import { describeRecord, summarizeTrace } from '../../../src/console/trace-summary.js';
import type { TraceRecord } from '../../../src/console/types.js';

let seq = 0;
const rec = (
  kind: TraceRecord['kind'],
  payload: Record<string, unknown>,
  resource?: string,
  traceId = 't1',
): TraceRecord => ({
  seq: ++seq,
  time: new Date(1_700_000_000_000 + seq).toISOString(),
  kind,
  traceId,
  resource,
  payload,
});
const event = (source: string, detailType: string, bus = 'orders', id = `e${seq + 1}`) =>
  rec(
    'event',
    {
      bus,
      event: { id, source, 'detail-type': detailType, time: '2026-01-01T00:00:00Z', detail: { n: seq } },
    },
    'bus-arn',
    id,
  );

describe('Counters', () => {
  it('counts events, matches, deliveries and invocations per node (without Lambda qualifiers)', () => {
    const c = new Counters();
    c.add(event('a', 'A'));
    c.add(rec('match', { rule: 'r' }, 'rule-arn'));
    c.add(rec('delivery', { outcome: 'succeeded' }, 'q-arn'));
    c.add(rec('delivery', { outcome: 'failed', retryInMs: 10 }, 'q-arn'));
    c.add(rec('invocation', { status: 'failed' }, 'arn:aws:lambda:us-east-1:1:function:f:live'));
    c.add(
      rec(
        'delivery',
        { via: 'event-source-mapping', mapping: 'u1', outcome: 'succeeded' },
        'arn:aws:lambda:us-east-1:1:function:f',
      ),
    );
    expect(c.summary('bus-arn')).toBe('1 events');
    expect(c.summary('rule-arn')).toBe('1 matched');
    expect(c.summary('q-arn')).toBe('1 delivered · 1 failed');
    expect(c.summary('arn:aws:lambda:us-east-1:1:function:f')).toBe('1 invocations · 1 errors · 1 delivered');
    expect(c.summary('mapping-arn', 'esm:u1')).toBe('1 batches');
    expect(c.summary('nothing')).toBe('');
  });
});

describe('EventList', () => {
  it('keeps events newest first without duplicates, whatever order they arrive in', () => {
    const list = new EventList();
    const rows = [event('a', 'A'), event('b', 'B'), event('a', 'C')].map((r) => toEventRow(r)!);
    list.add([rows[1]]);
    list.add([rows[2], rows[0], rows[1]]);
    expect(list.size).toBe(3);
    expect(list.filtered({}).map((r) => r.seq)).toEqual([rows[2].seq, rows[1].seq, rows[0].seq]);
    expect(list.oldestSeq()).toBe(rows[0].seq);
    expect([...list.sources].sort()).toEqual(['a', 'b']);
  });

  it('joins newer live rows at the front, older pages at the back, and overlaps in order', () => {
    const list = new EventList();
    const rows = Array.from({ length: 9 }, (_, i) => toEventRow(event(`s${i}`, 'T'))!);
    const seqs = () => list.filtered({}).map((r) => r.seq);
    list.add([rows[4], rows[5]]);
    list.add([rows[7], rows[6]]); // live
    list.add([rows[1], rows[3]]); // an older page
    list.add([rows[8], rows[2], rows[0]]); // newer and older at once
    expect(seqs()).toEqual(rows.map((r) => r.seq).reverse());
  });

  it('filters by source, detail-type, bus and text', () => {
    const row = toEventRow(event('shop', 'Placed', 'orders'))!;
    expect(matchesFilter(row, { source: 'shop', detailType: 'Placed', bus: 'orders' })).toBe(true);
    expect(matchesFilter(row, { source: 'other' })).toBe(false);
    expect(matchesFilter(row, { bus: 'default' })).toBe(false);
    expect(matchesFilter(row, { text: 'PLACED' })).toBe(true);
    expect(matchesFilter(row, { text: 'missing' })).toBe(false);
  });

  it('holds and filters 100,000 events', () => {
    const list = new EventList();
    const rows = [];
    for (let i = 0; i < 100_000; i++) rows.push(toEventRow(event(i % 10 === 0 ? 'rare' : 'common', 'T'))!);
    list.add(rows);
    expect(list.size).toBe(100_000);
    expect(list.filtered({ source: 'rare' })).toHaveLength(10_000);
  });

  it('ignores records that are not events', () => {
    expect(toEventRow(rec('match', {}))).toBeUndefined();
  });
});

describe('summarizeTrace', () => {
  it('lists matched rules and each delivery with its attempts and last status', () => {
    const records = [
      event('a', 'A', 'orders', 't9'),
      rec('match', { rule: 'r1', targets: ['q', 'f'] }, 'rule-arn', 't9'),
      rec(
        'delivery',
        { rule: 'r1', target: 'q', targetArn: 'q-arn', outcome: 'failed', error: 'down', retryInMs: 100 },
        'q-arn',
        't9',
      ),
      rec('delivery', { rule: 'r1', target: 'q', targetArn: 'q-arn', outcome: 'succeeded' }, 'q-arn', 't9'),
    ];
    const summary = summarizeTrace(records);
    expect(summary.matched).toEqual([{ rule: 'r1', ruleArn: 'rule-arn', targets: ['q', 'f'] }]);
    const q = summary.deliveries.find((d) => d.target === 'q')!;
    expect(q.status).toBe('succeeded');
    expect(q.attempts.map((a) => a.outcome)).toEqual(['failed', 'succeeded']);
    expect(q.attempts[0]).toMatchObject({ error: 'down', retryInMs: 100 });
    expect(summary.deliveries.find((d) => d.target === 'f')!.status).toBe('pending');
  });

  it('describes records in one line', () => {
    expect(describeRecord(event('shop', 'Placed'))).toBe('event shop / Placed on orders');
    expect(describeRecord(rec('message', { queue: 'q', action: 'sent' }))).toBe('queue q: sent');
    expect(describeRecord(rec('log', { function: 'pay', stream: 'stdout', message: 'hi' }))).toBe(
      'pay log: hi',
    );
    expect(describeRecord(rec('invocation', { function: 'pay', status: 'succeeded', durationMs: 3 }))).toBe(
      'invoked pay: succeeded in 3 ms',
    );
  });
});
