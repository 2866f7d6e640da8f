// Migrations bring an older store forward: a family left at any earlier version ends with the same
// schema as a fresh one, and the rows written under the old schema are still read by today's code.
import { rmSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { openStore, type Db, type TableFamily } from '../../../src/store/database.js';
import { executionsFamily, ExecutionStore } from '../../../src/store/executions.js';
import { tempDir } from '../../helpers/temp.js';
import { FAMILIES } from './families.js';

function schemaOf(db: Db): string[] {
  return db
    .prepare<[], { sql: string }>(
      "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all()
    .map((r) => r.sql.replace(/\s+/g, ' '));
}

function columnsOf(db: Db, table: string): string[] {
  return db
    .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`)
    .all()
    .map((c) => c.name);
}

describe('table families', () => {
  test.each(FAMILIES.map((f) => [f.name, f] as const))(
    '%s: from every earlier version, the migrations reach the schema a fresh store gets',
    (_, family: TableFamily) => {
      const fresh = openStore({ inMemory: true });
      fresh.migrate(family);
      const wanted = schemaOf(fresh.db);
      fresh.close();
      for (let from = 0; from < family.migrations.length; from++) {
        const stateDir = tempDir('eddy-migrate-');
        const old = openStore({ stateDir });
        old.migrate({ name: family.name, migrations: family.migrations.slice(0, from) });
        old.close();
        const current = openStore({ stateDir });
        current.migrate(family);
        expect(schemaOf(current.db), `from version ${from}`).toEqual(wanted);
        const version = current.db
          .prepare<[string], { version: number }>('SELECT version FROM schema_versions WHERE family = ?')
          .get(family.name)?.version;
        expect(version).toBe(family.migrations.length);
        current.close();
        rmSync(stateDir, { recursive: true, force: true });
      }
    },
  );

  test('an execution written at the first executions version is read by today’s store', () => {
    expect(executionsFamily.migrations.length).toBeGreaterThan(1);
    const stateDir = tempDir('eddy-migrate-exec-');
    const old = openStore({ stateDir });
    old.migrate({ name: executionsFamily.name, migrations: executionsFamily.migrations.slice(0, 1) });
    old.db
      .prepare(
        `INSERT INTO sfn_executions (arn, state_machine_arn, name, status, definition, input, output,
           start_date, stop_date, trace_id, revision)
         VALUES ('arn:x:e1', 'arn:x:m', 'e1', 'SUCCEEDED', '{}', '{"a":1}', '{"b":2}', 1, 2, 't1', 'r1')`,
      )
      .run();
    old.db.prepare(`INSERT INTO sfn_transitions (execution_arn, transition) VALUES ('arn:x:e2', '{}')`).run();
    expect(columnsOf(old.db, 'sfn_transitions')).not.toContain('task_tokens');
    old.close();

    const current = openStore({ stateDir });
    current.migrate(executionsFamily);
    expect(columnsOf(current.db, 'sfn_transitions')).toContain('task_tokens');
    const store = new ExecutionStore(current.db);
    expect(store.execution('arn:x:e1')).toMatchObject({
      name: 'e1',
      status: 'SUCCEEDED',
      input: '{"a":1}',
      output: '{"b":2}',
      startDate: 1,
      stopDate: 2,
    });
    expect(store.execution('arn:x:e1')).not.toHaveProperty('mapRunArn');
    current.close();
  });
});
