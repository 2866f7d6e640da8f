// The shape every load driver shares: repeat a step until told to stop; a step that fails (eddy is
// down, or was killed mid-request) is simply tried again a moment later.
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
}

/** Resolves after `ms`. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `step` until `until()`; pauses `pauseMs` between steps and 50 ms after a failed one. */
export async function repeat(until: () => boolean, step: () => Promise<void>, pauseMs = 0): Promise<void> {
  while (!until()) {
    try {
      await step();
      if (pauseMs > 0) await sleep(pauseMs);
    } catch {
      await sleep(50);
    }
  }
}
