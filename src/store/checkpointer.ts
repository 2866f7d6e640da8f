// Checkpoints the store's WAL on a thread of its own. With SQLite's default wal_autocheckpoint the commit
// that grows the WAL past 1,000 pages copies the WAL into the database and fsyncs, inline, on eddy's only
// thread (single commits stalling 10-50 ms, e.g. 52 ms in one trace-log commit during the handler storm,
// issue #10). Here eddy's connection never checkpoints;
// a worker thread with its own connection to the same file runs PASSIVE checkpoints, which "do as much
// work as possible without interfering with other database connections" (never blocks eddy's readers
// or writers): https://www.sqlite.org/wal.html#checkpointing and
// https://www.sqlite.org/pragma.html#pragma_wal_checkpoint.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/** How often and how hard the worker checkpoints (defaults suit eddy; tests shrink them). */
export interface CheckpointerOptions {
  /** How often the worker looks at the WAL file (a stat; a checkpoint only when one is due, see WORKER). */
  intervalMs?: number;
  /** Commits wait at most about this long for a checkpoint, when the WAL grows by less than 1,000 pages. */
  maxAgeMs?: number;
  /** The WAL is restarted past this many bytes of frames, and its file truncated when idle (see WORKER). */
  maxWalBytes?: number;
  /** How long stop() waits for the worker to close its connection. */
  stopTimeoutMs?: number;
}

/** The running checkpointer of one store. */
export interface Checkpointer {
  /** Checkpoints the worker ran on a WAL that held frames (any mode). */
  readonly checkpoints: number;
  /** Whether checkpoints run off eddy's connection (false once the worker failed or stopped). */
  readonly active: boolean;
  /** Settles when the worker thread has exited (after stop(), or a failure). */
  readonly exited: Promise<void>;
  /** Stops the worker and waits (synchronously, bounded) until its connection is closed. */
  stop(): void;
}

// Slots of the shared Int32Array: the worker's state, and its checkpoint count.
const STATE = 0;
const COUNT = 1;
const STARTING = 0;
const RUNNING = 1;
const STOPPING = 2;
const CLOSED = 3;
// A busy WAL is checkpointed each time it grew by this many pages (SQLite's own autocheckpoint default).
const GROWTH_PAGES = 1000;
// Before a RESTART: at most this many extra PASSIVE passes, until one copies at most this many frames.
const CATCH_UP_PASSES = 8;
const RESTART_WHEN_COPIED = 64;

/**
 * The worker, CommonJS run with `eval: true`, so it needs no file of its own: the same code runs from the
 * sources (vitest, tsx), from dist/ and from the `eddy dev` bundle. better-sqlite3 comes by absolute path.
 *
 * Each tick it stats the -wal file (a stat opens no descriptor: closing one on a SQLite file would drop the
 * process's POSIX locks on it). A WAL with new commits is checkpointed once eddy is idle (no commit
 * since the last tick), or under load each time it grew by 1,000 pages, as SQLite's autocheckpoint
 * would, or after maxAgeMs: a checkpoint on each tick would fsync ten times a second on a busy eddy, and
 * fsyncs slow eddy's own writes to the same disk. The WAL restarts from its start only when a checkpoint has copied every frame and
 * no reader uses it (https://www.sqlite.org/wal.html#avoiding_excessively_large_wal_files): under a
 * sustained load eddy commits while a PASSIVE checkpoint runs, so the WAL is never fully copied and keeps
 * growing. Past maxWalBytes of frames the worker catches up and asks for RESTART, which takes the write
 * lock while it copies the last few frames (eddy's next commit waits a few ms, once per maxWalBytes) and
 * makes the next commit write from the WAL's start again. The file keeps its size (overwriting is cheaper
 * than growing it); when eddy is idle a file past maxWalBytes is truncated (a reader holding an old
 * snapshot can make the WAL grow past it). The worker's connection has no busy timeout, so RESTART and
 * TRUNCATE never wait: a write lock eddy holds, or a reader on an old snapshot (eddy's deferred
 * transactions read before they write), makes them give up at once and work as PASSIVE ("If the
 * busy-handler returns 0 ... the checkpoint operation proceeds ... in the same way as PASSIVE",
 * https://www.sqlite.org/c3ref/wal_checkpoint_v2.html); the next tick tries again.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { statSync } = require('node:fs');
const { driver, file, shared, intervalMs, maxAgeMs, maxWalBytes } = workerData;
const state = new Int32Array(shared);
let db, timer, pageSize, seenMtime = -1, ckptMtime = -1, ckptSize = 0, ckptAt = 0, incomplete = false;
const finish = (failed) => {
  clearTimeout(timer);
  try { if (db && db.open) db.close(); } catch {}
  Atomics.store(state, ${STATE}, ${CLOSED});
  Atomics.notify(state, ${STATE});
  if (failed) parentPort.postMessage('failed');
  parentPort.close();
};
const checkpoint = (mode) => {
  const [row] = db.pragma('wal_checkpoint(' + mode + ')');
  if (row.log > 0) Atomics.add(state, ${COUNT}, 1);
  return row;
};
const left = (row) => (row.busy ? Infinity : row.log - row.checkpointed);
const tick = () => {
  if (Atomics.load(state, ${STATE}) === ${STOPPING}) return finish(false);
  try {
    const wal = statSync(file + '-wal', { throwIfNoEntry: false });
    // idle: no commit since the last tick; dirty: commits since the last checkpoint.
    const idle = wal !== undefined && wal.mtimeMs === seenMtime;
    const dirty = wal !== undefined && wal.mtimeMs !== ckptMtime;
    if (wal) seenMtime = wal.mtimeMs;
    const due =
      dirty && (idle || wal.size - ckptSize >= ${GROWTH_PAGES} * pageSize || Date.now() - ckptAt >= maxAgeMs);
    if (wal && (due || incomplete || (idle && wal.size > maxWalBytes))) {
      ckptMtime = wal.mtimeMs;
      ckptAt = Date.now();
      ckptSize = wal.size;
      let row = checkpoint('PASSIVE');
      if (idle && wal.size > maxWalBytes) {
        // Idle: give the disk back. Not under load, where truncating a large file under the write lock
        // stalls eddy's next commit for tens of ms.
        row = checkpoint('TRUNCATE');
        if (row.busy === 0) ckptSize = 0;
      } else if (row.log * pageSize > maxWalBytes) {
        // Catch up first: each PASSIVE pass copies what eddy committed during the previous one. Once a
        // pass had little to copy it was short, and so is the RESTART, which holds the write lock while it
        // copies what eddy committed during that last pass.
        let copied = Infinity;
        for (let pass = 0; pass < ${CATCH_UP_PASSES} && copied > ${RESTART_WHEN_COPIED}; pass++) {
          const before = row.checkpointed;
          row = checkpoint('PASSIVE');
          copied = row.checkpointed - before;
        }
        if (copied <= ${RESTART_WHEN_COPIED}) row = checkpoint('RESTART');
      }
      incomplete = left(row) !== 0;
    }
  } catch { return finish(true); }
  timer = setTimeout(tick, intervalMs);
};
parentPort.on('message', tick);
try {
  // stop() came before the worker ran: nothing to open.
  if (Atomics.compareExchange(state, ${STATE}, ${STARTING}, ${RUNNING}) !== ${STARTING}) finish(false);
  else {
    db = new (require(driver))(file, { fileMustExist: true });
    pageSize = db.pragma('page_size', { simple: true });
    tick();
  }
} catch { finish(true); }
`;

/**
 * Switches off autocheckpoint on `db` (the connection to `file`) and starts the worker that checkpoints
 * instead. If the worker cannot start, crashes or cannot open the database, `db` checkpoints itself again
 * (SQLite's default, 1,000 pages), silently: eddy works as before, only with the inline stalls.
 */
export function startCheckpointer(
  db: Database.Database,
  file: string,
  options: CheckpointerOptions = {},
): Checkpointer {
  const shared = new Int32Array(new SharedArrayBuffer(8));
  let active = true;
  let stopped = false;
  let exited = false;
  const fallBack = () => {
    if (!active) return;
    active = false;
    if (db.open) db.pragma('wal_autocheckpoint = 1000');
  };
  db.pragma('wal_autocheckpoint = 0');
  let worker: Worker;
  try {
    worker = new Worker(WORKER, {
      eval: true,
      workerData: {
        driver: createRequire(import.meta.url).resolve('better-sqlite3'),
        file,
        shared: shared.buffer,
        intervalMs: options.intervalMs ?? 100,
        maxAgeMs: options.maxAgeMs ?? 1000,
        maxWalBytes: options.maxWalBytes ?? 16 * 1024 * 1024,
      },
      // The worker needs little: a connection and a timer.
      resourceLimits: { maxOldGenerationSizeMb: 32 },
      stdout: true,
      stderr: true,
    });
  } catch {
    fallBack();
    return { checkpoints: 0, active: false, exited: Promise.resolve(), stop() {} };
  }
  // Never what keeps eddy's process alive.
  worker.unref();
  worker.on('message', (message) => {
    if (message === 'failed') fallBack();
  });
  worker.on('error', fallBack);
  const exitedPromise = new Promise<void>((resolve) =>
    worker.on('exit', () => {
      exited = true;
      if (!stopped) fallBack();
      resolve();
    }),
  );
  return {
    get checkpoints() {
      return Atomics.load(shared, COUNT);
    },
    get active() {
      return active && !stopped;
    },
    exited: exitedPromise,
    stop() {
      if (stopped) return;
      stopped = true;
      if (exited) return;
      // A worker still starting sees STOPPING and never opens; a running one closes on its next tick, which
      // the message brings forward. Its connection must close before eddy's: the last connection to close
      // checkpoints the whole WAL and deletes it (https://www.sqlite.org/wal.html#the_wal_file).
      if (Atomics.compareExchange(shared, STATE, STARTING, STOPPING) !== STARTING)
        Atomics.compareExchange(shared, STATE, RUNNING, STOPPING);
      worker.postMessage('stop');
      const deadline = Date.now() + (options.stopTimeoutMs ?? 5000);
      while (Atomics.load(shared, STATE) === STOPPING && Date.now() < deadline)
        Atomics.wait(shared, STATE, STOPPING, deadline - Date.now());
      if (Atomics.load(shared, STATE) !== CLOSED) void worker.terminate();
    },
  };
}
