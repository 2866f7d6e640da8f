// Long polling without busy polling: a receiver with nothing to take parks here until a send (or a
// redrive) on its queue wakes it, or its clock timer (wait time over, or the next visibility deadline) fires.
import type { Clock } from '../../shared/clock.js';

/** Parked receivers per queue. */
export class Waiters {
  private readonly parked = new Map<string, Set<() => void>>();

  constructor(private readonly clock: Clock) {}

  /** Resolves when `queue` is notified, after `ms`, or when `signal` aborts, whichever comes first. */
  wait(queue: string, ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      let set = this.parked.get(queue);
      if (!set) this.parked.set(queue, (set = new Set()));
      const wake = () => {
        timer.cancel();
        set.delete(wake);
        if (set.size === 0 && this.parked.get(queue) === set) this.parked.delete(queue);
        signal?.removeEventListener('abort', wake);
        resolve();
      };
      const timer = this.clock.setTimer(wake, Math.max(0, ms));
      set.add(wake);
      signal?.addEventListener('abort', wake, { once: true });
    });
  }

  /** Wakes every receiver parked on `queue`. */
  notify(queue: string): void {
    const set = this.parked.get(queue);
    if (set) for (const wake of [...set]) wake();
  }

  /** Wakes everyone (shutdown). */
  notifyAll(): void {
    for (const queue of [...this.parked.keys()]) this.notify(queue);
  }
}
