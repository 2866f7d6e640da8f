/// <reference lib="dom" />
// Messages waiting per queue (SQS GetQueueAttributes), for the architecture view's queue nodes; read
// again shortly after queue activity rather than on every record.
import { awsCall } from './api.js';
import type { App } from './types.js';

/** Keeps `waiting` (queue ARN → messages waiting) fresh and calls `changed` after each read. */
export class QueueDepths {
  readonly waiting = new Map<string, number>();
  private timer = 0;

  constructor(
    private readonly app: () => App,
    private readonly changed: () => void,
  ) {}

  /** Reads every queue's depth now. */
  async refresh(): Promise<void> {
    await Promise.all(
      this.app().queues.map(async (q) => {
        try {
          const out = await awsCall<{ Attributes?: Record<string, string> }>('AmazonSQS.GetQueueAttributes', {
            QueueUrl: q.url,
            AttributeNames: ['ApproximateNumberOfMessages'],
          });
          this.waiting.set(q.arn, Number(out.Attributes?.ApproximateNumberOfMessages ?? 0));
        } catch {
          this.waiting.delete(q.arn);
        }
      }),
    );
    this.changed();
  }

  /** Reads again in a moment (coalescing bursts of queue activity). */
  refreshSoon(): void {
    if (this.timer) return;
    this.timer = window.setTimeout(() => {
      this.timer = 0;
      void this.refresh();
    }, 300);
  }

  /** Stops a pending read. */
  dispose(): void {
    clearTimeout(this.timer);
  }
}
