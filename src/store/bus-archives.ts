// The archive index: which journal events each archive holds (written with the event, see
// bus-journal.ts), read by DescribeArchive's counts and by replays.
import type { Db } from './database.js';

/** An archived event, with its envelope from the journal. */
export interface ArchivedEvent {
  seq: number;
  time: number;
  envelope: string;
}

/** Reads and prunes archived events. */
export class BusArchives {
  private readonly stats;
  private readonly range;
  private readonly removeArchive;
  private readonly prune;

  constructor(db: Db) {
    this.stats = db.prepare<[string], { count: number; size: number | null }>(
      'SELECT COUNT(*) AS count, SUM(size) AS size FROM bus_archive_events WHERE archive = ?',
    );
    this.range = db.prepare<[string, number, number], ArchivedEvent>(
      `SELECT e.seq AS seq, a.time AS time, e.envelope AS envelope FROM bus_archive_events a
         JOIN bus_events e ON e.seq = a.event_seq
        WHERE a.archive = ? AND a.time >= ? AND a.time < ? ORDER BY a.time, a.event_seq`,
    );
    this.removeArchive = db.prepare('DELETE FROM bus_archive_events WHERE archive = ?');
    this.prune = db.prepare('DELETE FROM bus_archive_events WHERE archive = ? AND time < ?');
  }

  /** EventCount and SizeBytes of an archive. */
  statsOf(archive: string): { count: number; size: number } {
    const row = this.stats.get(archive);
    return { count: row?.count ?? 0, size: row?.size ?? 0 };
  }

  /** Archived events with start <= time < end (epoch ms), oldest first. */
  between(archive: string, start: number, end: number): ArchivedEvent[] {
    return this.range.all(archive, start, end);
  }

  /** Forgets every event of a deleted archive. */
  clear(archive: string): void {
    this.removeArchive.run(archive);
  }

  /** Drops events older than the retention period. */
  pruneBefore(archive: string, time: number): void {
    this.prune.run(archive, time);
  }
}
