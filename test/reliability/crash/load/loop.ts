// The shape every load driver shares: repeat a step until told to stop; a step that fails (eddy is
// down, or was killed mid-request) is tried again a moment later, then less and less often while it
// keeps failing, and at once when eddy is back: a dead port polled every 50 ms by every driver cost
// the CPU that eddy needed to restart.
import type { Rng } from '../rng.js';
import type { Clients } from './clients.js';

/** What a driver gets. */
export interface LoadContext {
  clients: Clients;
  rng: Rng;
  /** Unique per scenario, so ids never collide between scenarios sharing nothing but a machine. */
  prefix: string;
  /** True once producers must stop (the drain phase). */
  producing(): boolean;
  /** True once everything must stop. */
  finished(): boolean;
  /** Resolves when eddy has restarted and serves again. */
  restarted(): Promise<void>;
}

/** First pause after a failed step, and the longest (failures double it in between). */
const RETRY_MS = [50, 400] as const;

/** Resolves after `ms`. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `step` until `until()`; pauses `pauseMs` between steps. After a failed step it waits 50 ms,
 * doubling up to 400 ms while failures go on, or until `woken` resolves (eddy is back), whichever is first.
 */
export async function repeat(
  until: () => boolean,
  step: () => Promise<void>,
  pauseMs = 0,
  woken: () => Promise<void> = () => new Promise(() => undefined),
): Promise<void> {
  let retryMs: number = RETRY_MS[0];
  while (!until()) {
    try {
      await step();
      retryMs = RETRY_MS[0];
      if (pauseMs > 0) await sleep(pauseMs);
    } catch {
      await Promise.race([sleep(retryMs), woken()]);
      retryMs = Math.min(retryMs * 2, RETRY_MS[1]);
    }
  }
}
