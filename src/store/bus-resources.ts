// Buses, rules, archives and replays created through the API, kept as JSON documents so they survive
// a restart; the service owns their shape. Template resources are not stored: the template is read
// again on every start.
import type { Db } from './database.js';

/** A kind of stored bus resource. */
export type BusResourceKind = 'bus' | 'rule' | 'archive' | 'replay';

/** Stores bus resources by kind and key. */
export class BusResources {
  private readonly upsert;
  private readonly remove;
  private readonly selectKind;

  constructor(db: Db) {
    this.upsert = db.prepare(
      'INSERT INTO bus_resources (kind, key, doc) VALUES (?, ?, ?) ON CONFLICT(kind, key) DO UPDATE SET doc = excluded.doc',
    );
    this.remove = db.prepare('DELETE FROM bus_resources WHERE kind = ? AND key = ?');
    this.selectKind = db.prepare<[string], { key: string; doc: string }>(
      'SELECT key, doc FROM bus_resources WHERE kind = ? ORDER BY rowid',
    );
  }

  /** Saves (or replaces) a document. */
  put(kind: BusResourceKind, key: string, doc: unknown): void {
    this.upsert.run(kind, key, JSON.stringify(doc));
  }

  /** Removes a document (no-op when absent). */
  delete(kind: BusResourceKind, key: string): void {
    this.remove.run(kind, key);
  }

  /** Every document of a kind, in creation order. */
  list<T>(kind: BusResourceKind): T[] {
    return this.selectKind.all(kind).map((row) => JSON.parse(row.doc) as T);
  }
}
