// Connects the trace hub to the store's trace log, so records survive and `?since=` can replay them.
// Records are numbered at once but written in batches, one transaction per TRACE_FLUSH_DELAY_MS: a
// handler printing 50,000 log lines costs a handful of commits instead of 50,000 on the thread that
// answers requests, and a steady 1,000 events/s (seven records each on the way to a function) costs
// about fifty instead of thousands (a commit is ~30-50 µs here, most of a function delivery's CPU when
// each turn made its own). A reader flushes first, so it never misses a record. Trace records are
// observability, not acknowledged data: a kill -9 may lose the last few milliseconds of them, never
// an event, message or execution.
// Consecutive records (up to 256) are stored as one row of kind `batch`, read back one by one: a row
// costs far more than its bytes, and a 1,000-state execution would otherwise write 2,000 rows, a handler
// printing a million lines a million rows, and each bus event four. Packed records (a workflow's run of
// history events) are one row of kind `codec:<name>` holding `{ s: firstSeq, d: data }`, expanded on read
// by the codec the publishing service defined on the hub.
import type { Store } from '../store/database.js';
import { TraceLog, traceLogFamily, type NumberedTraceRow, type TraceLogRow } from '../store/trace-log.js';
import type { TraceSink } from '../trace/hub.js';
import type { TraceCodec } from '../trace/packed.js';
import type { TraceRecord } from '../trace/record.js';

/** Beyond this many buffered records the sink writes at once rather than waiting for the timer. */
const MAX_BUFFERED = 5_000;
/**
 * Beyond about this many characters of buffered text, too: a handler printing 100 MB of 1 KB lines
 * filled 5,000 records (5 MB) between two writes, and serializing and committing them held eddy's
 * event loop for 30-40 ms at a time (health checks must answer within 100 ms during such a storm).
 */
const MAX_BUFFERED_CHARS = 256 * 1024;
/** How long the first buffered record waits for others to share its transaction. */
export const TRACE_FLUSH_DELAY_MS = 20;

/** The kind of a row holding consecutive records: `[[seq, time, kind, traceId, resource, payload], ...]`. */
const BATCH = 'batch';
const BATCH_MAX = 256;
/** The kind prefix of a packed row. */
const CODEC = 'codec:';

/** One record inside a batch row. */
type Packed = [number, number, TraceRecord['kind'], string, string | null, Record<string, unknown>];

/** A record waiting to be written: its payload is serialized with its run's, in one call, at the flush. */
interface Pending {
  seq: number;
  time: number;
  kind: TraceRecord['kind'];
  traceId: string;
  resource: string | undefined;
  payload: Record<string, unknown>;
}

/** What the buffer holds: records, and packed rows already serialized. */
type Buffered = Pending | NumberedTraceRow;

const isRow = (entry: Buffered): entry is NumberedTraceRow => typeof entry.payload === 'string';

/** The rows to write: runs of up to BATCH_MAX records become one row each, packed rows stay as they are. */
function pack(entries: Buffered[]): NumberedTraceRow[] {
  const out: NumberedTraceRow[] = [];
  let run: Pending[] = [];
  for (const entry of entries) {
    if (isRow(entry)) {
      run = packRun(run, out);
      out.push(entry);
      continue;
    }
    run.push(entry);
    if (run.length === BATCH_MAX) run = packRun(run, out);
  }
  packRun(run, out);
  return out;
}

/**
 * Appends `run` to `out` as one row (a batch row when it holds several records); returns a new run.
 * One JSON.stringify over the whole run costs half of serializing each payload and joining the texts.
 */
function packRun(run: Pending[], out: NumberedTraceRow[]): Pending[] {
  if (run.length === 0) return run;
  const last = run[run.length - 1];
  if (run.length === 1) {
    const payload = serialize(last.payload);
    if (payload !== undefined) out.push({ ...last, payload });
    return [];
  }
  let time = 0;
  const tuples: unknown[] = [];
  for (const r of run) {
    if (r.time > time) time = r.time;
    tuples.push([r.seq, r.time, r.kind, r.traceId, r.resource ?? null, r.payload]);
  }
  // The row's seq is its last record's and its time the latest: `seq > n` and `time >= t` queries
  // find every row holding a record they want (the rest is filtered after reading).
  const row = { seq: last.seq, time, kind: BATCH, traceId: run[0].traceId };
  const payload = serialize(tuples);
  if (payload !== undefined) out.push({ ...row, payload });
  else {
    // A payload JSON cannot hold (a BigInt, a cycle) loses its own record, not its neighbours'.
    const kept = tuples.filter((tuple) => serialize(tuple) !== undefined);
    out.push({ ...row, payload: JSON.stringify(kept) });
  }
  return [];
}

/** The length of a payload's top-level strings: a cheap measure of what a log line or a body adds. */
function textChars(payload: Record<string, unknown>): number {
  let chars = 0;
  for (const key in payload) {
    const value = payload[key];
    if (typeof value === 'string') chars += value.length;
  }
  return chars;
}

/** JSON text of `value`, or undefined when it cannot be serialized. */
function serialize(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

/** The records a stored row holds (a batch row holds several, a packed row as many as its codec says). */
function unpack(row: TraceLogRow, codecs: ReadonlyMap<string, TraceCodec> | undefined): TraceRecord[] {
  if (row.kind.startsWith(CODEC)) {
    // A row of a codec no service defines now (an old log, a service not started) has nothing to show.
    const expand = codecs?.get(row.kind.slice(CODEC.length));
    if (!expand) return [];
    try {
      const { s, d } = JSON.parse(row.payload) as { s: number; d: unknown };
      return expand(d, s);
    } catch {
      // A row the codec cannot read (written by another version of it) is lost observability, not an
      // error that should stop eddy from starting.
      return [];
    }
  }
  if (row.kind !== BATCH)
    return [
      {
        seq: row.seq,
        time: new Date(row.time).toISOString(),
        kind: row.kind as TraceRecord['kind'],
        traceId: row.traceId,
        ...(row.resource ? { resource: row.resource } : {}),
        payload: JSON.parse(row.payload),
      },
    ];
  return (JSON.parse(row.payload) as Packed[]).map(([seq, time, kind, traceId, resource, payload]) => ({
    seq,
    time: new Date(time).toISOString(),
    kind,
    traceId,
    ...(resource ? { resource } : {}),
    payload,
  }));
}

/** A TraceSink writing to the store, with `flush()` to write what is buffered (before closing the store). */
export function storeTraceSink(store: Store): TraceSink & { flush(): void } {
  store.migrate(traceLogFamily);
  const log = new TraceLog(store.db);
  let lastSeq = log.maxSeq();
  let buffer: Buffered[] = [];
  /** Records in `buffer` (a packed row holds many). */
  let buffered = 0;
  /** Characters of text in `buffer`, roughly: the string fields of payloads, and packed rows. */
  let bufferedChars = 0;
  let scheduled: NodeJS.Timeout | undefined;
  // Records come in bursts sharing a timestamp (a workflow's transitions within one millisecond):
  // the last time text parsed is remembered instead of parsing each record's again.
  let lastText = '';
  let lastTime = 0;
  const flush = () => {
    if (scheduled) clearTimeout(scheduled);
    scheduled = undefined;
    if (buffer.length === 0) return;
    const rows = buffer;
    buffer = [];
    buffered = 0;
    bufferedChars = 0;
    // A record published after the store closed (a child run aborting during stop) has nowhere to go;
    // trace rows are observability, so a closed or failing store drops them rather than crash eddy.
    if (!store.db.open) return;
    try {
      log.appendNumbered(pack(rows));
    } catch {
      // Dropped, as above.
    }
  };
  /** Counts `records` just buffered: written at once past either limit, else within the flush delay. */
  const added = (records: number, chars: number) => {
    buffered += records;
    bufferedChars += chars;
    if (buffered >= MAX_BUFFERED || bufferedChars >= MAX_BUFFERED_CHARS) flush();
    else scheduled ??= setTimeout(flush, TRACE_FLUSH_DELAY_MS);
  };
  return {
    append: (record) => {
      // The payload is serialized at the flush: a publisher hands it over and never changes it after.
      buffer.push({
        seq: ++lastSeq,
        time:
          record.time === lastText ? lastTime : ((lastText = record.time), (lastTime = Date.parse(lastText))),
        kind: record.kind,
        traceId: record.traceId,
        resource: record.resource,
        payload: record.payload,
      });
      added(1, textChars(record.payload));
      return lastSeq;
    },
    appendPacked: (packed) => {
      const first = lastSeq + 1;
      lastSeq += packed.count;
      // Serialized now: the row keeps the data as it was published, whatever the publisher does next.
      const payload = JSON.stringify({ s: first, d: packed.data });
      buffer.push({
        seq: lastSeq,
        time: packed.time,
        kind: CODEC + packed.codec,
        traceId: packed.traceId,
        resource: packed.resource,
        payload,
      });
      added(packed.count, payload.length);
      return first;
    },
    read: ({ afterSeq, sinceTime, limit }, codecs) => {
      flush();
      const rows = afterSeq !== undefined ? log.afterSeq(afterSeq, limit) : log.since(sinceTime ?? 0, limit);
      const records = rows
        .flatMap((row) => unpack(row, codecs))
        .filter((r) => (afterSeq !== undefined ? r.seq > afterSeq : Date.parse(r.time) >= (sinceTime ?? 0)));
      // A batch row counts as one row in the query's limit but holds several records.
      return records.slice(0, limit ?? 10_000);
    },
    flush,
  };
}
