// The store after a torn write: a process killed with SIGKILL in the middle of its transactions, and a
// WAL whose tail was cut or overwritten (what an OS crash or a full disk leaves), both give a store that
// opens, passes SQLite's integrity check, and holds every transaction whole or not at all; everything
// the writer saw committed is there (for a damaged WAL: all but the transaction whose frames broke).
import { spawn } from 'node:child_process';
import { cpSync, openSync, readFileSync, statSync, truncateSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { openStore } from '../../../src/store/database.js';
import { tempDir } from '../../helpers/temp.js';
import { ROWS_PER_TX, TORN_FAMILY } from './fixtures/torn-writer.js';

const WRITER = join(import.meta.dirname, 'fixtures/torn-writer.ts');

/** Runs the writer; resolves with the transactions it reported committed once it was killed. */
function writeThenKill(stateDir: string, opts: { afterMs?: number; limit?: number }): Promise<number[]> {
  const args = ['--import', 'tsx', WRITER, stateDir, ...(opts.limit ? [String(opts.limit)] : [])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const committed: number[] = [];
  let buffered = '';
  let timer: NodeJS.Timeout | undefined;
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) committed.push(Number(line));
      if (opts.afterMs && !timer) timer = setTimeout(() => child.kill('SIGKILL'), opts.afterMs);
      if (opts.limit && committed.length >= opts.limit) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) =>
      signal === 'SIGKILL' ? resolve(committed) : reject(new Error(`writer exited ${code}`)),
    );
  });
}

/** Opens the store and returns the transactions it holds, checking each is whole. */
function readBack(stateDir: string): number[] {
  const store = openStore({ stateDir });
  try {
    store.migrate(TORN_FAMILY);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const rows = store.db
      .prepare<[], { tx: number; n: number }>('SELECT tx, count(*) AS n FROM torn GROUP BY tx ORDER BY tx')
      .all();
    for (const row of rows) expect(row.n, `transaction ${row.tx}`).toBe(ROWS_PER_TX);
    return rows.map((r) => r.tx);
  } finally {
    store.close();
  }
}

const upTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('torn writes', () => {
  test('SIGKILL in the middle of transactions, three times over: every committed one is kept whole', async () => {
    const stateDir = tempDir('eddy-torn-');
    let committed: number[] = [];
    for (const afterMs of [150, 400, 50]) {
      committed = [...committed, ...(await writeThenKill(stateDir, { afterMs }))];
      const held = readBack(stateDir);
      // Everything reported is there, in order, without holes; at most the one in flight is extra.
      expect(held.slice(0, committed.length)).toEqual(upTo(committed.length));
      expect(held.length - committed.length).toBeLessThanOrEqual(1);
      committed = held;
    }
    expect(committed.length).toBeGreaterThan(3);
  }, 60_000);

  test.each([
    ['cut short by 1000 bytes', (wal: string) => truncateSync(wal, statSync(wal).size - 1000)],
    [
      'with its last 64 bytes overwritten',
      (wal: string) => {
        const fd = openSync(wal, 'r+');
        writeSync(fd, Buffer.alloc(64, 0xa5), 0, 64, statSync(wal).size - 64);
        closeSync(fd);
      },
    ],
  ])(
    'a WAL %s: the store opens and keeps every transaction before the damaged one',
    async (_, damage) => {
      const stateDir = tempDir('eddy-torn-wal-');
      const committed = await writeThenKill(stateDir, { limit: 30 });
      expect(committed).toEqual(upTo(30));
      const wal = join(stateDir, 'eddy.sqlite-wal');
      expect(statSync(wal).size).toBeGreaterThan(30 * ROWS_PER_TX * 500);
      // Keep an undamaged copy: it must hold all 30, so the damage (not the kill) is what is tested.
      const intact = tempDir('eddy-torn-intact-');
      cpSync(stateDir, intact, { recursive: true });
      expect(readBack(intact)).toEqual(upTo(30));
      const before = readFileSync(wal);
      damage(wal);
      expect(readFileSync(wal).equals(before)).toBe(false);
      expect(readBack(stateDir)).toEqual(upTo(29));
      // And it takes new writes.
      expect(await writeThenKill(stateDir, { limit: 1 })).toEqual([30]);
      expect(readBack(stateDir)).toEqual(upTo(30));
    },
    60_000,
  );
});
