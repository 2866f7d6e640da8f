// The event journal: every accepted event, appended in one transaction per PutEvents call, so an
// acknowledged event survives a crash; `done` marks events whose deliveries have been recorded.
import type { Db } from './database.js';
import { transactionRunner, type TransactionRunner } from './transaction.js';

/** An event to append. */
export interface JournalInput {
  id: string;
  bus: string;
  /** Ingestion time, epoch ms. */
  time: number;
  envelope: string;
  /** Name of the replay that re-sent it. */
  replay?: string;
  /** Rule ARNs a replay is limited to, as JSON text. */
  filter?: string;
  /** Archives the event goes into (size in bytes recorded for DescribeArchive). */
  archives?: string[];
}

/** A journal row. */
export interface JournalRow {
  seq: number;
  id: string;
  bus: string;
  time: number;
  envelope: string;
  replay: string | null;
  filter: string | null;
}

/** Appends and reads the event journal and the archive index. */
export class BusJournal {
  private readonly insert;
  private readonly insertArchived;
  private readonly markDone;
  private readonly markDoneRange;
  private readonly selectPending;
  private readonly selectBySeq;
  private readonly prune;
  readonly appendAll: (events: JournalInput[]) => number[];
  /** One wrapper for every transaction (see transaction.ts). */
  private readonly run: TransactionRunner;

  constructor(private readonly db: Db) {
    this.insert = db.prepare(
      'INSERT INTO bus_events (id, bus, time, envelope, replay, filter) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.insertArchived = db.prepare(
      'INSERT OR IGNORE INTO bus_archive_events (archive, event_seq, time, size) VALUES (?, ?, ?, ?)',
    );
    this.markDone = db.prepare('UPDATE bus_events SET done = 1 WHERE seq = ?');
    this.markDoneRange = db.prepare('UPDATE bus_events SET done = 1 WHERE seq BETWEEN ? AND ?');
    this.run = transactionRunner(db);
    const columns = 'seq, id, bus, time, envelope, replay, filter';
    this.selectPending = db.prepare<[], JournalRow>(
      `SELECT ${columns} FROM bus_events WHERE done = 0 ORDER BY seq`,
    );
    this.selectBySeq = db.prepare<[number], JournalRow>(`SELECT ${columns} FROM bus_events WHERE seq = ?`);
    this.prune = db.prepare(
      `DELETE FROM bus_events WHERE done = 1 AND time < ?
         AND seq NOT IN (SELECT event_seq FROM bus_archive_events)
         AND seq NOT IN (SELECT event_seq FROM bus_deliveries)`,
    );
    this.appendAll = db.transaction((events: JournalInput[]) =>
      events.map((e) => {
        const seq = Number(
          this.insert.run(e.id, e.bus, e.time, e.envelope, e.replay ?? null, e.filter ?? null)
            .lastInsertRowid,
        );
        for (const archive of e.archives ?? []) {
          this.insertArchived.run(archive, seq, e.time, Buffer.byteLength(e.envelope));
        }
        return seq;
      }),
    );
  }

  /** Marks an event's deliveries as recorded (call inside the deliveries' transaction). */
  done(seq: number): void {
    this.markDone.run(seq);
  }

  /**
   * Marks events done (inside the deliveries' transaction). Events are mostly done in the order they
   * were appended, so each run of consecutive sequence numbers is one statement, not one per event.
   */
  doneAll(seqs: readonly number[]): void {
    if (seqs.length === 0) return;
    const sorted = seqs.length === 1 ? seqs : [...seqs].sort((a, b) => a - b);
    let first = sorted[0];
    let last = first;
    for (let i = 1; i <= sorted.length; i++) {
      const seq = sorted[i];
      if (seq === last || seq === last + 1) {
        last = seq;
        continue;
      }
      if (first === last) this.markDone.run(first);
      else this.markDoneRange.run(first, last);
      first = last = seq;
    }
  }

  /** Events accepted but not yet matched (after a crash), oldest first. */
  pending(): JournalRow[] {
    return this.selectPending.all();
  }

  /** One event by sequence number. */
  get(seq: number): JournalRow | undefined {
    return this.selectBySeq.get(seq);
  }

  /** Forgets delivered events older than `time` that no archive and no pending delivery needs. */
  pruneBefore(time: number): number {
    return this.prune.run(time).changes;
  }

  /** Runs `fn` in one transaction. */
  transaction<T>(fn: () => T): T {
    return this.run(fn);
  }
}
