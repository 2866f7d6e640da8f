// The instances of one function: a warm idle instance serves the next invocation; when all are busy a new
// one starts, up to the function's concurrency (ReservedConcurrentExecutions, else eddy's default of 10),
// and further invocations wait in line. Idle instances are stopped after a while, as Lambda reclaims
// environments. A new code generation (hot reload) retires older instances once they finish.
import type { Clock, TimerHandle } from '../../../shared/clock.js';
import type { Instance } from './instance.js';

/** eddy's concurrency per function when the template sets no ReservedConcurrentExecutions. */
export const DEFAULT_CONCURRENCY = 10;

/** How a pool starts instances and how long it keeps idle ones. */
export interface PoolOptions {
  start(generation: number): Instance;
  maxInstances: number;
  idleMs: number;
  clock: Clock;
}

type Waiter = { resolve(instance: Instance): void; reject(error: Error): void };

/** A function's instances. */
export class InstancePool {
  private readonly idle: Instance[] = [];
  private readonly busy = new Set<Instance>();
  private readonly waiters: Waiter[] = [];
  private readonly reapTimers = new Map<Instance, TimerHandle>();
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

  /** An instance for one invocation: a warm idle one, a new one, or the next one freed. */
  acquire(): Promise<Instance> {
    if (this.disposed) return Promise.reject(new Error('function pool disposed'));
    const instance = this.takeIdle() ?? this.startIfRoom();
    if (instance) return Promise.resolve(instance);
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
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
      this.scheduleReap(instance);
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
      this.scheduleReap(instance);
    }
  }

  /** Winds down after a configuration change: idle instances stop now, busy ones when they finish. */
  retire(): void {
    this.retiring = true;
    for (const instance of this.idle.splice(0)) this.stop(instance);
  }

  /** Stops every instance at once; invocations still waiting for one fail. */
  dispose(): void {
    this.disposed = true;
    for (const instance of [...this.idle.splice(0), ...this.busy]) this.stop(instance);
    this.busy.clear();
    for (const waiter of this.waiters.splice(0)) waiter.reject(new Error('function stopped'));
  }

  private takeIdle(): Instance | undefined {
    for (;;) {
      const instance = this.idle.pop();
      if (!instance) return undefined;
      this.reapTimers.get(instance)?.cancel();
      this.reapTimers.delete(instance);
      if (!instance.alive) continue;
      this.busy.add(instance);
      return instance;
    }
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
      this.reapTimers.get(instance)?.cancel();
      this.reapTimers.delete(instance);
      if (!this.busy.has(instance)) this.serveWaiters();
    });
    return instance;
  }

  private hand(instance: Instance, waiter: Waiter): void {
    this.busy.add(instance);
    waiter.resolve(instance);
  }

  private serveWaiters(): void {
    while (this.waiters.length > 0) {
      const instance = this.takeIdle() ?? this.startIfRoom();
      if (!instance) return;
      this.waiters.shift()!.resolve(instance);
    }
  }

  private scheduleReap(instance: Instance): void {
    const timer = this.options.clock.setTimer(() => {
      const at = this.idle.indexOf(instance);
      if (at >= 0) this.idle.splice(at, 1);
      this.stop(instance);
    }, this.options.idleMs);
    this.reapTimers.set(instance, timer);
  }

  private stop(instance: Instance): void {
    this.reapTimers.get(instance)?.cancel();
    this.reapTimers.delete(instance);
    instance.kill();
  }
}
