// A virtual clock for tests: time stands still while the engine works and jumps to the next timer
// when everything is idle, so Waits, retries and 60 s tasks finish instantly.
import type { Clock, TimerHandle } from '../../../../src/shared/clock.js';

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
}

/** A clock whose timers fire only through `runUntil`. */
export class AutoClock implements Clock {
  private current: number;
  private seq = 0;
  private timers: Timer[] = [];

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimer(fn: () => void, ms: number): TimerHandle {
    const timer = { at: this.current + Math.max(0, ms), seq: this.seq++, fn };
    this.timers.push(timer);
    return { cancel: () => (this.timers = this.timers.filter((t) => t !== timer)) };
  }

  /** Number of pending timers. */
  get pending(): number {
    return this.timers.length;
  }

  /** Lets `promise` run, firing the earliest timer whenever the engine is idle, until it settles. */
  async runUntil<T>(promise: Promise<T>): Promise<T> {
    let done = false;
    const tracked = promise.finally(() => (done = true));
    let stuck = 0;
    for (;;) {
      await idle();
      if (done) break;
      const next = this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!next) {
        // Nothing scheduled and nothing settles: the run waits on something outside the clock.
        if (++stuck > 20)
          throw new Error('The execution is stuck: no timer is pending and it does not finish.');
        continue;
      }
      stuck = 0;
      this.timers = this.timers.filter((t) => t !== next);
      this.current = Math.max(this.current, next.at);
      next.fn();
    }
    return tracked;
  }
}

async function idle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
}
