// Running a function in a transaction without building a wrapper each time: better-sqlite3's
// `db.transaction(fn)` creates four functions per call, measurable on paths that commit per request.
import type { Db } from './database.js';

/** A function that runs its argument in one transaction (nested calls become savepoints). */
export type TransactionRunner = <T>(fn: () => T) => T;

/** Builds the one transaction wrapper a repository reuses for every transaction on `db`. */
export function transactionRunner(db: Db): TransactionRunner {
  const run = db.transaction((fn: () => unknown) => fn());
  return <T>(fn: () => T) => run(fn) as T;
}
