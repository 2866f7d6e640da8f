// FIFO ReceiveRequestAttemptId: a receive retried with the same attempt id within 5 minutes gets the same
// messages and receipt handles back, as long as none was deleted or had its visibility changed
// (docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html). Kept in memory:
// the window is short and a restart ends every connection that could retry.
import type { QueueMessages } from '../../store/queues-messages.js';
import type { PolledMessage } from './types.js';

const WINDOW_MS = 5 * 60 * 1000;

/** Remembered receive attempts per queue. */
export class ReceiveAttempts {
  private readonly attempts = new Map<
    string,
    { at: number; messages: PolledMessage[]; deadlines: number[] }
  >();

  /** The messages an earlier attempt returned, when all are still in flight unchanged. */
  replay(
    messages: QueueMessages,
    queue: string,
    attemptId: string,
    now: number,
  ): PolledMessage[] | undefined {
    const key = `${queue}\u0000${attemptId}`;
    const seen = this.attempts.get(key);
    if (!seen) return undefined;
    if (now - seen.at > WINDOW_MS) {
      this.attempts.delete(key);
      return undefined;
    }
    const unchanged = seen.messages.every(
      (m, i) => messages.byReceipt(m.ReceiptHandle)?.visible_at === seen.deadlines[i],
    );
    return unchanged ? seen.messages : undefined;
  }

  /** Remembers what an attempt returned. */
  remember(
    messages: QueueMessages,
    queue: string,
    attemptId: string,
    now: number,
    polled: PolledMessage[],
  ): void {
    for (const [key, value] of this.attempts) if (now - value.at > WINDOW_MS) this.attempts.delete(key);
    const deadlines = polled.map((m) => messages.byReceipt(m.ReceiptHandle)?.visible_at ?? 0);
    this.attempts.set(`${queue}\u0000${attemptId}`, { at: now, messages: polled, deadlines });
  }
}
