// Connects the trace hub to the store's trace log, so records survive and `?since=` can replay them.
// Records are numbered at once but written in batches, one transaction per turn of the event loop: a
// handler printing 50,000 log lines costs 50,000 inserts in a handful of commits instead of 50,000
// commits on the thread that answers requests. Trace records are observability, not acknowledged data:
// a kill -9 may lose the last turn's records, never an event, message or execution.
import type { Store } from '../store/database.js';
import { TraceLog, traceLogFamily, type NumberedTraceRow } from '../store/trace-log.js';
import type { TraceSink } from '../trace/hub.js';
import type { TraceRecord } from '../trace/record.js';

/** Beyond this many buffered records the sink writes at once rather than waiting for the next turn. */
const MAX_BUFFERED = 5_000;

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
      log.appendNumbered(rows);
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
      return rows.map((row): TraceRecord => ({
        seq: row.seq,
        time: new Date(row.time).toISOString(),
        kind: row.kind as TraceRecord['kind'],
        traceId: row.traceId,
        ...(row.resource ? { resource: row.resource } : {}),
        payload: JSON.parse(row.payload),
      }));
    },
    flush,
  };
}
