// A Lambda event source mapping from an SQS queue: poll, filter, invoke the function with `{ Records }`
// synchronously, delete on success, and with ReportBatchItemFailures keep only the failed messages.
// (docs.aws.amazon.com/lambda/latest/dg/with-sqs.html)
import type { EventSourceMappingModel } from '../../template/model.js';
import type { ServiceContext } from '../core/service.js';
import { parseBatchItemFailures } from './batch-failures.js';
import { compileFilter } from './filter.js';
import { QueuePoller, type BatchOutcome } from './poller.js';
import { findQueueSource } from './queue-source.js';
import type { SqsEventRecord } from './sqs-record.js';
import { newTraceId } from '../../trace/record.js';

/** The function call a mapping makes; the router's invoke by default, injectable for tests. */
export type FunctionInvoker = (functionArn: string, event: unknown, traceId: string) => Promise<unknown>;

/** Default concurrency when ScalingConfig.MaximumConcurrency is not set (AWS's own minimum is 2). */
export const DEFAULT_MAPPING_CONCURRENCY = 2;

/** Runs one event source mapping. */
export class EventSourceMappingRunner {
  private readonly poller: QueuePoller;

  constructor(
    readonly model: EventSourceMappingModel,
    private readonly context: ServiceContext,
    private readonly invoke: FunctionInvoker = (arn, event, traceId) =>
      context.router.invoke(arn, event, { traceId, invocationType: 'RequestResponse' }),
  ) {
    this.poller = new QueuePoller({
      queueArn: model.eventSourceArn,
      region: context.config.region,
      batchSize: model.batchSize,
      windowMs: model.maximumBatchingWindowInSeconds * 1000,
      concurrency: model.maximumConcurrency ?? DEFAULT_MAPPING_CONCURRENCY,
      clock: context.clock,
      filter: compileFilter(model.filters),
      source: () => findQueueSource(context),
      consume: (records, messages) => this.consume(records, messages[0]?.traceId ?? newTraceId()),
      onFiltered: (records, messages) =>
        this.trace('filtered', records, messages[0]?.traceId, { count: records.length }),
      onError: (error) => this.trace('failed', [], undefined, { error: describeError(error) }),
    });
  }

  /** Starts polling (only when the mapping is enabled). */
  start(): void {
    if (this.model.enabled) this.poller.start();
  }

  /** Stops polling; in-flight batches finish. */
  stop(): Promise<void> {
    return this.poller.stop();
  }

  private async consume(records: SqsEventRecord[], traceId: string): Promise<BatchOutcome> {
    this.trace('invoked', records, traceId, { count: records.length });
    let response: unknown;
    try {
      response = await this.invoke(this.model.functionArn, { Records: records }, traceId);
    } catch (error) {
      this.trace('failed', records, traceId, { error: describeError(error) });
      throw error;
    }
    if (!this.model.functionResponseTypes.includes('ReportBatchItemFailures')) {
      this.trace('succeeded', records, traceId, { count: records.length });
      return { failedMessageIds: [] };
    }
    const failed = parseBatchItemFailures(
      response,
      records.map((r) => r.messageId),
    );
    const failedMessageIds = failed === 'all' ? records.map((r) => r.messageId) : failed;
    this.trace(failedMessageIds.length > 0 ? 'partially-failed' : 'succeeded', records, traceId, {
      count: records.length,
      failed: failedMessageIds,
    });
    return { failedMessageIds };
  }

  private trace(
    outcome: string,
    records: SqsEventRecord[],
    traceId: string | undefined,
    payload: Record<string, unknown>,
  ): void {
    this.context.trace.publish({
      kind: 'delivery',
      traceId: traceId ?? `esm:${this.model.uuid}`,
      resource: this.model.functionArn,
      time: new Date(this.context.clock.now()).toISOString(),
      payload: {
        via: 'event-source-mapping',
        mapping: this.model.uuid,
        source: this.model.eventSourceArn,
        function: this.model.functionArn,
        outcome,
        summary: `${outcome} ${records.length} record(s)${payload.error ? `: ${String(payload.error)}` : ''}`,
        messageIds: records.map((r) => r.messageId),
        ...payload,
      },
    });
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
