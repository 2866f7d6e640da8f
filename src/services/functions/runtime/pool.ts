// The instances of one function: a warm idle instance serves the next invocation; when all are busy a new
// one starts, up to the function's concurrency (ReservedConcurrentExecutions, else eddy's default of 10),
// and further invocations wait in line. Idle instances are stopped after a while, as Lambda reclaims
// environments. A new code generation (hot reload) retires older instances once they finish.
import type { Clock, TimerHandle } from '../../../shared/clock.js';
import type { Instance } from './instance.js';

/** eddy's concurrency per function when the template sets no ReservedConcurrentExecutions. */
export const DEFAULT_CONCURRENCY = 10;

/**
 * How long an invocation that finds every warm instance busy waits for one of them before a new instance
 * is started for it. Lambda scales out at once, but its new environment costs Lambda, not the caller's
 * machine: here a new instance is a process whose start costs ~100 ms of CPU (and, without the
 * spawner, blocks eddy's event loop for the fork: spawn-queue.ts), while a warm invocation frees its
 * instance in well under a millisecond. At 1,000 events/s, events routed in the same turn found the one
 * warm instance busy and grew the pool to its limit within a second, for work one instance did.
 * Sustained concurrency (handlers that take longer than this) still gets one instance per concurrent
 * invocation, this much later.
 */
export const SCALE_OUT_DELAY_MS = 10;

/**
 * The wait is judged on a timer: one that fires late means eddy's own event loop was blocked meanwhile
 * (a fork, a GC pause), not that the warm instance is slow, and a release waiting to be read may be
 * queued behind it; the pool then looks again after another SCALE_OUT_DELAY_MS. Otherwise each pause
 * started instances, whose forks paused the loop again, until the pool was full. Past this wait (about
 * a cold start) a new instance is started whatever the timer says.
 */
export const SCALE_OUT_MAX_WAIT_MS = 100;

/** How a pool starts instances and how long it keeps idle ones. */
export interface PoolOptions {
  start(generation: number): Instance;
  maxInstances: number;
  idleMs: number;
  clock: Clock;
}

type Waiter = { resolve(instance: Instance): void; reject(error: Error): void; since: number };

/** A function's instances. */
export class InstancePool {
  private readonly idle: Instance[] = [];
  private readonly busy = new Set<Instance>();
  private readonly waiters: Waiter[] = [];
  /** One reap timer per live instance, re-armed lazily (not per invocation). */
  private readonly reapTimers = new Map<Instance, TimerHandle>();
  /** When each instance was last released (clock time), for its reap timer. */
  private readonly lastUsed = new Map<Instance, number>();
  private scaleOutTimer?: NodeJS.Timeout;
  /** When the scale-out timer was armed, and for when (performance.now()). */
  private scaleOutArmedFor = 0;
  private generation = 0;
  private disposed = false;
  private retiring = false;

  constructor(private readonly options: PoolOptions) {}

  /** Instances alive now (idle or busy). */
  get size(): number {
    return this.idle.length + this.busy.size;
  }

  /** The code generation new instances run. */
  get currentGeneration(): number {
    return this.generation;
  }

  /** An instance for one invocation: a warm idle one, one freed soon, a new one, or the next one freed. */
  acquire(): Promise<Instance> {
    if (this.disposed) return Promise.reject(new Error('function pool disposed'));
    const instance = this.takeIdle() ?? (this.hasWarmBusy() ? undefined : this.startIfRoom());
    if (instance) return Promise.resolve(instance);
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve, reject, since: performance.now() });
      this.armScaleOut(false);
    });
  }

  /** Returns an instance after its invocation; stale or dead ones are stopped. */
  release(instance: Instance): void {
    this.busy.delete(instance);
    if (!instance.alive || instance.generation !== this.generation || this.disposed) {
      instance.kill();
    } else {
      const waiter = this.waiters.shift();
      if (waiter) return this.hand(instance, waiter);
      if (this.retiring) return instance.kill();
      this.idle.push(instance);
      this.lastUsed.set(instance, this.options.clock.now());
      if (!this.reapTimers.has(instance)) this.scheduleReap(instance, this.options.idleMs);
    }
    this.serveWaiters();
  }

  /** New code: idle instances stop now, busy ones when they finish; optionally start one warm instance. */
  newGeneration(prewarm: boolean): void {
    this.generation++;
    for (const instance of this.idle.splice(0)) this.stop(instance);
    if (prewarm && !this.disposed && this.size < this.options.maxInstances) {
      const instance = this.spawn();
      this.idle.push(instance);
      this.lastUsed.set(instance, this.options.clock.now());
      this.scheduleReap(instance, this.options.idleMs);
    }
    // Waiting invocations no longer have a warm instance of this generation to wait for.
    this.serveWaiters();
  }

  /** Winds down after a configuration change: idle instances stop now, busy ones when they finish. */
  retire(): void {
    this.retiring = true;
    for (const instance of this.idle.splice(0)) this.stop(instance);
  }

  /** Stops every instance at once; invocations still waiting for one fail. */
  dispose(): void {
    this.disposed = true;
    clearTimeout(this.scaleOutTimer);
    for (const instance of [...this.idle.splice(0), ...this.busy]) this.stop(instance);
    this.busy.clear();
    for (const waiter of this.waiters.splice(0)) waiter.reject(new Error('function stopped'));
  }

  private takeIdle(): Instance | undefined {
    for (;;) {
      const instance = this.idle.pop();
      if (!instance) return undefined;
      if (!instance.alive) continue;
      this.busy.add(instance);
      return instance;
    }
  }

  /** Whether a busy instance of the current code will be free for reuse (so a waiter may wait for it). */
  private hasWarmBusy(): boolean {
    for (const instance of this.busy) {
      if (instance.alive && instance.generation === this.generation) return true;
    }
    return false;
  }

  private startIfRoom(): Instance | undefined {
    if (this.size >= this.options.maxInstances) return undefined;
    const instance = this.spawn();
    this.busy.add(instance);
    return instance;
  }

  private spawn(): Instance {
    const instance = this.options.start(this.generation);
    instance.onExit(() => {
      const at = this.idle.indexOf(instance);
      if (at >= 0) this.idle.splice(at, 1);
      this.forget(instance);
      if (!this.busy.has(instance)) this.serveWaiters();
    });
    return instance;
  }

  private hand(instance: Instance, waiter: Waiter): void {
    this.busy.add(instance);
    waiter.resolve(instance);
  }

  /** Serves waiters (see drainWaiters), then watches those still waiting. */
  private serveWaiters(): void {
    this.drainWaiters(false);
    this.armScaleOut(false);
  }

  /**
   * Serves waiters in order from idle instances; with new ones when no warm instance is busy (nothing
   * to wait for), when `scaleOut` (the timer's verdict) allows it for those that waited long enough,
   * or past SCALE_OUT_MAX_WAIT_MS.
   */
  private drainWaiters(scaleOut: boolean): void {
    if (this.disposed) return;
    while (this.waiters.length > 0) {
      const waited = performance.now() - this.waiters[0].since;
      const mayStart =
        waited >= SCALE_OUT_MAX_WAIT_MS || (scaleOut && waited >= SCALE_OUT_DELAY_MS) || !this.hasWarmBusy();
      const instance = this.takeIdle() ?? (mayStart ? this.startIfRoom() : undefined);
      if (!instance) break;
      this.waiters.shift()!.resolve(instance);
    }
  }

  /**
   * Wakes up when the oldest waiter has waited SCALE_OUT_DELAY_MS (real time: a waiting caller's), or,
   * `fresh` after a late timer, SCALE_OUT_DELAY_MS from now.
   */
  private armScaleOut(fresh: boolean): void {
    if (this.scaleOutTimer || this.disposed || this.waiters.length === 0) return;
    if (this.size >= this.options.maxInstances) return;
    const now = performance.now();
    const due = fresh
      ? SCALE_OUT_DELAY_MS
      : Math.max(1, Math.ceil(this.waiters[0].since + SCALE_OUT_DELAY_MS - now));
    this.scaleOutArmedFor = now + due;
    this.scaleOutTimer = setTimeout(() => {
      this.scaleOutTimer = undefined;
      const late = performance.now() - this.scaleOutArmedFor > SCALE_OUT_DELAY_MS;
      this.drainWaiters(!late);
      this.armScaleOut(late);
    }, due);
  }

  // Lazily re-armed: an instance released again before its timer fires gets the rest of its idle period.
  private scheduleReap(instance: Instance, ms: number): void {
    const timer = this.options.clock.setTimer(() => {
      this.reapTimers.delete(instance);
      if (!instance.alive) return this.forget(instance);
      const idleFor = this.options.clock.now() - (this.lastUsed.get(instance) ?? 0);
      const at = this.idle.indexOf(instance);
      if (at < 0 || idleFor < this.options.idleMs) {
        return this.scheduleReap(instance, at < 0 ? this.options.idleMs : this.options.idleMs - idleFor);
      }
      this.idle.splice(at, 1);
      this.stop(instance);
    }, ms);
    this.reapTimers.set(instance, timer);
  }

  private forget(instance: Instance): void {
    this.reapTimers.get(instance)?.cancel();
    this.reapTimers.delete(instance);
    this.lastUsed.delete(instance);
  }

  private stop(instance: Instance): void {
    this.forget(instance);
    instance.kill();
  }
}
