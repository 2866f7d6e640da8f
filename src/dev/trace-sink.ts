// Connects the trace hub to the store's trace log, so records survive and `?since=` can replay them.
import type { Store } from '../store/database.js';
import { TraceLog, traceLogFamily } from '../store/trace-log.js';
import type { TraceSink } from '../trace/hub.js';
import type { TraceRecord } from '../trace/record.js';

/** A TraceSink writing to the store. */
export function storeTraceSink(store: Store): TraceSink {
  store.migrate(traceLogFamily);
  const log = new TraceLog(store.db);
  return {
    append: (record) =>
      log.append({
        time: Date.parse(record.time),
        kind: record.kind,
        traceId: record.traceId,
        resource: record.resource,
        payload: JSON.stringify(record.payload),
      }),
    read: ({ afterSeq, sinceTime, limit }) => {
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
  };
}
