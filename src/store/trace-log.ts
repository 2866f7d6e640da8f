// The trace log table: every trace record, so `/_eddy/stream?since=` and the console can read history.
import type { Db, TableFamily } from './database.js';

/** Schema of the trace log. */
export const traceLogFamily: TableFamily = {
  name: 'trace_log',
  migrations: [
    `CREATE TABLE trace_log (
       seq INTEGER PRIMARY KEY AUTOINCREMENT,
       time INTEGER NOT NULL,
       kind TEXT NOT NULL,
       trace_id TEXT NOT NULL,
       resource TEXT,
       payload TEXT NOT NULL
     );
     CREATE INDEX trace_log_time ON trace_log(time);`,
  ],
};

/** A stored trace record, as rows come back. */
export interface TraceLogRow {
  seq: number;
  time: number;
  kind: string;
  traceId: string;
  resource: string | null;
  payload: string;
}

/** A record to store under a sequence number the writer assigned. */
export interface NumberedTraceRow {
  seq: number;
  time: number;
  kind: string;
  traceId: string;
  resource?: string;
  payload: string;
}

/** Appends and reads trace records. */
export class TraceLog {
  private readonly insertMany;
  private readonly selectMaxSeq;
  private readonly selectSince;
  private readonly selectAfterSeq;

  constructor(db: Db) {
    const numbered = db.prepare(
      'INSERT INTO trace_log (seq, time, kind, trace_id, resource, payload) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.insertMany = db.transaction((rows: NumberedTraceRow[]) => {
      for (const r of rows) numbered.run(r.seq, r.time, r.kind, r.traceId, r.resource ?? null, r.payload);
    });
    this.selectMaxSeq = db.prepare<[], { seq: number | null }>('SELECT MAX(seq) AS seq FROM trace_log');
    const columns = 'seq, time, kind, trace_id AS traceId, resource, payload';
    this.selectSince = db.prepare<[number, number], TraceLogRow>(
      `SELECT ${columns} FROM trace_log WHERE time >= ? ORDER BY seq LIMIT ?`,
    );
    this.selectAfterSeq = db.prepare<[number, number], TraceLogRow>(
      `SELECT ${columns} FROM trace_log WHERE seq > ? ORDER BY seq LIMIT ?`,
    );
  }

  /** Stores records numbered by the caller, in one transaction. */
  appendNumbered(rows: NumberedTraceRow[]): void {
    if (rows.length > 0) this.insertMany(rows);
  }

  /** The highest sequence number stored (0 when empty). */
  maxSeq(): number {
    return this.selectMaxSeq.get()?.seq ?? 0;
  }

  /** Records at or after `time` (epoch ms), oldest first. */
  since(time: number, limit = 10_000): TraceLogRow[] {
    return this.selectSince.all(time, limit);
  }

  /** Records after sequence number `seq`, oldest first. */
  afterSeq(seq: number, limit = 10_000): TraceLogRow[] {
    return this.selectAfterSeq.all(seq, limit);
  }
}
