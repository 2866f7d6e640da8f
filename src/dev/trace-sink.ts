// Connects the trace hub to the store's trace log, so records survive and `?since=` can replay them.
// Records are numbered at once but written in batches, one transaction per turn of the event loop: a
// handler printing 50,000 log lines costs 50,000 inserts in a handful of commits instead of 50,000
// commits on the thread that answers requests. Trace records are observability, not acknowledged data:
// a kill -9 may lose the last turn's records, never an event, message or execution.
// A run of `state` records of one execution (a transition each), or of `log` records of one invocation
// (a line each), is stored as one row of kind `state-batch` / `log-batch` per run of up to 256 records,
// read back one by one: a row costs far more than its bytes, and a 1,000-state execution would otherwise
// write 2,000 rows, a handler printing a million lines a million rows.
import type { Store } from '../store/database.js';
import { TraceLog, traceLogFamily, type NumberedTraceRow } from '../store/trace-log.js';
import type { TraceSink } from '../trace/hub.js';
import type { TraceRecord } from '../trace/record.js';
import type { TraceLogRow } from '../store/trace-log.js';

/** Beyond this many buffered records the sink writes at once rather than waiting for the next turn. */
const MAX_BUFFERED = 5_000;

/** The kind of a row holding consecutive records of one kind, trace and resource: `[[seq, time, payload], ...]`. */
const BATCH_KIND: Record<string, string> = { state: 'state-batch', log: 'log-batch' };
/** The records' kind of each batch kind. */
const RECORD_KIND: Record<string, TraceRecord['kind']> = { 'state-batch': 'state', 'log-batch': 'log' };
const BATCH_MAX = 256;

/** The rows to write: runs of batched records sharing kind, trace id and resource become one row each. */
function pack(rows: NumberedTraceRow[]): NumberedTraceRow[] {
  const out: NumberedTraceRow[] = [];
  for (let i = 0; i < rows.length;) {
    const first = rows[i];
    let end = i + 1;
    const batchKind = BATCH_KIND[first.kind];
    if (batchKind)
      while (
        end < rows.length &&
        end - i < BATCH_MAX &&
        rows[end].kind === first.kind &&
        rows[end].traceId === first.traceId &&
        rows[end].resource === first.resource
      )
        end++;
    if (end - i === 1) out.push(first);
    else {
      const run = rows.slice(i, end);
      // The row's seq is its last record's and its time the latest: `seq > n` and `time >= t` queries
      // find every row holding a record they want (the rest is filtered after reading).
      out.push({
        seq: run[run.length - 1].seq,
        time: Math.max(...run.map((r) => r.time)),
        kind: batchKind,
        traceId: first.traceId,
        resource: first.resource,
        payload: `[${run.map((r) => `[${r.seq},${r.time},${r.payload}]`).join(',')}]`,
      });
    }
    i = end;
  }
  return out;
}

/** The records a stored row holds (a batch row holds several). */
function unpack(row: TraceLogRow): TraceRecord[] {
  const base = { traceId: row.traceId, ...(row.resource ? { resource: row.resource } : {}) };
  const kind = RECORD_KIND[row.kind];
  if (!kind)
    return [
      {
        seq: row.seq,
        time: new Date(row.time).toISOString(),
        kind: row.kind as TraceRecord['kind'],
        ...base,
        payload: JSON.parse(row.payload),
      },
    ];
  return (JSON.parse(row.payload) as [number, number, Record<string, unknown>][]).map(
    ([seq, time, payload]) => ({
      seq,
      time: new Date(time).toISOString(),
      kind,
      ...base,
      payload,
    }),
  );
}

/** A TraceSink writing to the store, with `flush()` to write what is buffered (before closing the store). */
export function storeTraceSink(store: Store): TraceSink & { flush(): void } {
  store.migrate(traceLogFamily);
  const log = new TraceLog(store.db);
  let lastSeq = log.maxSeq();
  let buffer: NumberedTraceRow[] = [];
  let scheduled: NodeJS.Immediate | undefined;
  // Records come in bursts sharing a timestamp (a workflow's transitions within one millisecond):
  // the last time text parsed is remembered instead of parsing each record's again.
  let lastText = '';
  let lastTime = 0;
  const flush = () => {
    if (scheduled) clearImmediate(scheduled);
    scheduled = undefined;
    if (buffer.length === 0) return;
    const rows = buffer;
    buffer = [];
    // A record published after the store closed (a child run aborting during stop) has nowhere to go;
    // trace rows are observability, so a closed or failing store drops them rather than crash eddy.
    if (!store.db.open) return;
    try {
      log.appendNumbered(pack(rows));
    } catch {
      // Dropped, as above.
    }
  };
  return {
    append: (record) => {
      buffer.push({
        seq: ++lastSeq,
        time:
          record.time === lastText ? lastTime : ((lastText = record.time), (lastTime = Date.parse(lastText))),
        kind: record.kind,
        traceId: record.traceId,
        resource: record.resource,
        payload: JSON.stringify(record.payload),
      });
      if (buffer.length >= MAX_BUFFERED) flush();
      else scheduled ??= setImmediate(flush);
      return lastSeq;
    },
    read: ({ afterSeq, sinceTime, limit }) => {
      flush();
      const rows = afterSeq !== undefined ? log.afterSeq(afterSeq, limit) : log.since(sinceTime ?? 0, limit);
      const records = rows
        .flatMap(unpack)
        .filter((r) => (afterSeq !== undefined ? r.seq > afterSeq : Date.parse(r.time) >= (sinceTime ?? 0)));
      // A batch row counts as one row in the query's limit but holds several records.
      return records.slice(0, limit ?? 10_000);
    },
    flush,
  };
}
