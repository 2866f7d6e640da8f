// EventBridge connections and API destinations created through the API, kept as JSON documents so they
// survive a restart. Connection documents hold their credentials: the store is local (`.eddy/`), and
// nothing here is ever published as a trace record. Template ones are not stored: the template is read
// again on every start.
import type { Db, TableFamily } from './database.js';

/** Schema of connections and API destinations. */
export const connectionsFamily: TableFamily = {
  name: 'connections',
  migrations: [
    `CREATE TABLE event_connections (
       kind TEXT NOT NULL,
       name TEXT NOT NULL,
       doc TEXT NOT NULL,
       PRIMARY KEY (kind, name)
     );`,
  ],
};

/** What a stored document is. */
export type ConnectionResourceKind = 'connection' | 'api-destination';

/** Stores connections and API destinations by kind and name. */
export class ConnectionResources {
  private readonly upsert;
  private readonly remove;
  private readonly selectKind;

  constructor(db: Db) {
    this.upsert = db.prepare(
      'INSERT INTO event_connections (kind, name, doc) VALUES (?, ?, ?) ON CONFLICT(kind, name) DO UPDATE SET doc = excluded.doc',
    );
    this.remove = db.prepare('DELETE FROM event_connections WHERE kind = ? AND name = ?');
    this.selectKind = db.prepare<[string], { doc: string }>(
      'SELECT doc FROM event_connections WHERE kind = ? ORDER BY rowid',
    );
  }

  /** Saves (or replaces) a document. */
  put(kind: ConnectionResourceKind, name: string, doc: unknown): void {
    this.upsert.run(kind, name, JSON.stringify(doc));
  }

  /** Removes a document (no-op when absent). */
  delete(kind: ConnectionResourceKind, name: string): void {
    this.remove.run(kind, name);
  }

  /** Every document of a kind, in creation order. */
  list<T>(kind: ConnectionResourceKind): T[] {
    return this.selectKind.all(kind).map((row) => JSON.parse(row.doc) as T);
  }
}
