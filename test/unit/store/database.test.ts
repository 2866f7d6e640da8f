import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { openStore } from '../../../src/store/database.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('openStore', () => {
  test('applies only the migrations not yet applied, across restarts', () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'eddy-store-'));
    dirs.push(stateDir);
    const v1 = { name: 'things', migrations: ['CREATE TABLE things (id TEXT PRIMARY KEY)'] };
    const first = openStore({ stateDir });
    first.migrate(v1);
    first.db.prepare('INSERT INTO things VALUES (?)').run('a');
    first.close();

    const v2 = {
      ...v1,
      migrations: [...v1.migrations, 'ALTER TABLE things ADD COLUMN size INTEGER DEFAULT 0'],
    };
    const second = openStore({ stateDir });
    second.migrate(v2);
    second.migrate(v2);
    expect(second.db.prepare('SELECT id, size FROM things').all()).toEqual([{ id: 'a', size: 0 }]);
    expect(second.db.pragma('journal_mode', { simple: true })).toBe('wal');
    second.close();
  });

  test('a failing migration changes nothing', () => {
    const store = openStore({ inMemory: true });
    const bad = { name: 'bad', migrations: ['CREATE TABLE ok (x)', 'NOT SQL'] };
    expect(() => store.migrate(bad)).toThrow();
    expect(store.db.prepare("SELECT name FROM sqlite_master WHERE name = 'ok'").all()).toEqual([]);
    store.close();
  });
});
