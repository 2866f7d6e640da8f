// The in-process publisher: services publish trace records, subscribers (SSE clients, tests, the CLI)
// receive them. A sink (the store's trace log) keeps them for `?since=` and assigns sequence numbers.
import { isoTime } from '../shared/iso-time.js';
import type { PackedRecords, TraceCodec } from './packed.js';
import type { TraceInput, TraceKind, TraceRecord } from './record.js';

/** Where published records are kept; returns the record's sequence number. */
export interface TraceSink {
  append(record: TraceRecord): number;
  /** Keeps packed records under `count` consecutive sequence numbers; returns the first. */
  appendPacked(packed: PackedRecords): number;
  /** Records after `seq`, or at or after `time` (epoch ms); packed rows are expanded by `codecs`. */
  read(
    query: { afterSeq?: number; sinceTime?: number; limit?: number },
    codecs?: ReadonlyMap<string, TraceCodec>,
  ): TraceRecord[];
}

/** A subscriber callback; return value ignored. */
export type TraceListener = (record: TraceRecord) => void;

/** Publishes trace records to subscribers, after storing them in the sink. */
export class TraceHub {
  /** Each listener with the kinds it asked for (undefined: every kind). */
  private readonly listeners = new Map<TraceListener, ReadonlySet<TraceKind> | undefined>();
  private seq = 0;
  private latest: number | undefined;
  private readonly codecs = new Map<string, TraceCodec>();
  private readonly codecKinds = new Map<string, readonly TraceKind[]>();

  constructor(private readonly sink?: TraceSink) {}

  /** Stores and broadcasts a record; returns it complete. A failing listener never affects others. */
  publish(input: TraceInput): TraceRecord {
    // A literal rather than a spread of `input`: workflows publish thousands of records per second.
    const record: TraceRecord = {
      kind: input.kind,
      traceId: input.traceId,
      payload: input.payload,
      seq: 0,
      time: input.time ?? isoTime(Date.now()),
    };
    if (input.resource !== undefined) record.resource = input.resource;
    record.seq = this.sink ? this.sink.append(record) : ++this.seq;
    this.latest = record.seq;
    this.notify(record, this.listeners);
    return record;
  }

  /**
   * Names the expander of packed records of `codec` (a service registers its own on start) and the
   * kinds of record it expands to, so listeners of other kinds never make it expand a run.
   */
  defineCodec(codec: string, expand: TraceCodec, kinds: readonly TraceKind[]): void {
    this.codecs.set(codec, expand);
    this.codecKinds.set(codec, kinds);
  }

  /**
   * Stores and broadcasts a run of records as one: the sink keeps `packed.data` as it is, and the
   * records are expanded by the codec (or built by `live`, which must give the same records) only
   * when someone listens, or reads them back later.
   */
  publishPacked(packed: PackedRecords, live?: (firstSeq: number) => TraceRecord[]): void {
    if (packed.count === 0) return;
    const expand = this.codecs.get(packed.codec);
    if (!expand) throw new Error(`no trace codec ${packed.codec}`);
    let first: number;
    if (this.sink) first = this.sink.appendPacked(packed);
    else {
      first = this.seq + 1;
      this.seq += packed.count;
    }
    this.latest = first + packed.count - 1;
    const kinds = this.codecKinds.get(packed.codec) ?? [];
    const wanting = [...this.listeners].filter(
      ([, wanted]) => wanted === undefined || kinds.some((kind) => wanted.has(kind)),
    );
    if (wanting.length === 0) return;
    // `live` builds the same records from what the publisher still holds, without decoding `data`.
    for (const record of live ? live(first) : expand(packed.data, first)) this.notify(record, wanting);
  }

  /** Hands a record to each of `listeners` that takes its kind. A failing listener never affects others. */
  private notify(
    record: TraceRecord,
    listeners: Iterable<[TraceListener, ReadonlySet<TraceKind> | undefined]>,
  ): void {
    for (const [listener, kinds] of listeners) {
      if (kinds !== undefined && !kinds.has(record.kind)) continue;
      try {
        listener(record);
      } catch {
        // A subscriber's bug must not break the publisher (a service in the middle of a delivery).
      }
    }
  }

  /** The sequence number of the newest record published by this hub (undefined before the first). */
  get latestSeq(): number | undefined {
    return this.latest;
  }

  /**
   * Receives every record published from now on, or only those of `kinds` (cheaper: a run of packed
   * records of other kinds is then never expanded); returns the unsubscribe function.
   */
  subscribe(listener: TraceListener, kinds?: readonly TraceKind[]): () => void {
    this.listeners.set(listener, kinds && new Set(kinds));
    return () => this.listeners.delete(listener);
  }

  /** Stored records (empty without a sink). */
  history(query: { afterSeq?: number; sinceTime?: number; limit?: number }): TraceRecord[] {
    return this.sink ? this.sink.read(query, this.codecs) : [];
  }
}
