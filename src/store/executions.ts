// Step Functions state: state machines created through the API, executions, their history events, and
// the last transition of each running STANDARD execution (enough to resume it after a crash).
import type { Db, TableFamily } from './database.js';
import { packEvents, unpackEvents, type PackedEvents } from './history-codec.js';

/** Schema of the workflows tables. */
export const executionsFamily: TableFamily = {
  name: 'executions',
  migrations: [
    `CREATE TABLE sfn_state_machines (
       arn TEXT PRIMARY KEY,
       name TEXT NOT NULL,
       definition TEXT NOT NULL,
       type TEXT NOT NULL,
       role_arn TEXT NOT NULL,
       origin TEXT NOT NULL,
       created INTEGER NOT NULL,
       revision TEXT NOT NULL
     );
     CREATE TABLE sfn_executions (
       arn TEXT PRIMARY KEY,
       state_machine_arn TEXT NOT NULL,
       name TEXT NOT NULL,
       status TEXT NOT NULL,
       definition TEXT NOT NULL,
       input TEXT NOT NULL,
       output TEXT,
       error TEXT,
       cause TEXT,
       start_date INTEGER NOT NULL,
       stop_date INTEGER,
       trace_id TEXT NOT NULL,
       revision TEXT NOT NULL
     );
     CREATE INDEX sfn_executions_by_machine ON sfn_executions (state_machine_arn, start_date);
     CREATE TABLE sfn_history (
       execution_arn TEXT NOT NULL,
       id INTEGER NOT NULL,
       event TEXT NOT NULL,
       PRIMARY KEY (execution_arn, id)
     );
     CREATE TABLE sfn_transitions (
       execution_arn TEXT PRIMARY KEY,
       transition TEXT NOT NULL
     );`,
    // Task tokens issued since the last transition, so a resumed task waits on the token its worker holds.
    `ALTER TABLE sfn_transitions ADD COLUMN task_tokens TEXT;`,
    // Child executions of a Distributed Map: their map run, and how many items each carries.
    `ALTER TABLE sfn_executions ADD COLUMN map_run_arn TEXT;
     ALTER TABLE sfn_executions ADD COLUMN item_count INTEGER;
     CREATE INDEX sfn_executions_by_map_run ON sfn_executions (map_run_arn, start_date);`,
    // History in pages (a JSON array of consecutive events per row): an execution's end or a burst of
    // transitions writes a few rows instead of a row per event (a 10,000-item Map has 40,000 events).
    // Rows of the per-event table an older eddy wrote become one-event pages.
    `CREATE TABLE sfn_history_pages (
       execution_arn TEXT NOT NULL,
       first_id INTEGER NOT NULL,
       last_id INTEGER NOT NULL,
       events TEXT NOT NULL,
       PRIMARY KEY (execution_arn, first_id)
     );
     INSERT INTO sfn_history_pages (execution_arn, first_id, last_id, events)
       SELECT execution_arn, id, id, '[' || event || ']' FROM sfn_history;
     DROP TABLE sfn_history;`,
  ],
};

/** A state machine created through the API (template ones are rebuilt from the App model). */
export interface StateMachineRow {
  arn: string;
  name: string;
  definition: string;
  type: 'STANDARD' | 'EXPRESS';
  roleArn: string;
  origin: 'template' | 'api';
  created: number;
  revision: string;
}

/** One execution as DescribeExecution reports it (JSON fields kept as text). */
export interface ExecutionRow {
  arn: string;
  stateMachineArn: string;
  name: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
  definition: string;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  startDate: number;
  stopDate?: number;
  traceId: string;
  revision: string;
  /** Set on the child executions of a Distributed Map. */
  mapRunArn?: string;
  itemCount?: number;
}

interface RawExecution {
  arn: string;
  state_machine_arn: string;
  name: string;
  status: ExecutionRow['status'];
  definition: string;
  input: string;
  output: string | null;
  error: string | null;
  cause: string | null;
  start_date: number;
  stop_date: number | null;
  trace_id: string;
  revision: string;
  map_run_arn: string | null;
  item_count: number | null;
}

function fromRaw(r: RawExecution): ExecutionRow {
  return {
    arn: r.arn,
    stateMachineArn: r.state_machine_arn,
    name: r.name,
    status: r.status,
    definition: r.definition,
    input: r.input,
    output: r.output ?? undefined,
    error: r.error ?? undefined,
    cause: r.cause ?? undefined,
    startDate: r.start_date,
    stopDate: r.stop_date ?? undefined,
    traceId: r.trace_id,
    revision: r.revision,
    ...(r.map_run_arn !== null ? { mapRunArn: r.map_run_arn, itemCount: r.item_count ?? 1 } : {}),
  };
}

/** The most events one history page holds (a page is parsed whole when the history is read). */
const PAGE_EVENTS = 2_000;

/** Reads and writes the workflows tables. better-sqlite3 commits each call before it returns. */
export class ExecutionStore {
  private readonly q;

  constructor(private readonly db: Db) {
    this.q = {
      machines: db.prepare<
        [],
        {
          arn: string;
          name: string;
          definition: string;
          type: string;
          role_arn: string;
          origin: string;
          created: number;
          revision: string;
        }
      >('SELECT * FROM sfn_state_machines ORDER BY name'),
      putMachine: db.prepare(
        `INSERT INTO sfn_state_machines (arn, name, definition, type, role_arn, origin, created, revision)
         VALUES (@arn, @name, @definition, @type, @roleArn, @origin, @created, @revision)
         ON CONFLICT(arn) DO UPDATE SET definition = excluded.definition, type = excluded.type,
           role_arn = excluded.role_arn, origin = excluded.origin, revision = excluded.revision`,
      ),
      deleteMachine: db.prepare('DELETE FROM sfn_state_machines WHERE arn = ?'),
      insertExecution: db.prepare(
        `INSERT INTO sfn_executions (arn, state_machine_arn, name, status, definition, input, start_date, trace_id,
           revision, map_run_arn, item_count)
         VALUES (@arn, @stateMachineArn, @name, @status, @definition, @input, @startDate, @traceId, @revision,
           @mapRunArn, @itemCount)`,
      ),
      finishExecution: db.prepare(
        `UPDATE sfn_executions SET status = @status, output = @output, error = @error, cause = @cause,
           stop_date = @stopDate WHERE arn = @arn`,
      ),
      execution: db.prepare<[string], RawExecution>('SELECT * FROM sfn_executions WHERE arn = ?'),
      byMachine: db.prepare<[string], RawExecution>(
        'SELECT * FROM sfn_executions WHERE state_machine_arn = ? ORDER BY start_date DESC, rowid DESC',
      ),
      byMapRun: db.prepare<[string], RawExecution>(
        'SELECT * FROM sfn_executions WHERE map_run_arn = ? ORDER BY start_date DESC, rowid DESC',
      ),
      running: db.prepare<[], RawExecution>(
        "SELECT * FROM sfn_executions WHERE status = 'RUNNING' ORDER BY start_date",
      ),
      addPage: db.prepare(
        'INSERT OR REPLACE INTO sfn_history_pages (execution_arn, first_id, last_id, events) VALUES (?, ?, ?, ?)',
      ),
      pages: db.prepare<[string], { events: string }>(
        'SELECT events FROM sfn_history_pages WHERE execution_arn = ? ORDER BY first_id',
      ),
      putTransition: db.prepare(
        `INSERT INTO sfn_transitions (execution_arn, transition) VALUES (?, ?)
         ON CONFLICT(execution_arn) DO UPDATE SET transition = excluded.transition, task_tokens = NULL`,
      ),
      putTokens: db.prepare('UPDATE sfn_transitions SET task_tokens = ? WHERE execution_arn = ?'),
      tokens: db.prepare<[string], { task_tokens: string | null }>(
        'SELECT task_tokens FROM sfn_transitions WHERE execution_arn = ?',
      ),
      transition: db.prepare<[string], { transition: string }>(
        'SELECT transition FROM sfn_transitions WHERE execution_arn = ?',
      ),
      deleteTransition: db.prepare('DELETE FROM sfn_transitions WHERE execution_arn = ?'),
    };
  }

  /** State machines stored by the API. */
  machines(): StateMachineRow[] {
    return this.q.machines.all().map((r) => ({
      arn: r.arn,
      name: r.name,
      definition: r.definition,
      type: r.type as StateMachineRow['type'],
      roleArn: r.role_arn,
      origin: r.origin as StateMachineRow['origin'],
      created: r.created,
      revision: r.revision,
    }));
  }

  /** Inserts or replaces a state machine. */
  saveMachine(row: StateMachineRow): void {
    this.q.putMachine.run(row);
  }

  /** Deletes a state machine. */
  deleteMachine(arn: string): void {
    this.q.deleteMachine.run(arn);
  }

  /** Records a new RUNNING execution. */
  insertExecution(row: ExecutionRow): void {
    this.q.insertExecution.run({
      ...row,
      mapRunArn: row.mapRunArn ?? null,
      itemCount: row.itemCount ?? null,
    });
  }

  /** The STANDARD child executions of a map run, newest first. */
  executionsOfMapRun(mapRunArn: string): ExecutionRow[] {
    return this.q.byMapRun.all(mapRunArn).map(fromRaw);
  }

  /** One execution, or undefined. */
  execution(arn: string): ExecutionRow | undefined {
    const raw = this.q.execution.get(arn);
    return raw && fromRaw(raw);
  }

  /** A machine's executions, newest first. */
  executionsOf(stateMachineArn: string): ExecutionRow[] {
    return this.q.byMachine.all(stateMachineArn).map(fromRaw);
  }

  /** Executions still RUNNING (to resume after a restart). */
  running(): ExecutionRow[] {
    return this.q.running.all().map(fromRaw);
  }

  /** Writes consecutive history events as pages (the caller holds the transaction). */
  private addEvents(arn: string, events: readonly { id: number }[]): void {
    for (let start = 0; start < events.length; start += PAGE_EVENTS) {
      const page = events.slice(start, start + PAGE_EVENTS);
      // Packed (history-codec.ts): a third of the events' JSON. Pages an older eddy wrote are arrays.
      this.q.addPage.run(arn, page[0].id, page[page.length - 1].id, JSON.stringify(packEvents(page)));
    }
  }

  /** Appends history events. */
  appendEvents(arn: string, events: readonly { id: number }[]): void {
    if (events.length === 0) return;
    this.db.transaction(() => this.addEvents(arn, events))();
  }

  /** Appends history events and the transition to resume from, in one transaction. */
  recordTransition(arn: string, events: readonly { id: number }[], transition: unknown): void {
    this.db.transaction(() => {
      this.addEvents(arn, events);
      this.q.putTransition.run(arn, JSON.stringify(transition));
    })();
  }

  /** Appends the last events and the final status, and forgets the transition. */
  finish(
    arn: string,
    events: readonly { id: number }[],
    end: Pick<ExecutionRow, 'status' | 'output' | 'error' | 'cause' | 'stopDate'>,
  ): void {
    this.db.transaction(() => {
      this.addEvents(arn, events);
      this.q.deleteTransition.run(arn);
      this.q.finishExecution.run({
        arn,
        status: end.status,
        output: end.output ?? null,
        error: end.error ?? null,
        cause: end.cause ?? null,
        stopDate: end.stopDate ?? null,
      });
    })();
  }

  /** The stored history of an execution, by id (an id written twice keeps its last version). */
  events<T extends { id: number }>(arn: string): T[] {
    const events: T[] = [];
    for (const page of this.q.pages.all(arn)) {
      const stored = JSON.parse(page.events) as T[] | PackedEvents;
      for (const e of Array.isArray(stored) ? stored : (unpackEvents(stored) as unknown as T[]))
        events.push(e);
    }
    let ordered = true;
    for (let i = 1; i < events.length && ordered; i++) ordered = events[i].id > events[i - 1].id;
    if (ordered) return events;
    const byId = new Map<number, T>();
    for (const e of events) byId.set(e.id, e);
    return [...byId.values()].sort((a, b) => a.id - b.id);
  }

  /** Remembers a task token issued since the last transition. */
  addTaskToken(arn: string, token: string): void {
    this.q.putTokens.run(JSON.stringify([...this.taskTokens(arn), token]), arn);
  }

  /** The task tokens issued since the last transition, in order. */
  taskTokens(arn: string): string[] {
    const text = this.q.tokens.get(arn)?.task_tokens;
    return text ? (JSON.parse(text) as string[]) : [];
  }

  /** The transition a RUNNING execution resumes from. */
  transition<T>(arn: string): T | undefined {
    const row = this.q.transition.get(arn);
    return row ? (JSON.parse(row.transition) as T) : undefined;
  }
}
