// The store's trace sink: records numbered at once, written in batches, never lost to a reader or to a
// clean stop, and numbered on after a restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { storeTraceSink, TRACE_FLUSH_DELAY_MS } from '../../../src/dev/trace-sink.js';
import { openStore } from '../../../src/store/database.js';
import { TraceHub } from '../../../src/trace/hub.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function countRows(stateDir: string): number {
  const store = openStore({ stateDir });
  const n = (store.db.prepare('SELECT COUNT(*) AS n FROM trace_log').get() as { n: number }).n;
  store.close();
  return n;
}

/** The records another connection reads from the store. */
function storedRecords(stateDir: string) {
  const store = openStore({ stateDir });
  const records = new TraceHub(storeTraceSink(store)).history({ afterSeq: 0 });
  store.close();
  return records;
}

describe('storeTraceSink', () => {
  test('buffers writes for the flush delay, but a reader always sees every record', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'eddy-sink-'));
    dirs.push(stateDir);
    const store = openStore({ stateDir });
    const sink = storeTraceSink(store);
    const hub = new TraceHub(sink);
    const seqs = Array.from(
      { length: 100 },
      (_, i) => hub.publish({ kind: 'log', traceId: `t${i}`, payload: { i } }).seq,
    );
    expect(seqs).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    // Nothing is committed yet: another connection sees no rows, not even in the next turn.
    expect(countRows(stateDir)).toBe(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(countRows(stateDir)).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, TRACE_FLUSH_DELAY_MS + 5));
    expect(storedRecords(stateDir).map((r) => r.seq)).toEqual(seqs);
    hub.publish({ kind: 'log', traceId: 'late', payload: {} });
    expect(hub.history({ afterSeq: 100 }).map((r) => r.traceId)).toEqual(['late']);
    store.close();
  });

  test('flush before close keeps the last records, and numbering continues after a restart', () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'eddy-sink-'));
    dirs.push(stateDir);
    const first = openStore({ stateDir });
    const sink = storeTraceSink(first);
    new TraceHub(sink).publish({ kind: 'event', traceId: 'a', payload: {} });
    sink.flush();
    first.close();
    const second = openStore({ stateDir });
    const hub = new TraceHub(storeTraceSink(second));
    expect(hub.publish({ kind: 'event', traceId: 'b', payload: {} }).seq).toBe(2);
    expect(hub.history({ afterSeq: 0 }).map((r) => r.traceId)).toEqual(['a', 'b']);
    second.close();
  });

  test('a burst past the buffer limit is written without waiting for the turn', () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'eddy-sink-'));
    dirs.push(stateDir);
    const store = openStore({ stateDir });
    const hub = new TraceHub(storeTraceSink(store));
    for (let i = 0; i < 5_000; i++) hub.publish({ kind: 'log', traceId: `burst${i}`, payload: { i } });
    expect(storedRecords(stateDir)).toHaveLength(5_000);
    store.close();
  });

  test('a burst of large records is written once it passes about 256 KB, before the timer', () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'eddy-sink-'));
    dirs.push(stateDir);
    const store = openStore({ stateDir });
    const hub = new TraceHub(storeTraceSink(store));
    const line = 'x'.repeat(50 * 1024);
    for (let i = 0; i < 6; i++) hub.publish({ kind: 'log', traceId: `big${i}`, payload: { message: line } });
    // Six 50 KB lines pass the limit on the sixth: written at once, seen by another connection.
    expect(storedRecords(stateDir)).toHaveLength(6);
    hub.publish({ kind: 'log', traceId: 'small', payload: { message: 'short' } });
    expect(storedRecords(stateDir)).toHaveLength(6);
    store.close();
  });

  test('consecutive records share rows, and read back one by one, in order, from any point', () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'eddy-sink-'));
    dirs.push(stateDir);
    const first = openStore({ stateDir });
    const sink = storeTraceSink(first);
    const hub = new TraceHub(sink);
    const line = (i: number) =>
      hub.publish({ kind: 'log', traceId: 'inv', resource: 'fn', payload: { message: `line ${i}` } });
    for (let i = 0; i < 600; i++) line(i);
    hub.publish({ kind: 'event', traceId: 'other', payload: {} });
    for (let i = 600; i < 700; i++) line(i);
    sink.flush();
    first.close();
    // 701 records written in one flush: rows of 256, 256 and 189.
    expect(countRows(stateDir)).toBe(3);
    const second = openStore({ stateDir });
    const reread = new TraceHub(storeTraceSink(second));
    const all = reread.history({ afterSeq: 0 });
    expect(all.map((r) => r.seq)).toEqual(Array.from({ length: 701 }, (_, i) => i + 1));
    expect(all[600]).toMatchObject({ kind: 'event', traceId: 'other' });
    expect(all[700]).toMatchObject({
      kind: 'log',
      traceId: 'inv',
      resource: 'fn',
      payload: { message: 'line 699' },
    });
    // From the middle of a row: only the records after it.
    const tail = reread.history({ afterSeq: 300 });
    expect(tail[0]).toMatchObject({ seq: 301, kind: 'log', payload: { message: 'line 300' } });
    expect(tail).toHaveLength(401);
    second.close();
  });
  test('a payload JSON cannot hold loses only its own record, alone or inside a batch', () => {
    const store = openStore({ inMemory: true });
    const sink = storeTraceSink(store);
    const hub = new TraceHub(sink);
    hub.publish({ kind: 'log', traceId: 'alone', payload: { n: 1n } });
    sink.flush();
    hub.publish({ kind: 'log', traceId: 'before', payload: {} });
    hub.publish({ kind: 'log', traceId: 'bad', payload: { n: 2n } });
    hub.publish({ kind: 'log', traceId: 'after', payload: {} });
    expect(hub.history({ afterSeq: 0 }).map((r) => r.traceId)).toEqual(['before', 'after']);
    store.close();
  });
});

describe('storeTraceSink after the store closed', () => {
  test('a record published after close is dropped, never thrown when the buffer is written', async () => {
    const store = openStore({ inMemory: true });
    const hub = new TraceHub(storeTraceSink(store));
    hub.publish({ kind: 'log', traceId: 'before', payload: {} });
    store.close();
    hub.publish({ kind: 'log', traceId: 'after', payload: {} });
    const crashes: unknown[] = [];
    const onError = (error: unknown) => crashes.push(error);
    process.on('uncaughtException', onError);
    await new Promise((resolve) => setTimeout(resolve, TRACE_FLUSH_DELAY_MS + 5));
    process.off('uncaughtException', onError);
    expect(crashes).toEqual([]);
  });
});
