// The in-process publisher: services publish trace records, subscribers (SSE clients, tests, the CLI)
// receive them. A sink (the store's trace log) keeps them for `?since=` and assigns sequence numbers.
import type { TraceInput, TraceRecord } from './record.js';

/** Where published records are kept; returns the record's sequence number. */
export interface TraceSink {
  append(record: TraceRecord): number;
  /** Records after `seq`, or at or after `time` (epoch ms). */
  read(query: { afterSeq?: number; sinceTime?: number; limit?: number }): TraceRecord[];
}

/** A subscriber callback; return value ignored. */
export type TraceListener = (record: TraceRecord) => void;

/** Publishes trace records to subscribers, after storing them in the sink. */
export class TraceHub {
  private readonly listeners = new Set<TraceListener>();
  private seq = 0;

  constructor(private readonly sink?: TraceSink) {}

  /** Stores and broadcasts a record; returns it complete. A failing listener never affects others. */
  publish(input: TraceInput): TraceRecord {
    // A literal rather than a spread of `input`: workflows publish thousands of records per second.
    const record: TraceRecord = {
      kind: input.kind,
      traceId: input.traceId,
      payload: input.payload,
      seq: 0,
      time: input.time ?? new Date().toISOString(),
    };
    if (input.resource !== undefined) record.resource = input.resource;
    record.seq = this.sink ? this.sink.append(record) : ++this.seq;
    for (const listener of this.listeners) {
      try {
        listener(record);
      } catch {
        // A subscriber's bug must not break the publisher (a service in the middle of a delivery).
      }
    }
    return record;
  }

  /** Receives every record published from now on; returns the unsubscribe function. */
  subscribe(listener: TraceListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stored records (empty without a sink). */
  history(query: { afterSeq?: number; sinceTime?: number; limit?: number }): TraceRecord[] {
    return this.sink ? this.sink.read(query) : [];
  }
}
