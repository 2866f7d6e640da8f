// The instance pool: warm instances are reused, a busy one is waited for briefly before the pool scales
// out, the concurrency limit holds, and idle instances are reaped on the clock.
import { expect, test, vi } from 'vitest';
import { ManualClock } from '../../../src/shared/clock.js';
import type { Instance } from '../../../src/services/functions/runtime/instance.js';
import { InstancePool, SCALE_OUT_DELAY_MS } from '../../../src/services/functions/runtime/pool.js';

/** A stand-in for a worker process: only what the pool looks at. */
class FakeInstance {
  alive = true;
  private readonly exitListeners: (() => void)[] = [];
  constructor(public generation: number) {}
  onExit(listener: () => void): void {
    this.exitListeners.push(listener);
  }
  kill(): void {
    if (!this.alive) return;
    this.alive = false;
    for (const listener of this.exitListeners) listener();
  }
}

function pool(options: { maxInstances?: number; idleMs?: number; clock?: ManualClock } = {}) {
  const started: FakeInstance[] = [];
  const p = new InstancePool({
    start: (generation) => {
      const instance = new FakeInstance(generation);
      started.push(instance);
      return instance as unknown as Instance;
    },
    maxInstances: options.maxInstances ?? 10,
    idleMs: options.idleMs ?? 60_000,
    clock: options.clock ?? new ManualClock(),
  });
  return { p, started };
}

/** Resolves with whether `promise` settled before the I/O queued now ran. */
async function settledNow(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(() => (settled = true));
  await new Promise((r) => setImmediate(r));
  return settled;
}

test('the first invocation starts an instance at once; the next reuses it warm', async () => {
  const { p, started } = pool();
  const first = await p.acquire();
  expect(started).toHaveLength(1);
  p.release(first);
  expect(await p.acquire()).toBe(first);
  expect(started).toHaveLength(1);
});

test('an invocation that finds the warm instance busy takes it when it is released, starting none', async () => {
  const { p, started } = pool();
  const first = await p.acquire();
  const second = p.acquire();
  expect(await settledNow(second)).toBe(false);
  p.release(first);
  expect(await second).toBe(first);
  expect(started).toHaveLength(1);
  expect(p.size).toBe(1);
});

test('an invocation still waiting after SCALE_OUT_DELAY_MS gets a new instance (one per waiter)', async () => {
  const { p, started } = pool();
  await p.acquire();
  const waiting = [p.acquire(), p.acquire()];
  const instances = await Promise.all(waiting);
  expect(started).toHaveLength(3);
  expect(new Set(instances).size).toBe(2);
  expect(SCALE_OUT_DELAY_MS).toBeGreaterThan(0);
});

test('the concurrency limit holds: past it invocations wait for a release', async () => {
  const { p, started } = pool({ maxInstances: 2 });
  const a = await p.acquire();
  const b = await p.acquire();
  const c = p.acquire();
  await new Promise((r) => setTimeout(r, SCALE_OUT_DELAY_MS * 3));
  expect(await settledNow(c)).toBe(false);
  expect(started).toHaveLength(2);
  p.release(b);
  expect(await c).toBe(b);
  p.release(a);
});

test('after a new generation, waiters start new instances at once instead of waiting for stale ones', async () => {
  const { p, started } = pool();
  const old = await p.acquire();
  const waiting = p.acquire();
  p.newGeneration(false);
  expect(await settledNow(waiting)).toBe(true);
  const fresh = await waiting;
  expect(fresh).not.toBe(old);
  expect((fresh as unknown as FakeInstance).generation).toBe(1);
  p.release(old);
  expect(started[0].alive).toBe(false);
});

test('an instance is reaped idleMs after its last release, however often it was used before', async () => {
  const clock = new ManualClock();
  const { p, started } = pool({ clock, idleMs: 1000 });
  for (let i = 0; i < 3; i++) {
    p.release(await p.acquire());
    clock.advance(900);
  }
  expect(p.size).toBe(1);
  clock.advance(99);
  expect(started[0].alive).toBe(true);
  clock.advance(1);
  expect(started[0].alive).toBe(false);
  expect(p.size).toBe(0);
});

test('dispose stops every instance and fails waiting invocations', async () => {
  const { p, started } = pool({ maxInstances: 1 });
  await p.acquire();
  const waiting = p.acquire();
  p.dispose();
  await expect(waiting).rejects.toThrow('function stopped');
  expect(started.every((i) => !i.alive)).toBe(true);
});

test('a scale-out timer that fires late (the loop was blocked) starts nothing; a release in the next window serves the waiter', async () => {
  const { p, started } = pool();
  const first = await p.acquire();
  const realNow = performance.now.bind(performance);
  let blockedMs = 0;
  const now = vi.spyOn(performance, 'now').mockImplementation(() => realNow() + blockedMs);
  const realSetTimeout = globalThis.setTimeout;
  let timers = 0;
  const timer = vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) => {
    timers++;
    // The second timer is the one armed after the late first: the instance is released right then.
    if (timers === 2) queueMicrotask(() => p.release(first));
    return realSetTimeout(fn, ms);
  }) as typeof setTimeout);
  try {
    const second = p.acquire();
    // As if eddy's loop had been blocked for 50 ms after the waiter queued (less than the max wait).
    blockedMs = 50;
    expect(await second).toBe(first);
    expect(started).toHaveLength(1);
  } finally {
    now.mockRestore();
    timer.mockRestore();
  }
});
