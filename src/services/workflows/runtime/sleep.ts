// Waiting on the execution's clock (Wait states, Retry back-off), cut short when the run is aborted.
import type { Clock } from '../../../shared/clock.js';

/** Resolves after `ms` of `clock` time; rejects with the abort reason if `signal` fires first. */
export function sleep(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const onAbort = () => {
      timer.cancel();
      reject(signal.reason as Error);
    };
    const timer = clock.setTimer(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
