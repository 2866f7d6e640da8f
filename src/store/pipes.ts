// Pipe definitions: pipes from the template and pipes created through the Pipes API, with their desired
// state, so a restart brings back what was running.
import type { Db, TableFamily } from './database.js';

/** Schema of pipes. */
export const pipesFamily: TableFamily = {
  name: 'pipes',
  migrations: [
    `CREATE TABLE pipes (
       name TEXT PRIMARY KEY,
       definition TEXT NOT NULL,
       origin TEXT NOT NULL,
       created INTEGER NOT NULL,
       modified INTEGER NOT NULL
     );`,
  ],
};

/** A stored pipe: its definition as JSON (the Pipes API's member names), where it came from, times. */
export interface PipeRow {
  name: string;
  definition: Record<string, unknown>;
  origin: 'template' | 'api';
  created: number;
  modified: number;
}

/** Reads and writes pipe definitions. */
export class PipeDefinitions {
  private readonly selectAll;
  private readonly upsert;
  private readonly remove;

  constructor(db: Db) {
    this.selectAll = db.prepare<
      [],
      { name: string; definition: string; origin: 'template' | 'api'; created: number; modified: number }
    >('SELECT * FROM pipes ORDER BY name');
    this.upsert = db.prepare(
      `INSERT INTO pipes (name, definition, origin, created, modified) VALUES (@name, @definition, @origin, @created, @modified)
       ON CONFLICT(name) DO UPDATE SET definition = excluded.definition, origin = excluded.origin, modified = excluded.modified`,
    );
    this.remove = db.prepare('DELETE FROM pipes WHERE name = ?');
  }

  /** Every stored pipe. */
  all(): PipeRow[] {
    return this.selectAll
      .all()
      .map((r) => ({ ...r, definition: JSON.parse(r.definition) as Record<string, unknown> }));
  }

  /** Inserts or replaces a pipe. */
  save(row: PipeRow): void {
    this.upsert.run({ ...row, definition: JSON.stringify(row.definition) });
  }

  /** Deletes a pipe. */
  delete(name: string): void {
    this.remove.run(name);
  }
}
