// The poll loop shared by Lambda event source mappings and pipes with an SQS source: long-poll the queue
// (parked, never spinning), gather a batch within MaximumBatchingWindowInSeconds, drop and delete what the
// filter rejects, hand the rest to the consumer, delete what it processed and leave failures to reappear
// after the visibility timeout (where the queue's redrive policy takes over). `concurrency` loops run at
// once: ScalingConfig.MaximumConcurrency for mappings.
import type { Clock } from '../../shared/clock.js';
import type { RecordFilter } from './filter.js';
import type { QueueSource, SourceMessage } from './queue-source.js';
import { toSqsRecord, type SqsEventRecord } from './sqs-record.js';

/** What a consumer says about a batch: the message ids that failed (empty: all succeeded). */
export interface BatchOutcome {
  failedMessageIds: string[];
}

/** Settings of one poller. */
export interface PollerOptions {
  queueArn: string;
  region: string;
  /** Largest batch handed to the consumer. */
  batchSize: number;
  /** How long to keep gathering a batch once it has a first message. */
  windowMs: number;
  concurrency: number;
  clock: Clock;
  filter: RecordFilter;
  /** Finds the queue source (looked up each time, so a reload or late start is no problem). */
  source(): QueueSource | undefined;
  /** Processes a batch; a rejection keeps every message of the batch for a later retry (it traces itself). */
  consume(records: SqsEventRecord[], messages: SourceMessage[]): Promise<BatchOutcome>;
  /** Told about messages the filter dropped, and about failures. */
  onFiltered?(records: SqsEventRecord[], messages: SourceMessage[]): void;
  onError?(error: unknown): void;
}

/** Longest single long poll (SQS's maximum WaitTimeSeconds). */
const LONG_POLL_MS = 20_000;
/** Pause before looking again for a queue that does not exist (yet). */
const MISSING_QUEUE_RETRY_MS = 1_000;

/** Runs `concurrency` poll loops until stopped. */
export class QueuePoller {
  private readonly abort = new AbortController();
  private loops: Promise<void>[] = [];

  constructor(private readonly options: PollerOptions) {}

  /** Starts the loops. */
  start(): void {
    for (let i = 0; i < Math.max(1, this.options.concurrency); i++) this.loops.push(this.loop());
  }

  /** Stops polling and waits for batches in progress to finish. */
  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.all(this.loops);
    this.loops = [];
  }

  private async loop(): Promise<void> {
    const { signal } = this.abort;
    while (!signal.aborted) {
      const source = this.options.source();
      try {
        if (!source?.queueInfo(this.options.queueArn)) {
          await this.sleep(MISSING_QUEUE_RETRY_MS);
          continue;
        }
        const batch = await this.gather(source);
        if (batch.length > 0) await this.process(source, batch);
      } catch (error) {
        this.options.onError?.(error);
        await this.sleep(MISSING_QUEUE_RETRY_MS);
      }
    }
  }

  /** One batch: a long poll for the first message, then more until full or the window closes. */
  private async gather(source: QueueSource): Promise<SourceMessage[]> {
    const { queueArn, batchSize, windowMs, clock } = this.options;
    const { signal } = this.abort;
    const batch = await source.poll(queueArn, Math.min(10, batchSize), LONG_POLL_MS, signal);
    if (batch.length === 0 || windowMs <= 0) return batch;
    const deadline = clock.now() + windowMs;
    while (batch.length < batchSize && !signal.aborted) {
      const left = deadline - clock.now();
      if (left <= 0) break;
      batch.push(...(await source.poll(queueArn, Math.min(10, batchSize - batch.length), left, signal)));
    }
    return batch;
  }

  private async process(source: QueueSource, batch: SourceMessage[]): Promise<void> {
    const { queueArn, region, filter } = this.options;
    const passed: SqsEventRecord[] = [];
    const passedMessages: SourceMessage[] = [];
    const droppedRecords: SqsEventRecord[] = [];
    const droppedMessages: SourceMessage[] = [];
    for (const message of batch) {
      const record = toSqsRecord(message, queueArn, region);
      if (filter.matches(record)) {
        passed.push(record);
        passedMessages.push(message);
      } else {
        // Lambda and Pipes delete messages that match no filter.
        source.deletePolled(queueArn, message.ReceiptHandle);
        droppedRecords.push(record);
        droppedMessages.push(message);
      }
    }
    if (droppedRecords.length > 0) this.options.onFiltered?.(droppedRecords, droppedMessages);
    if (passed.length === 0) return;
    let outcome: BatchOutcome;
    try {
      outcome = await this.options.consume(passed, passedMessages);
    } catch {
      // The whole batch failed (the consumer traced why): its messages reappear once their visibility
      // timeout passes, and the queue's redrive policy decides when they go to its DLQ.
      return;
    }
    const failed = new Set(outcome.failedMessageIds);
    for (const message of passedMessages) {
      if (!failed.has(message.MessageId)) source.deletePolled(queueArn, message.ReceiptHandle);
    }
  }

  private sleep(ms: number): Promise<void> {
    const { signal } = this.abort;
    if (signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        timer.cancel();
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = this.options.clock.setTimer(done, ms);
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
