// Distributed Map runs: one row per map run (settings, status, live counts), and the outcome of each
// child that ended, so a restarted map run does not run a succeeded child again.
import type { Db, TableFamily } from './database.js';

/** Schema of the map run tables. */
export const mapRunsFamily: TableFamily = {
  name: 'map-runs',
  migrations: [
    `CREATE TABLE sfn_map_runs (
       arn TEXT PRIMARY KEY,
       execution_arn TEXT NOT NULL,
       state_name TEXT NOT NULL,
       child_machine_arn TEXT NOT NULL,
       execution_type TEXT NOT NULL,
       status TEXT NOT NULL,
       start_date INTEGER NOT NULL,
       stop_date INTEGER,
       max_concurrency INTEGER NOT NULL,
       tolerated_failure_percentage REAL,
       tolerated_failure_count INTEGER,
       counts TEXT NOT NULL
     );
     CREATE INDEX sfn_map_runs_by_execution ON sfn_map_runs (execution_arn, start_date);
     CREATE TABLE sfn_map_run_children (
       map_run_arn TEXT NOT NULL,
       idx INTEGER NOT NULL,
       outcome TEXT NOT NULL,
       PRIMARY KEY (map_run_arn, idx)
     );`,
  ],
};

/** One map run as DescribeMapRun reports it (counts as stored JSON). */
export interface MapRunRow {
  arn: string;
  executionArn: string;
  stateName: string;
  childMachineArn: string;
  executionType: 'STANDARD' | 'EXPRESS';
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';
  startDate: number;
  stopDate?: number;
  maxConcurrency: number;
  toleratedFailurePercentage?: number;
  toleratedFailureCount?: number;
  /** `{ itemCounts, executionCounts }`. */
  counts: unknown;
}

interface RawMapRun {
  arn: string;
  execution_arn: string;
  state_name: string;
  child_machine_arn: string;
  execution_type: MapRunRow['executionType'];
  status: MapRunRow['status'];
  start_date: number;
  stop_date: number | null;
  max_concurrency: number;
  tolerated_failure_percentage: number | null;
  tolerated_failure_count: number | null;
  counts: string;
}

function fromRaw(r: RawMapRun): MapRunRow {
  return {
    arn: r.arn,
    executionArn: r.execution_arn,
    stateName: r.state_name,
    childMachineArn: r.child_machine_arn,
    executionType: r.execution_type,
    status: r.status,
    startDate: r.start_date,
    stopDate: r.stop_date ?? undefined,
    maxConcurrency: r.max_concurrency,
    toleratedFailurePercentage: r.tolerated_failure_percentage ?? undefined,
    toleratedFailureCount: r.tolerated_failure_count ?? undefined,
    counts: JSON.parse(r.counts) as unknown,
  };
}

function toRaw(row: MapRunRow): RawMapRun {
  return {
    arn: row.arn,
    execution_arn: row.executionArn,
    state_name: row.stateName,
    child_machine_arn: row.childMachineArn,
    execution_type: row.executionType,
    status: row.status,
    start_date: row.startDate,
    stop_date: row.stopDate ?? null,
    max_concurrency: row.maxConcurrency,
    tolerated_failure_percentage: row.toleratedFailurePercentage ?? null,
    tolerated_failure_count: row.toleratedFailureCount ?? null,
    counts: JSON.stringify(row.counts),
  };
}

/** Reads and writes map runs and their children's outcomes. */
export class MapRunStore {
  private readonly q;

  constructor(db: Db) {
    this.q = {
      put: db.prepare(
        `INSERT INTO sfn_map_runs (arn, execution_arn, state_name, child_machine_arn, execution_type, status,
           start_date, stop_date, max_concurrency, tolerated_failure_percentage, tolerated_failure_count, counts)
         VALUES (@arn, @execution_arn, @state_name, @child_machine_arn, @execution_type, @status, @start_date,
           @stop_date, @max_concurrency, @tolerated_failure_percentage, @tolerated_failure_count, @counts)
         ON CONFLICT(arn) DO UPDATE SET status = excluded.status, stop_date = excluded.stop_date,
           max_concurrency = excluded.max_concurrency, counts = excluded.counts,
           tolerated_failure_percentage = excluded.tolerated_failure_percentage,
           tolerated_failure_count = excluded.tolerated_failure_count`,
      ),
      get: db.prepare<[string], RawMapRun>('SELECT * FROM sfn_map_runs WHERE arn = ?'),
      byExecution: db.prepare<[string], RawMapRun>(
        'SELECT * FROM sfn_map_runs WHERE execution_arn = ? ORDER BY start_date, rowid',
      ),
      running: db.prepare<[], RawMapRun>("SELECT * FROM sfn_map_runs WHERE status = 'RUNNING'"),
      addChild: db.prepare(
        'INSERT OR REPLACE INTO sfn_map_run_children (map_run_arn, idx, outcome) VALUES (?, ?, ?)',
      ),
      children: db.prepare<[string], { idx: number; outcome: string }>(
        'SELECT idx, outcome FROM sfn_map_run_children WHERE map_run_arn = ?',
      ),
    };
  }

  /** Inserts or updates a map run (status, settings and counts). */
  save(row: MapRunRow): void {
    this.q.put.run(toRaw(row));
  }

  /** One map run, or undefined. */
  get(arn: string): MapRunRow | undefined {
    const raw = this.q.get.get(arn);
    return raw && fromRaw(raw);
  }

  /** An execution's map runs, oldest first. */
  ofExecution(executionArn: string): MapRunRow[] {
    return this.q.byExecution.all(executionArn).map(fromRaw);
  }

  /** Map runs still RUNNING (after a restart: to resume, or to close when their parent is gone). */
  running(): MapRunRow[] {
    return this.q.running.all().map(fromRaw);
  }

  /** Records how child `index` ended. */
  addChild(mapRunArn: string, index: number, outcome: unknown): void {
    this.q.addChild.run(mapRunArn, index, JSON.stringify(outcome));
  }

  /** The recorded outcomes of a map run's children, by index. */
  children<T>(mapRunArn: string): Map<number, T> {
    return new Map(this.q.children.all(mapRunArn).map((r) => [r.idx, JSON.parse(r.outcome) as T]));
  }
}
