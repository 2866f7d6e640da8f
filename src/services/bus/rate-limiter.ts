// InvocationRateLimitPerSecond: calls to one API destination are spaced so no more than the limit start
// in any second; calls over it wait their turn instead of failing, as EventBridge queues them
// (docs.aws.amazon.com/eventbridge/latest/userguide/eb-api-destinations.html). Wall time, not the
// service clock: the pacing is of real HTTP calls, and a manual test clock would never release them.

/** Spaces calls per key. */
export class RateLimiter {
  private readonly next = new Map<string, number>();

  /** Resolves when a call to `key` may start under `perSecond`. */
  take(key: string, perSecond: number): Promise<void> {
    if (!(perSecond > 0)) return Promise.resolve();
    const now = Date.now();
    const slot = Math.max(now, this.next.get(key) ?? now);
    this.next.set(key, slot + 1000 / perSecond);
    const wait = slot - now;
    return wait <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, wait));
  }

  /** Forgets a key (its destination was deleted or changed). */
  forget(key: string): void {
    this.next.delete(key);
  }
}
