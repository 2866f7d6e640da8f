// The pump from the journal to deliveries: events are queued here once committed (never before, so a
// rolled-back event is never routed) and routed in the next check phase of the event loop, right behind
// the group commit that wrote them: a signal in process, with no timer and no polling of the store.
import type { QueuedEvent, Routed } from './pipeline.js';

/** Events routed per batch. */
const BATCH = 500;

/** What the pump needs. */
export interface RoutePumpDeps {
  /** Matches a batch of events (throws when routing failed; the batch is then routed again). */
  route(batch: QueuedEvent[]): Routed;
  /** Starts the deliveries of a routed batch. */
  deliver(routed: Routed): void;
  /** Where a routing failure is reported. */
  warn(message: string): void;
}

/** Routes committed events, a batch at a time, in the turn after they were queued. */
export class RoutePump {
  private readonly queue: QueuedEvent[] = [];
  private pumping = false;
  private scheduled = false;
  private stopped = false;

  constructor(private readonly deps: RoutePumpDeps) {}

  /** Queues committed events for routing. */
  push(events: QueuedEvent[]): void {
    for (const event of events) this.queue.push(event);
    this.schedule();
  }

  /** Routes what is queued in the next check phase (a no-op while a pump is due or running). */
  schedule(): void {
    if (this.scheduled || this.pumping || this.stopped) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  /** Whether events wait for routing or routing is due. */
  get busy(): boolean {
    return this.queue.length > 0 || this.pumping || this.scheduled;
  }

  /** Routes nothing more: what is queued stays pending in the journal for the next start. */
  dispose(): void {
    this.stopped = true;
  }

  private pump(): void {
    if (this.stopped) return;
    this.pumping = true;
    try {
      // Events a delivery queues while this runs (another bus as a target) are routed by this loop.
      while (this.queue.length > 0 && !this.stopped) {
        const batch = this.queue.splice(0, BATCH);
        let routed: Routed;
        try {
          routed = this.deps.route(batch);
        } catch (error) {
          // Nothing was started: the events stay pending in the journal and are routed again in a moment.
          this.queue.unshift(...batch);
          this.deps.warn(`events: routing failed (retried in 1 s): ${String(error)}`);
          setTimeout(() => this.schedule(), 1000).unref();
          return;
        }
        this.deps.deliver(routed);
      }
    } finally {
      this.pumping = false;
    }
  }
}
