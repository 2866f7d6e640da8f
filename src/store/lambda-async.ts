// Accepted asynchronous (Event) Lambda invocations, kept until they finish, so an event Lambda answered
// 202 for survives eddy being killed and is retried after restart.
import type { Db, TableFamily } from './database.js';

/** Schema of the async invocation journal. */
export const lambdaAsyncFamily: TableFamily = {
  name: 'lambda_async',
  migrations: [
    `CREATE TABLE lambda_async_events (
       request_id TEXT PRIMARY KEY,
       function_name TEXT NOT NULL,
       payload TEXT NOT NULL,
       trace_id TEXT NOT NULL,
       enqueued_at INTEGER NOT NULL,
       attempts INTEGER NOT NULL DEFAULT 0
     );`,
  ],
};

/** One accepted event. */
export interface AsyncEventRow {
  requestId: string;
  name: string;
  payload: string;
  traceId: string;
  enqueuedAt: number;
  attempts: number;
}

/** Reads and writes the async invocation journal. */
export class LambdaAsyncEvents {
  private readonly insert;
  private readonly setAttempts;
  private readonly delete;
  private readonly selectAll;

  constructor(db: Db) {
    this.insert = db.prepare(
      'INSERT OR REPLACE INTO lambda_async_events (request_id, function_name, payload, trace_id, enqueued_at, attempts) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.setAttempts = db.prepare('UPDATE lambda_async_events SET attempts = ? WHERE request_id = ?');
    this.delete = db.prepare('DELETE FROM lambda_async_events WHERE request_id = ?');
    this.selectAll = db.prepare<[], AsyncEventRow>(
      `SELECT request_id AS requestId, function_name AS name, payload, trace_id AS traceId,
              enqueued_at AS enqueuedAt, attempts FROM lambda_async_events ORDER BY enqueued_at`,
    );
  }

  /** Records an accepted event (committed when this returns). */
  save(row: AsyncEventRow): void {
    this.insert.run(row.requestId, row.name, row.payload, row.traceId, row.enqueuedAt, row.attempts);
  }

  /** Records that an attempt started. */
  attempted(requestId: string, attempts: number): void {
    this.setAttempts.run(attempts, requestId);
  }

  /** Forgets an event that finished (succeeded, exhausted its retries, or expired). */
  finished(requestId: string): void {
    this.delete.run(requestId);
  }

  /** Events accepted and not finished, oldest first. */
  pending(): AsyncEventRow[] {
    return this.selectAll.all();
  }
}
