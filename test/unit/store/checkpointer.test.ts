// The WAL is checkpointed by a worker thread, not by eddy's connection; it stays bounded; close() removes
// it; a worker that cannot open the database gives the checkpoints back to eddy's connection.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { startCheckpointer } from '../../../src/store/checkpointer.js';
import { openStore } from '../../../src/store/database.js';

const dirs: string[] = [];
const closers: (() => void)[] = [];
afterEach(() => {
  closers.splice(0).forEach((close) => close());
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'eddy-ckpt-'));
  dirs.push(dir);
  return dir;
}

const size = (file: string) => (existsSync(file) ? statSync(file).size : 0);
const eventually = { timeout: 20_000, interval: 20 };
const PAYLOAD = 'x'.repeat(300);

/** A WAL-mode database like the store's, with a table of rows. */
function openDb(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.exec('CREATE TABLE IF NOT EXISTS rows (seq INTEGER PRIMARY KEY, payload TEXT NOT NULL)');
  closers.push(() => db.open && db.close());
  return db;
}

/** A new folder with a WAL-mode database in it (see openDb). */
function freshDb(): { dir: string; file: string; db: Database.Database } {
  const dir = tempDir();
  const file = join(dir, 'eddy.sqlite');
  return { dir, file, db: openDb(file) };
}

/** `commits` small transactions of two rows each, as eddy's journal and trace writes are. */
function commit(db: Database.Database, commits: number): void {
  const insert = db.prepare('INSERT INTO rows (payload) VALUES (?)');
  const two = db.transaction(() => {
    insert.run(PAYLOAD);
    insert.run(PAYLOAD);
  });
  for (let i = 0; i < commits; i++) two();
}

describe('the store checkpoints on a worker thread', () => {
  test("copies the WAL into the database while eddy's connection never checkpoints", async () => {
    const stateDir = tempDir();
    const store = openStore({ stateDir });
    closers.push(() => store.close());
    store.db.exec('CREATE TABLE rows (seq INTEGER PRIMARY KEY, payload TEXT NOT NULL)');
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const before = size(store.file);
    // ~3,000 WAL pages: past SQLite's default 1,000, so the connection alone would have checkpointed.
    commit(store.db, 3_000);
    // Only a checkpoint writes pages into the database file itself.
    await vi.waitFor(() => expect(size(store.file)).toBeGreaterThan(before), eventually);
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
  });

  test('close() stops the worker first: the WAL is removed and every commit is in the database', () => {
    const stateDir = tempDir();
    const store = openStore({ stateDir });
    store.db.exec('CREATE TABLE rows (seq INTEGER PRIMARY KEY, payload TEXT NOT NULL)');
    commit(store.db, 2_000);
    store.close();
    // SQLite deletes the WAL only when the last connection to the file closes: the worker's was closed.
    expect(existsSync(`${store.file}-wal`)).toBe(false);
    const fresh = new Database(store.file, { readonly: true, fileMustExist: true });
    expect(fresh.prepare('SELECT count(*) AS n FROM rows').get()).toEqual({ n: 4_000 });
    fresh.close();
  });

  test('a store closed while its worker is still starting closes at once and leaves no worker', async () => {
    const { file, db } = freshDb();
    const checkpointer = startCheckpointer(db, file);
    checkpointer.stop();
    db.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    await checkpointer.exited;
    expect(checkpointer.active).toBe(false);
  });

  test('the worker thread exits after stop(), and its checkpoints were counted', async () => {
    const { file, db } = freshDb();
    const checkpointer = startCheckpointer(db, file, { intervalMs: 10 });
    commit(db, 2_000);
    await vi.waitFor(() => expect(checkpointer.checkpoints).toBeGreaterThan(0), eventually);
    expect(checkpointer.active).toBe(true);
    checkpointer.stop();
    await checkpointer.exited;
    expect(checkpointer.active).toBe(false);
  });

  test('the WAL a long-lived reader made grow is truncated once the reader is done', async () => {
    const { file, db } = freshDb();
    const maxWalBytes = 256 * 1024;
    const checkpointer = startCheckpointer(db, file, { intervalMs: 10, maxWalBytes });
    closers.unshift(() => checkpointer.stop());
    // A reader holding an old snapshot: no checkpoint may copy past it, so the WAL cannot restart
    // (https://www.sqlite.org/wal.html#avoiding_excessively_large_wal_files).
    const reader = openDb(file);
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM rows').get();
    commit(db, 1_000);
    const grown = size(`${file}-wal`);
    expect(grown).toBeGreaterThan(4 * maxWalBytes);
    reader.exec('COMMIT');
    await vi.waitFor(() => expect(size(`${file}-wal`)).toBeLessThanOrEqual(maxWalBytes), eventually);
    expect(db.prepare('SELECT count(*) AS n FROM rows').get()).toEqual({ n: 2_000 });
  });

  test('under commits that keep coming the WAL file ends bounded', async () => {
    const { file, db } = freshDb();
    const maxWalBytes = 512 * 1024;
    const checkpointer = startCheckpointer(db, file, { intervalMs: 5, maxWalBytes });
    closers.unshift(() => checkpointer.stop());
    // ~80 MB of WAL frames in all, with a turn of the event loop between batches as eddy has.
    for (let batch = 0; batch < 200; batch++) {
      commit(db, 100);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await vi.waitFor(() => expect(size(`${file}-wal`)).toBeLessThanOrEqual(maxWalBytes), eventually);
    expect(db.prepare('SELECT count(*) AS n FROM rows').get()).toEqual({ n: 40_000 });
  });

  test("a worker that cannot open the database gives checkpoints back to eddy's connection", async () => {
    const { dir, file, db } = freshDb();
    const checkpointer = startCheckpointer(db, join(dir, 'missing', 'eddy.sqlite'));
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    await vi.waitFor(() => expect(checkpointer.active).toBe(false), eventually);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    checkpointer.stop();
    commit(db, 10);
    db.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
  });
});
