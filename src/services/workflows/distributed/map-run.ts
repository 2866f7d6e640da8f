// The scheduler of one map run: starts child executions up to MaxConcurrency (changeable while it runs,
// as UpdateMapRun does), keeps AWS's item and execution counts live, and stops the run when failures
// pass the tolerated threshold (https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html#maprun-fail-threshold).
// Outcomes known from before a restart count as done and are not run again.
import type { MapRunItemCounts } from '../../../trace/map-run-counts.js';
import type { ChildOutcome } from './result-writer.js';

/** MapRunItemCounts / MapRunExecutionCounts, with the counts the API adds to the trace record's. */
export interface MapRunCounts extends MapRunItemCounts {
  resultsWritten: number;
  failuresNotRedrivable: number;
  pendingRedrive: number;
}

/** Both count sets of a map run. */
export interface MapRunProgress {
  itemCounts: MapRunCounts;
  executionCounts: MapRunCounts;
}

/** The settings UpdateMapRun may change while the run goes on. */
export interface MapRunLimits {
  /** 0: as many as AWS allows at once. */
  maxConcurrency: number;
  toleratedFailureCount?: number;
  toleratedFailurePercentage?: number;
}

/** Starts one child execution; resolves with how it ended (ABORTED when `signal` stopped it). */
export type ChildLauncher = (index: number, input: unknown, signal: AbortSignal) => Promise<ChildOutcome>;

/** How a map run ended. */
export interface MapRunEnd {
  outcomes: ChildOutcome[];
  /** The tolerated failure threshold was exceeded. */
  exceeded: boolean;
  /** The parent stopped the run (the execution was stopped, timed out or failed elsewhere). */
  aborted: boolean;
}

// "If you don't specify MaxConcurrency, Step Functions runs 10,000 parallel child workflow executions."
const AWS_MAX_CHILDREN = 10_000;

/** Zeroed counts over `total`. */
export function emptyCounts(total: number): MapRunCounts {
  return {
    pending: total,
    running: 0,
    succeeded: 0,
    failed: 0,
    timedOut: 0,
    aborted: 0,
    total,
    resultsWritten: 0,
    failuresNotRedrivable: 0,
    pendingRedrive: 0,
  };
}

const FIELD = {
  SUCCEEDED: 'succeeded',
  FAILED: 'failed',
  TIMED_OUT: 'timedOut',
  ABORTED: 'aborted',
} as const;

/** True when `failed` items of `total` break the limits (no limit set: any failure does). */
export function exceedsThreshold(failed: number, total: number, limits: MapRunLimits): boolean {
  if (failed === 0) return false;
  const { toleratedFailureCount: count, toleratedFailurePercentage: percentage } = limits;
  if (count === undefined && percentage === undefined) return true;
  if (count !== undefined && failed > count) return true;
  return percentage !== undefined && (failed / Math.max(1, total)) * 100 > percentage;
}

/** Runs the children of one map run. */
export class MapRunScheduler {
  readonly progress: MapRunProgress;
  private readonly outcomes: (ChildOutcome | undefined)[];
  private readonly queue: number[] = [];
  private running = 0;
  private failedItems = 0;
  private stopped: 'exceeded' | 'aborted' | undefined;
  /** One controller per running child: thousands of listeners on one shared signal cost O(n) each. */
  private readonly controllers = new Map<number, AbortController>();
  private wake: () => void = () => undefined;

  constructor(
    private readonly inputs: unknown[],
    /** How many items each child carries (1, or a batch's length). */
    private readonly sizes: number[],
    private limits: MapRunLimits,
    known: ReadonlyMap<number, ChildOutcome>,
    private readonly launch: ChildLauncher,
    private readonly onProgress: (progress: MapRunProgress) => void,
  ) {
    const items = sizes.reduce((a, b) => a + b, 0);
    this.progress = { itemCounts: emptyCounts(items), executionCounts: emptyCounts(inputs.length) };
    this.outcomes = new Array(inputs.length);
    for (let i = 0; i < inputs.length; i++) {
      const outcome = known.get(i);
      if (outcome && outcome.status !== 'PENDING') {
        this.move(i, 'pending', undefined);
        this.settle(i, outcome);
      } else this.queue.push(i);
    }
  }

  /** The limits in force. */
  get current(): MapRunLimits {
    return { ...this.limits };
  }

  /** UpdateMapRun: widens or narrows the pool at once; a lower tolerance may end the run. */
  update(change: Partial<MapRunLimits>): void {
    this.limits = { ...this.limits, ...change };
    if (!this.stopped && exceedsThreshold(this.failedItems, this.progress.itemCounts.total, this.limits))
      this.stop('exceeded');
    this.pump();
    this.onProgress(this.progress);
  }

  /** Runs the children not yet done; resolves when every started child has ended. */
  async run(parent: AbortSignal): Promise<MapRunEnd> {
    const onAbort = () => this.stop('aborted');
    if (parent.aborted) onAbort();
    else parent.addEventListener('abort', onAbort, { once: true });
    if (!this.stopped && exceedsThreshold(this.failedItems, this.progress.itemCounts.total, this.limits))
      this.stop('exceeded');
    try {
      await new Promise<void>((resolve) => {
        this.wake = () => {
          if (this.running === 0 && (this.stopped || this.queue.length === 0)) resolve();
        };
        this.pump();
        this.wake();
      });
    } finally {
      parent.removeEventListener('abort', onAbort);
    }
    // Array.from, not map: children never started are holes, and map skips holes.
    const outcomes = Array.from(this.outcomes, (o): ChildOutcome => o ?? { status: 'PENDING' });
    return { outcomes, exceeded: this.stopped === 'exceeded', aborted: this.stopped === 'aborted' };
  }

  private width(): number {
    return this.limits.maxConcurrency > 0 ? this.limits.maxConcurrency : AWS_MAX_CHILDREN;
  }

  private pump(): void {
    while (!this.stopped && this.running < this.width() && this.queue.length > 0) {
      const index = this.queue.shift()!;
      this.running++;
      this.move(index, 'pending', 'running');
      const controller = new AbortController();
      this.controllers.set(index, controller);
      this.launch(index, this.inputs[index], controller.signal)
        .catch((error: unknown): ChildOutcome => ({
          status: 'FAILED',
          error: 'States.Runtime',
          cause: error instanceof Error ? error.message : String(error),
        }))
        .then((outcome) => {
          this.controllers.delete(index);
          this.running--;
          this.move(index, 'running', undefined);
          this.settle(index, outcome);
          this.onProgress(this.progress);
          this.pump();
          this.wake();
        });
    }
    this.onProgress(this.progress);
  }

  private settle(index: number, outcome: ChildOutcome): void {
    this.outcomes[index] = outcome;
    const field = outcome.status === 'PENDING' ? 'pending' : FIELD[outcome.status];
    const size = this.sizes[index];
    this.progress.itemCounts[field] += size;
    this.progress.executionCounts[field]++;
    if (outcome.status === 'FAILED' || outcome.status === 'TIMED_OUT' || outcome.status === 'ABORTED') {
      // eddy does not redrive map runs: every unsuccessful child is final.
      this.progress.itemCounts.failuresNotRedrivable += size;
      this.progress.executionCounts.failuresNotRedrivable++;
    }
    if (outcome.status === 'FAILED' || outcome.status === 'TIMED_OUT') {
      this.failedItems += size;
      if (!this.stopped && exceedsThreshold(this.failedItems, this.progress.itemCounts.total, this.limits))
        this.stop('exceeded');
    }
  }

  /** Moves a child between two count fields (undefined: only leaves `from`). */
  private move(index: number, from: keyof MapRunCounts, to: keyof MapRunCounts | undefined): void {
    const size = this.sizes[index];
    this.progress.itemCounts[from] -= size;
    this.progress.executionCounts[from]--;
    if (to) {
      this.progress.itemCounts[to] += size;
      this.progress.executionCounts[to]++;
    }
  }

  private stop(why: 'exceeded' | 'aborted'): void {
    if (this.stopped) return;
    this.stopped = why;
    for (const controller of this.controllers.values()) controller.abort(new Error(why));
  }
}
