// Bookkeeping of what the emulator acknowledged and what came out the other end, per kind of work:
// an id acknowledged and never settled (for a queue: deleted after being received; for an execution:
// seen SUCCEEDED) is lost; an id seen more than once is a duplicate (allowed, at-least-once); an id
// seen but never acknowledged was committed by a request the kill interrupted.

/** The counts a ledger reports. */
export interface Tally {
  acknowledged: number;
  delivered: number;
  lost: number;
  duplicates: number;
  /** Seen at the far end although the request that sent it failed (the kill cut its answer). */
  unacknowledgedDelivered: number;
}

/** Acknowledged ids, how often each was seen, and which reached their end. */
export class Ledger {
  private readonly acked = new Set<string>();
  private readonly seen = new Map<string, number>();
  private readonly settled = new Set<string>();

  /** The emulator acknowledged `id`. */
  ack(id: string): void {
    this.acked.add(id);
  }

  /** `id` came out at the far end (once more). */
  deliver(id: string): void {
    this.seen.set(id, (this.seen.get(id) ?? 0) + 1);
  }

  /** `id` reached its end: deleted from the queue that received it, or its execution succeeded. */
  settle(id: string): void {
    this.settled.add(id);
  }

  /** Acknowledged ids not settled yet. */
  missing(): string[] {
    return [...this.acked].filter((id) => !this.settled.has(id));
  }

  /** Whether `id` was acknowledged. */
  has(id: string): boolean {
    return this.acked.has(id);
  }

  /** The counts so far. */
  tally(): Tally {
    let duplicates = 0;
    let unacknowledgedDelivered = 0;
    for (const [id, times] of this.seen) {
      duplicates += times - 1;
      if (!this.acked.has(id)) unacknowledgedDelivered++;
    }
    const lost = this.missing().length;
    return {
      acknowledged: this.acked.size,
      delivered: this.acked.size - lost,
      lost,
      duplicates,
      unacknowledgedDelivered,
    };
  }
}
