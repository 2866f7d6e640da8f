// Packed records: a run of records that one service publishes together and that the trace log stores
// as one row of compact data, expanded back into records by the service's codec (on replay, and for
// live subscribers). A 1,000-state execution publishes 2,000 records per run: serializing its history
// events once is several times cheaper than serializing 2,000 records built from them one by one.
import type { TraceRecord } from './record.js';

/** Expands packed data into its records, numbered from `firstSeq`. Pure: replay must match live. */
export type TraceCodec = (data: unknown, firstSeq: number) => TraceRecord[];

/** A run of records published as one: `data` is JSON-serializable and `codec` names its expander. */
export interface PackedRecords {
  codec: string;
  /** How many records `data` expands to (they get consecutive sequence numbers). */
  count: number;
  /** The latest record's time (epoch ms). */
  time: number;
  traceId: string;
  resource?: string;
  data: unknown;
}
