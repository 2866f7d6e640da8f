// Runs executions: STANDARD ones durable (transitions and their history events are committed once per
// turn of the event loop, and always before anything leaves the execution, so a killed eddy resumes them
// on start re-running only pure states), EXPRESS ones in memory. Every history event becomes a trace
// record; STANDARD status changes go to the default bus.
import { randomUUID } from 'node:crypto';
import type { ExecutionRow, ExecutionStore } from '../../../store/executions.js';
import type { ServiceContext } from '../../core/service.js';
import { childExecutionArn } from '../distributed/arns.js';
import {
  startExecution,
  TaskTokenRegistry,
  type Execution,
  type HistoryEvent,
  type MapRunHooks,
  type StartOptions,
  type Transition,
} from '../index.js';
import { checkArn, checkName, executionArn, type Scope } from './arns.js';
import {
  executionAlreadyExists,
  executionDoesNotExist,
  invalidArn,
  invalidExecutionInput,
} from './errors.js';
import type { Machine, MachineRegistry } from './machines.js';
import { childMachine, childRow, machineOfChild, type ChildStart } from './children.js';
import { ExecutionProgress } from './execution-progress.js';
import { ExpressChildren } from './express-children.js';
import { ExecutionMocks, type MockConfig } from './mock-config.js';
import { TraceBatcher } from './history-trace.js';
import { putStatusChange } from './publish.js';
import { createTaskInvoker } from './task-invoker.js';
import { ExecutionTokens } from './tokens.js';
import { TransitionCommits } from './transition-commits.js';
import { syncDescription } from './views.js';

export type { ExecutionRow, ChildStart };

/** A running (or recently ended, for EXPRESS) execution. */
export interface Live {
  row: ExecutionRow;
  express: boolean;
  run?: Execution;
  mocks?: ExecutionMocks;
  /** Resolves with the final row. */
  done: Promise<ExecutionRow>;
}

/** How an execution is started. */
export interface StartRequest {
  /** The machine ARN, optionally `#TestCase` for mocked runs. */
  stateMachineArn: string;
  name?: string;
  /** The input as JSON text (default `{}`). */
  input?: string;
  traceId?: string;
}

// AWS keeps no list of EXPRESS executions; eddy remembers the last ones so the CLI can follow them.
const EXPRESS_KEPT = 1000;

/** Starts, resumes, stops and describes executions. */
export class ExecutionManager {
  readonly tokens = new TaskTokenRegistry();
  private readonly live = new Map<string, Live>();
  private readonly express = new Map<string, Live>();
  private readonly expressChildren = new ExpressChildren();
  private stopping = false;
  /** The state each execution resumed at after a restart (its map run may need to be continued). */
  private readonly resumedAt = new Map<string, string>();
  private readonly traces: TraceBatcher;
  private readonly commits: TransitionCommits;
  /** The task invoker executions use (TestState runs tasks with it too). */
  readonly invoker;

  constructor(
    private readonly context: ServiceContext,
    private readonly store: ExecutionStore,
    private readonly machines: MachineRegistry,
    private readonly scope: Scope,
    /** Distributed Map hooks (set once the service's map run registry exists). */
    public mapRuns: MapRunHooks | undefined,
    private readonly mockConfig: MockConfig | undefined,
  ) {
    this.traces = new TraceBatcher(context.trace);
    this.commits = new TransitionCommits(context.store.db);
    const invoker = createTaskInvoker({
      router: context.router,
      scope,
      clock: context.clock,
      facts: {
        traceId: (arn) => this.find(arn)?.row.traceId ?? randomUUID(),
        mocks: (arn) => this.find(arn)?.mocks,
      },
      nested: {
        startChild: (input, parentArn) => {
          const live = this.start({
            stateMachineArn: String(input.StateMachineArn ?? ''),
            name: input.Name as string | undefined,
            input: typeof input.Input === 'string' ? input.Input : JSON.stringify(input.Input ?? {}),
            traceId: this.find(parentArn)?.row.traceId,
          });
          return {
            ExecutionArn: live.row.arn,
            StartDate: live.row.startDate,
            wait: async () => syncDescription(await live.done),
          };
        },
      },
    });
    // A task is the first thing that leaves an execution: its transition is committed before it runs.
    this.invoker = {
      invoke: (resource: string, input: unknown, ctx: Parameters<typeof invoker.invoke>[2]) => {
        this.commits.flush(ctx.executionArn);
        return invoker.invoke(resource, input, ctx);
      },
    };
  }

  /** Commits `arn`'s pending transition now (before a map run of it starts, for example). */
  commit(arn: string): void {
    this.commits.flush(arn);
  }

  /** Starts an execution (StartExecution, StartSyncExecution, rule and pipe targets, nested tasks). */
  start(request: StartRequest): Live {
    const [machineArn, testCase] = request.stateMachineArn.split('#');
    checkArn(machineArn, ['stateMachine']);
    const machine = this.machines.get(machineArn);
    const name = checkName(request.name ?? randomUUID());
    const inputText = request.input ?? '{}';
    let input: unknown;
    try {
      input = JSON.parse(inputText);
    } catch (error) {
      throw invalidExecutionInput((error as Error).message);
    }
    const express = machine.type === 'EXPRESS';
    const arn = executionArn(machine.arn, name, express, randomUUID());
    if (!express) {
      const existing = this.store.execution(arn);
      // StartExecution is idempotent for the same name and input while the execution runs.
      if (existing?.status === 'RUNNING' && existing.input === inputText && this.live.has(arn))
        return this.live.get(arn)!;
      if (existing) throw executionAlreadyExists(arn);
    }
    const row: ExecutionRow = {
      arn,
      stateMachineArn: machine.arn,
      name,
      status: 'RUNNING',
      definition: machine.definition,
      input: inputText,
      startDate: this.context.clock.now(),
      traceId: request.traceId ?? randomUUID(),
      revision: machine.revision,
    };
    if (!express) this.store.insertExecution(row);
    const mocks =
      this.mockConfig && testCase ? new ExecutionMocks(this.mockConfig, machine.name, testCase) : undefined;
    return this.run(machine, row, input, mocks);
  }

  /** Starts a map run's child, or finds it (running or ended) when a restarted map run asks again. */
  startChild(child: ChildStart): Live {
    const express = child.type === 'EXPRESS';
    const arn = childExecutionArn(child.machineArn, child.name, express, randomUUID());
    if (!express) {
      const running = this.live.get(arn);
      if (running) return running;
      const ended = this.store.execution(arn);
      if (ended) return { row: ended, express, done: Promise.resolve(ended) };
    }
    // The parent's transition is committed before its child becomes visible.
    this.commits.flush(child.parentArn);
    const row = childRow(child, arn, this.context.clock.now(), this.find(child.parentArn)?.row);
    if (!express) this.store.insertExecution(row);
    const roleArn = this.machines.find(machineOfChild(child.machineArn))?.roleArn ?? '';
    const machine = childMachine(child, row, roleArn);
    return this.run(machine, row, child.input, undefined);
  }

  /** The state a resumed execution re-entered after the restart, if it was resumed. */
  resumedState(arn: string): string | undefined {
    return this.resumedAt.get(arn);
  }

  /** True while eddy stops: ends seen now are not real ends. */
  get isStopping(): boolean {
    return this.stopping;
  }

  /** Continues every STANDARD execution that was RUNNING when eddy stopped. */
  resumeAll(): void {
    for (const row of this.store.running()) {
      const machine = this.machines.find(row.stateMachineArn);
      const transition = this.store.transition<Transition>(row.arn);
      const events = this.store.events<HistoryEvent>(row.arn);
      const parsed = machine?.revision === row.revision ? machine : undefined;
      if (!transition?.stateName) {
        // Nothing to resume from (crashed before the first state): start again from the beginning.
        this.run(parsed ?? this.fromRow(row), row, JSON.parse(row.input), undefined);
        continue;
      }
      this.resumedAt.set(row.arn, transition.stateName);
      this.run(parsed ?? this.fromRow(row), row, JSON.parse(row.input), undefined, {
        transition: transition as Transition & { stateName: string },
        events,
        startTime: row.startDate,
      });
    }
  }

  private fromRow(row: ExecutionRow): Machine {
    // The machine changed or went away since the execution started: run the definition it started with.
    const current = this.machines.find(row.stateMachineArn);
    const parsed = JSON.parse(row.definition) as Machine['parsed'];
    return {
      arn: row.stateMachineArn,
      name: row.stateMachineArn.split(':')[6],
      definition: row.definition,
      type: 'STANDARD',
      roleArn: current?.roleArn ?? '',
      origin: 'api',
      created: row.startDate,
      updated: row.startDate,
      revision: row.revision,
      parsed,
    };
  }

  private run(
    machine: Machine,
    row: ExecutionRow,
    input: unknown,
    mocks: ExecutionMocks | undefined,
    resume?: StartOptions['resume'],
  ): Live {
    const express = machine.type === 'EXPRESS';
    const live: Live = { row, express, mocks, done: undefined as unknown as Promise<ExecutionRow> };
    (express ? this.express : this.live).set(row.arn, live);
    const published = resume?.events.length ?? 0;
    const durable = !express;
    const progress = durable
      ? new ExecutionProgress(
          { store: this.store, commits: this.commits, stopping: () => this.stopping },
          row.arn,
          resume,
        )
      : undefined;
    const tokens = durable
      ? new ExecutionTokens(this.tokens, resume ? this.store.taskTokens(row.arn) : [], (token) => {
          if (this.stopping) return;
          // The token is stored with the transition it was issued in (the worker may hold it already).
          this.commits.flush(row.arn);
          this.store.addTaskToken(row.arn, token);
        })
      : this.tokens;
    const run = startExecution(machine.parsed, input, {
      clock: this.context.clock,
      invoker: this.invoker,
      tokens,
      region: this.scope.region,
      accountId: this.scope.accountId,
      stateMachineArn: machine.arn,
      executionArn: row.arn,
      name: row.name,
      roleArn: machine.roleArn || undefined,
      type: machine.type,
      mapRuns: this.mapRuns,
      onTransition: progress?.record,
      resume,
    });
    live.run = run;
    progress?.attach(run.events.events);
    const history = run.events;
    // A map run's children show in `eddy tail` through the run's progress records, and when they fail.
    const traced = (event: HistoryEvent) => !row.mapRunArn || /^Execution(Failed|TimedOut)$/.test(event.type);
    for (const event of history.events.slice(published)) if (traced(event)) this.traces.add(row, event);
    history.listen((event) => traced(event) && this.traces.add(row, event));
    if (durable && !resume && !row.mapRunArn) putStatusChange(this.statusDeps(), row);
    live.done = run.result.then((result) => {
      if (this.stopping) return live.row;
      const end: ExecutionRow = {
        ...row,
        status: result.status,
        output: result.status === 'SUCCEEDED' ? JSON.stringify(result.output ?? null) : undefined,
        error: result.error,
        cause: result.cause,
        stopDate: this.context.clock.now(),
      };
      live.row = end;
      if (progress) {
        progress.finish(end);
        this.live.delete(row.arn);
        if (!row.mapRunArn) putStatusChange(this.statusDeps(), end);
      } else if (row.mapRunArn) {
        this.express.delete(row.arn);
        this.expressChildren.keep(end);
      } else this.trimExpress();
      return end;
    });
    return live;
  }

  private statusDeps() {
    const { router, clock, logger } = this.context;
    return { router, clock, logger, scope: this.scope };
  }

  private trimExpress(): void {
    // Oldest first (a Map iterates in insertion order), without copying the 1,000 kept on every end.
    for (const [arn, live] of this.express) {
      if (this.express.size <= EXPRESS_KEPT) return;
      if (live.row.status !== 'RUNNING') this.express.delete(arn);
    }
  }

  /** ListExecutions({ mapRunArn }): the map run's children, newest first. */
  listMapRun(mapRunArn: string): ExecutionRow[] {
    const running = [...this.live.values(), ...this.express.values()]
      .filter((l) => l.row.mapRunArn === mapRunArn && l.express)
      .map((l) => l.row);
    const express = [...this.expressChildren.ofMapRun(mapRunArn), ...running];
    const stored = this.store.executionsOfMapRun(mapRunArn).map((r) => this.live.get(r.arn)?.row ?? r);
    return [...express, ...stored].sort((a, b) => b.startDate - a.startDate);
  }

  private find(arn: string): Live | undefined {
    return this.live.get(arn) ?? this.express.get(arn);
  }

  /** The execution's row (running ones from memory). */
  describe(arn: string): ExecutionRow {
    checkArn(arn, ['execution', 'express']);
    const row = this.find(arn)?.row ?? this.expressChildren.get(arn) ?? this.store.execution(arn);
    if (!row) throw executionDoesNotExist(arn);
    return row;
  }

  /** Its history events so far. */
  history(arn: string): HistoryEvent[] {
    const live = this.find(arn);
    if (live?.run) return live.run.events.events;
    // EXPRESS children keep no history, as on AWS (GetExecutionHistory does not serve EXPRESS executions).
    if (this.describe(arn).mapRunArn && arn.split(':')[5] === 'express')
      throw invalidArn(arn, 'Resource type not valid in this context');
    return this.store.events<HistoryEvent>(arn);
  }

  /** A machine's executions, newest first (EXPRESS ones eddy still remembers). */
  list(machineArn: string): ExecutionRow[] {
    const express = [...this.express.values()]
      .filter((l) => l.row.stateMachineArn === machineArn)
      .map((l) => l.row);
    const stored = this.store.executionsOf(machineArn).map((r) => this.live.get(r.arn)?.row ?? r);
    return [...express.reverse(), ...stored];
  }

  /** Resolves with the final row of a running execution. */
  async wait(arn: string): Promise<ExecutionRow> {
    const live = this.find(arn);
    return live ? live.done : this.describe(arn);
  }

  /** StopExecution: aborts it (a no-op for an execution that has ended). */
  async stop(arn: string, error?: string, cause?: string): Promise<ExecutionRow> {
    const live = this.find(arn);
    if (!live) return this.describe(arn);
    live.run?.abort(error, cause);
    return live.done;
  }

  /** Stops every run without recording an end, so STANDARD ones resume on the next start. */
  async dispose(): Promise<void> {
    // A clean stop keeps the latest transitions, so a restart re-runs no state it need not.
    this.commits.flushAll();
    this.stopping = true;
    // Aborting adds ExecutionAborted events: they are not real ends, so no trace record shows them.
    this.traces.close();
    const runs = [...this.live.values(), ...this.express.values()];
    for (const live of runs) live.run?.abort('eddy stopped');
    await Promise.allSettled(runs.map((l) => l.done));
  }
}
