// The store: one SQLite database (better-sqlite3, WAL) under the state folder, or in memory. Each table
// family brings its own numbered migrations; the store applies the ones not yet applied, in order.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startCheckpointer } from './checkpointer.js';

/** The SQLite connection type repositories receive. */
export type Db = Database.Database;

/** One table family's schema history: migrations[i] takes the family from version i to i + 1. */
export interface TableFamily {
  name: string;
  migrations: readonly string[];
}

/** Where the store lives: a state folder, or nowhere (`--in-memory`). */
export type StoreLocation = { stateDir: string } | { inMemory: true };

/** An open store. */
export interface Store {
  readonly db: Db;
  /** The database file, or ':memory:'. */
  readonly file: string;
  /** Applies the family's pending migrations (idempotent). */
  migrate(family: TableFamily): void;
  close(): void;
}

/** Opens (and creates) the store, switching on WAL so a killed process loses no committed write. */
export function openStore(location: StoreLocation): Store {
  let file = ':memory:';
  if ('stateDir' in location) {
    // Owner-only: the folder holds every event, message and payload the app has seen.
    mkdirSync(location.stateDir, { recursive: true, mode: 0o700 });
    file = join(location.stateDir, 'eddy.sqlite');
  }
  const db = new Database(file);
  if (file !== ':memory:') db.pragma('journal_mode = WAL');
  // NORMAL is durable in WAL mode against a process crash (SIGKILL); only an OS crash can lose the tail.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // On a file, a worker thread checkpoints the WAL and this connection never does (checkpointer.ts).
  const checkpointer = file === ':memory:' ? undefined : startCheckpointer(db, file);
  db.exec('CREATE TABLE IF NOT EXISTS schema_versions (family TEXT PRIMARY KEY, version INTEGER NOT NULL)');
  const getVersion = db.prepare<[string], { version: number }>(
    'SELECT version FROM schema_versions WHERE family = ?',
  );
  const setVersion = db.prepare(
    'INSERT INTO schema_versions (family, version) VALUES (?, ?) ON CONFLICT(family) DO UPDATE SET version = excluded.version',
  );
  return {
    db,
    file,
    migrate(family) {
      const apply = db.transaction(() => {
        const current = getVersion.get(family.name)?.version ?? 0;
        for (let v = current; v < family.migrations.length; v++) db.exec(family.migrations[v]);
        if (current < family.migrations.length) setVersion.run(family.name, family.migrations.length);
      });
      apply.immediate();
    },
    close() {
      // The worker's connection first, so that eddy's, the last, checkpoints and removes the WAL.
      checkpointer?.stop();
      if (db.open) db.close();
    },
  };
}
