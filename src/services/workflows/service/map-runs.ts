// The service's map runs (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-examine-map-run.html):
// a durable row per run with its settings and live counts, children started as real executions (STANDARD
// ones durable, EXPRESS ones in memory), each child's outcome recorded as it ends so a restarted parent
// resumes the run without running succeeded children again, UpdateMapRun applied to the running
// scheduler, and a `map-run` trace record at most every 250 ms and at the end.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../shared/clock.js';
import type { MapRunRow, MapRunStore } from '../../../store/map-runs.js';
import type { TraceHub } from '../../../trace/hub.js';
import { childName, mapRunArns } from '../distributed/arns.js';
import type { MapRunControl, MapRunHandle, MapRunHost, MapRunSpec } from '../distributed/host.js';
import { emptyCounts, type MapRunLimits, type MapRunProgress } from '../distributed/map-run.js';
import type { ChildOutcome } from '../distributed/result-writer.js';
import type { ExecutionManager, ExecutionRow } from './executions.js';
import { mapRunNotFound, mapRunNotRunning } from './errors.js';

/** How often progress is stored and published while a run goes on. */
const PROGRESS_EVERY_MS = 250;

interface ActiveRun {
  row: MapRunRow;
  progress: MapRunProgress;
  control?: MapRunControl;
  timer?: NodeJS.Timeout;
  last: number;
  traceId: string;
}

/** A map run as DescribeMapRun shows it. */
export interface MapRunView {
  row: MapRunRow;
  progress: MapRunProgress;
}

/** Outcome fields a restart needs (the input is recomputed from the items). */
type StoredOutcome = Omit<ChildOutcome, 'input' | 'startDate' | 'stopDate'> & {
  start?: number;
  stop?: number;
};

function outcomeOf(row: ExecutionRow, input: unknown): ChildOutcome {
  const status = row.status === 'RUNNING' ? 'ABORTED' : row.status;
  return {
    status,
    input,
    ...(row.output !== undefined ? { output: JSON.parse(row.output) as unknown } : {}),
    ...(row.error !== undefined ? { error: row.error } : {}),
    ...(row.cause !== undefined ? { cause: row.cause } : {}),
    name: row.name,
    executionArn: row.arn,
    startDate: new Date(row.startDate),
    stopDate: new Date(row.stopDate ?? row.startDate),
  };
}

/** Opens, tracks and describes map runs. */
export class MapRunRegistry implements MapRunHost {
  private readonly active = new Map<string, ActiveRun>();
  /** Parent#state pairs already re-entered since the restart. */
  private readonly reentered = new Set<string>();

  constructor(
    private readonly store: MapRunStore,
    private readonly executions: ExecutionManager,
    private readonly trace: TraceHub,
    private readonly clock: Clock,
  ) {}

  open(spec: MapRunSpec): MapRunHandle {
    // The parent's transition is committed before its map run (and children) become visible.
    this.executions.commit(spec.parentArn);
    const resumed = this.previousRun(spec);
    const arns = mapRunArns(spec.parentArn, spec.label, randomUUID());
    const items = spec.sizes.reduce((a, b) => a + b, 0);
    const row: MapRunRow = resumed ?? {
      arn: arns.mapRunArn,
      executionArn: spec.parentArn,
      stateName: spec.stateName,
      childMachineArn: arns.childMachineArn,
      executionType: spec.executionType,
      status: 'RUNNING',
      startDate: this.clock.now(),
      maxConcurrency: spec.limits.maxConcurrency,
      toleratedFailureCount: spec.limits.toleratedFailureCount,
      toleratedFailurePercentage: spec.limits.toleratedFailurePercentage,
      counts: { itemCounts: emptyCounts(items), executionCounts: emptyCounts(spec.sizes.length) },
    };
    if (!resumed) this.store.save(row);
    const known = new Map<number, ChildOutcome>();
    if (resumed) {
      for (const [i, o] of this.store.children<StoredOutcome>(row.arn)) {
        const { start, stop, ...rest } = o;
        known.set(i, { ...rest, startDate: new Date(start ?? 0), stopDate: new Date(stop ?? 0) });
      }
    }
    const run: ActiveRun = {
      row,
      progress: row.counts as MapRunProgress,
      last: 0,
      traceId: this.traceIdOf(spec.parentArn),
    };
    this.active.set(row.arn, run);
    const limits: MapRunLimits = {
      maxConcurrency: row.maxConcurrency,
      toleratedFailureCount: row.toleratedFailureCount,
      toleratedFailurePercentage: row.toleratedFailurePercentage,
    };
    const definitionText = JSON.stringify(spec.definition);
    return {
      mapRunArn: row.arn,
      childMachineArn: row.childMachineArn,
      known,
      limits,
      launch: async (index, input, signal) => {
        const live = this.executions.startChild({
          parentArn: spec.parentArn,
          machineArn: row.childMachineArn,
          name: childName(row.arn, index),
          type: spec.executionType,
          definition: spec.definition,
          definitionText,
          input,
          mapRunArn: row.arn,
          itemCount: spec.sizes[index],
        });
        const stop = () => void this.executions.stop(live.row.arn).catch(() => undefined);
        signal.addEventListener('abort', stop, { once: true });
        const end = await live.done.finally(() => signal.removeEventListener('abort', stop));
        const outcome = outcomeOf(end, input);
        if (!this.executions.isStopping && outcome.status !== 'ABORTED') {
          const { input: _input, startDate, stopDate, ...stored } = outcome;
          this.store.addChild(row.arn, index, {
            ...stored,
            start: startDate?.getTime(),
            stop: stopDate?.getTime(),
          } satisfies StoredOutcome);
        }
        return outcome;
      },
      progress: (progress) => this.progress(run, progress),
      attach: (control) => {
        run.control = control;
      },
      end: (status, progress) => {
        clearTimeout(run.timer);
        this.active.delete(row.arn);
        // eddy stopping aborts the parent: the run is not over, it resumes on the next start.
        if (this.executions.isStopping) return;
        run.progress = progress;
        row.status = status;
        row.stopDate = this.clock.now();
        this.flush(run);
      },
    };
  }

  /**
   * The run a parent resumed after a restart continues: a RUNNING run of this state, or (the first time
   * the parent re-enters the state it resumed at) the state's last run even if it ended, since a kill
   * just after a run ended and before the parent moved on leaves the parent in the Map state.
   */
  private previousRun(spec: MapRunSpec): MapRunRow | undefined {
    const runs = this.store
      .ofExecution(spec.parentArn)
      .filter((r) => r.stateName === spec.stateName && !this.active.has(r.arn));
    const running = runs.find((r) => r.status === 'RUNNING');
    if (running) return running;
    const key = `${spec.parentArn}#${spec.stateName}`;
    const first = !this.reentered.has(key);
    this.reentered.add(key);
    if (!first || this.executions.resumedState(spec.parentArn) !== spec.stateName) return undefined;
    const last = runs.at(-1);
    return last && { ...last, status: 'RUNNING', stopDate: undefined };
  }

  private traceIdOf(parentArn: string): string {
    try {
      return this.executions.describe(parentArn).traceId;
    } catch {
      return randomUUID();
    }
  }

  /** DescribeMapRun: live counts while the run goes on. */
  describe(arn: string): MapRunView {
    const run = this.active.get(arn);
    if (run) return { row: { ...run.row, ...this.limitsOf(run) }, progress: run.progress };
    const row = this.store.get(arn);
    if (!row) throw mapRunNotFound(arn);
    return { row, progress: row.counts as MapRunProgress };
  }

  /** ListMapRuns: an execution's map runs, oldest first. */
  list(executionArn: string): MapRunRow[] {
    return this.store.ofExecution(executionArn).map((r) => this.active.get(r.arn)?.row ?? r);
  }

  /** UpdateMapRun: applies new limits to the running scheduler at once. */
  update(arn: string, change: Partial<MapRunLimits>): void {
    const run = this.active.get(arn);
    if (!run) {
      const row = this.store.get(arn);
      if (!row) throw mapRunNotFound(arn);
      throw mapRunNotRunning(arn);
    }
    if (change.maxConcurrency !== undefined) run.row.maxConcurrency = change.maxConcurrency;
    if (change.toleratedFailureCount !== undefined)
      run.row.toleratedFailureCount = change.toleratedFailureCount;
    if (change.toleratedFailurePercentage !== undefined)
      run.row.toleratedFailurePercentage = change.toleratedFailurePercentage;
    run.control?.update(change);
    this.flush(run);
  }

  /**
   * After a restart: map runs left RUNNING by a parent that will not resume them (an EXPRESS parent,
   * which is not durable, or one that ended) are ABORTED.
   */
  closeOrphans(): void {
    for (const row of this.store.running()) {
      let status: string | undefined;
      try {
        status = this.executions.describe(row.executionArn).status;
      } catch {
        status = undefined;
      }
      if (status === 'RUNNING') continue;
      this.store.save({ ...row, status: 'ABORTED', stopDate: this.clock.now() });
    }
  }

  /** Stops publishing (eddy is stopping). */
  dispose(): void {
    for (const run of this.active.values()) clearTimeout(run.timer);
  }

  private limitsOf(run: ActiveRun): Partial<MapRunRow> {
    const current = run.control?.current;
    if (!current) return {};
    return {
      maxConcurrency: current.maxConcurrency,
      toleratedFailureCount: current.toleratedFailureCount,
      toleratedFailurePercentage: current.toleratedFailurePercentage,
    };
  }

  private progress(run: ActiveRun, progress: MapRunProgress): void {
    run.progress = progress;
    if (this.executions.isStopping) return;
    const since = Date.now() - run.last;
    if (since >= PROGRESS_EVERY_MS) this.flush(run);
    else if (!run.timer) {
      run.timer = setTimeout(() => {
        run.timer = undefined;
        if (this.active.has(run.row.arn) && !this.executions.isStopping) this.flush(run);
      }, PROGRESS_EVERY_MS - since);
      run.timer.unref();
    }
  }

  /** Stores the counts and publishes a `map-run` trace record. */
  private flush(run: ActiveRun): void {
    run.last = Date.now();
    const counts = structuredClone(run.progress);
    const row = { ...run.row, ...this.limitsOf(run), counts };
    run.row.counts = counts;
    this.store.save(row);
    const items = counts.itemCounts;
    const machine = row.childMachineArn.split(':')[6] ?? '';
    const done = items.succeeded + items.failed + items.timedOut + items.aborted;
    const failures = items.failed + items.timedOut;
    this.trace.publish({
      kind: 'map-run',
      traceId: run.traceId,
      resource: row.arn,
      payload: {
        summary: `${machine} map run ${row.status} ${done}/${items.total} items${failures ? `, ${failures} failed` : ''}`,
        mapRunArn: row.arn,
        executionArn: row.executionArn,
        stateName: row.stateName,
        status: row.status,
        startDate: row.startDate,
        ...(row.stopDate !== undefined ? { stopDate: row.stopDate } : {}),
        maxConcurrency: row.maxConcurrency,
        toleratedFailureCount: row.toleratedFailureCount ?? 0,
        toleratedFailurePercentage: row.toleratedFailurePercentage ?? 0,
        itemCounts: counts.itemCounts,
        executionCounts: counts.executionCounts,
      },
    });
  }
}
