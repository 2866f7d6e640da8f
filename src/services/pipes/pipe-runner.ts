// One running pipe: the SQS source's poller, the filter, the enrichment (its InputTemplate applied to each
// record, the batch sent as one array; an empty answer stops the batch, as on AWS), the target's
// InputTemplate applied to each event, and the delivery. A failed batch returns to the queue and goes
// through enrichment again on retry; a function target's batchItemFailures return only those messages.
// (docs.aws.amazon.com/eventbridge/latest/userguide/eb-pipes.html)
import { applyPipeTemplate, type PipeContext } from '../../transform/index.js';
import type { ServiceContext } from '../core/service.js';
import { parseBatchItemFailures } from './batch-failures.js';
import { compileFilter, filterPatterns } from './filter.js';
import { arnService, section, type PipeDefinition } from './pipe-definition.js';
import { deliverToTarget, httpParametersFor, isApiDestination, type TargetItem } from './pipe-target.js';
import { QueuePoller, type BatchOutcome } from './poller.js';
import { findQueueSource, type SourceMessage } from './queue-source.js';
import type { SqsEventRecord } from './sqs-record.js';

/** Pipes poll an SQS source with this many concurrent batches. */
const PIPE_CONCURRENCY = 2;

/** Runs one pipe until stopped. */
export class PipeRunner {
  private readonly poller: QueuePoller;

  constructor(
    readonly pipe: PipeDefinition,
    private readonly context: ServiceContext,
  ) {
    const sqs = section(pipe.SourceParameters, 'SqsQueueParameters');
    this.poller = new QueuePoller({
      queueArn: pipe.Source,
      region: context.config.region,
      batchSize: Number(sqs.BatchSize ?? 10),
      windowMs: Number(sqs.MaximumBatchingWindowInSeconds ?? 0) * 1000,
      concurrency: PIPE_CONCURRENCY,
      clock: context.clock,
      filter: compileFilter(filterPatterns(pipe.SourceParameters.FilterCriteria)),
      source: () => findQueueSource(context),
      consume: (records, messages) => this.execute(records, messages),
      onFiltered: (records, messages) =>
        this.trace('filtered', messages[0]?.traceId, { count: records.length, messageIds: ids(records) }),
      onError: (error) => this.trace('failed', undefined, { error: message(error) }),
    });
  }

  /** Starts polling. */
  start(): void {
    this.poller.start();
  }

  /** Stops polling; batches in progress finish. */
  stop(): Promise<void> {
    return this.poller.stop();
  }

  /** One execution: a batch in, enriched, transformed, delivered. */
  private async execute(records: SqsEventRecord[], messages: SourceMessage[]): Promise<BatchOutcome> {
    const traceId = messages[0]?.traceId ?? records[0].messageId;
    const started = this.context.clock.now();
    this.trace('batch', traceId, { count: records.length, messageIds: ids(records) });
    try {
      let events: unknown[] = records;
      if (this.pipe.Enrichment) {
        events = await this.enrich(records, traceId);
        if (events.length === 0) {
          this.trace('stopped', traceId, { reason: 'enrichment returned no events' });
          return { failedMessageIds: [] };
        }
      }
      const template = this.pipe.TargetParameters.InputTemplate;
      const targetInput =
        typeof template === 'string'
          ? this.transformItems(template, events)
          : events.map((event) => ({ event, input: event }));
      if (targetInput.length === 0) return { failedMessageIds: [] };
      const response = await deliverToTarget(this.context, this.pipe, targetInput, traceId);
      const failed = this.partialFailures(response, records);
      this.trace(failed.length > 0 ? 'partially-failed' : 'delivered', traceId, {
        count: targetInput.length,
        target: this.pipe.Target,
        failed,
        durationMs: this.context.clock.now() - started,
      });
      return { failedMessageIds: failed };
    } catch (error) {
      this.trace('failed', traceId, { error: message(error), target: this.pipe.Target });
      throw error;
    }
  }

  private async enrich(records: SqsEventRecord[], traceId: string): Promise<unknown[]> {
    const enrichment = this.pipe.Enrichment!;
    const template = this.pipe.EnrichmentParameters.InputTemplate;
    const input = typeof template === 'string' ? this.transform(template, records) : records;
    let events: unknown[];
    if (isApiDestination(enrichment)) {
      // API destinations have no batch API: one request per event, the answers in order.
      events = [];
      for (const [i, item] of input.entries()) {
        const result = await this.context.router.invoke(
          enrichment,
          typeof item === 'string' ? item : JSON.stringify(item),
          {
            traceId,
            invocationType: 'RequestResponse',
            parameters: httpParametersFor(this.pipe.EnrichmentParameters, records[i] ?? item),
          },
        );
        events.push(...enrichedEvents(result));
      }
    } else {
      const result = await this.context.router.invoke(enrichment, input, {
        traceId,
        invocationType: 'RequestResponse',
      });
      events = enrichedEvents(result);
    }
    this.trace('enriched', traceId, { enrichment, count: events.length });
    return events;
  }

  /** The target's items: each event with its InputTemplate output (events the template drops are left out). */
  private transformItems(template: string, events: unknown[]): TargetItem[] {
    const items: TargetItem[] = [];
    for (const event of events) {
      const text = this.render(template, event);
      if (text !== undefined) items.push({ event, input: parseIfJson(text), text });
    }
    return items;
  }

  /** Applies an InputTemplate to each event; output that is JSON becomes JSON, other text stays text. */
  private transform(template: string, events: unknown[]): unknown[] {
    const out: unknown[] = [];
    for (const event of events) {
      const text = this.render(template, event);
      if (text !== undefined) out.push(parseIfJson(text));
    }
    return out;
  }

  /** One event through an InputTemplate: the text, or undefined when AWS would drop it. */
  private render(template: string, event: unknown): string | undefined {
    const context: PipeContext = {
      pipeArn: this.pipe.Arn,
      pipeName: this.pipe.Name,
      sourceArn: this.pipe.Source,
      enrichmentArn: this.pipe.Enrichment,
      targetArn: this.pipe.Target,
      ingestionTime: new Date(this.context.clock.now()).toISOString(),
    };
    const result = applyPipeTemplate(template, event, context);
    return 'dropped' in result ? undefined : result.payload;
  }

  /** Message ids a function target reported failed (only without enrichment can they map to messages). */
  private partialFailures(response: unknown, records: SqsEventRecord[]): string[] {
    if (arnService(this.pipe.Target) !== 'lambda' || this.pipe.Enrichment) return [];
    const failed = parseBatchItemFailures(response, ids(records));
    return failed === 'all' ? ids(records) : failed;
  }

  private trace(stage: string, traceId: string | undefined, payload: Record<string, unknown>): void {
    this.context.trace.publish({
      kind: 'pipe',
      traceId: traceId ?? `pipe:${this.pipe.Name}`,
      resource: this.pipe.Arn,
      time: new Date(this.context.clock.now()).toISOString(),
      payload: { pipe: this.pipe.Name, stage, summary: stageSummary(stage, payload), ...payload },
    });
  }
}

/**
 * An enrichment's answer as events: an array is the events, an empty answer (nothing, "", {} or [])
 * stops them, anything else is one event (docs.aws.amazon.com/eventbridge/latest/userguide/pipes-enrichment.html).
 */
function enrichedEvents(result: unknown): unknown[] {
  if (result === null || result === undefined || result === '') return [];
  if (Array.isArray(result)) return result;
  if (typeof result === 'object' && Object.keys(result).length === 0) return [];
  return [result];
}

function ids(records: SqsEventRecord[]): string[] {
  return records.map((r) => r.messageId);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function parseIfJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The one-line text `eddy tail` prints for a pipe stage. */
function stageSummary(stage: string, payload: Record<string, unknown>): string {
  const count = typeof payload.count === 'number' ? payload.count : 0;
  if (stage === 'batch') return `batch of ${count} in`;
  if (stage === 'filtered') return `${count} filtered out (deleted)`;
  if (stage === 'enriched') return `enriched → ${count} event(s)`;
  if (stage === 'delivered') return `delivered ${count} to ${String(payload.target).split(':').pop()}`;
  if (stage === 'partially-failed')
    return `delivered, ${(payload.failed as unknown[]).length} failed (returned to the queue)`;
  if (stage === 'stopped') return `stopped: ${String(payload.reason)}`;
  return `failed: ${String(payload.error)}`;
}
