// The queues service: SQS queues from the template (AWS::SQS::Queue) beside queues created through the
// API, the router's `sqs` target (SendMessage for rule targets, pipe targets and DLQs), and a polling
// interface for event source mappings and pipes.
import { createHash } from 'node:crypto';
import type { AppModel, QueueModel } from '../../template/model.js';
import type { ResourceSummary, Service, ServiceContext, TargetCallOptions } from '../core/service.js';
import { QueueEngine, type QueueState } from './engine.js';
import { queueDoesNotExist } from './errors.js';
import { MessageOperations } from './message-operations.js';
import { MoveTasks } from './move-tasks.js';
import { QueueOperations } from './queue-operations.js';
import { receiveMessages, receiveNow } from './receive.js';
import { sendMessage } from './send.js';
import type { PolledMessage, SendResult } from './types.js';
import { changeVisibility, deleteMessage } from './visibility.js';
import type { WireAttribute } from './validate-message.js';

/** What a queue poller (event source mapping, pipe) learns about its source queue. */
export interface PolledQueueInfo {
  arn: string;
  name: string;
  fifo: boolean;
  visibilityTimeoutSeconds: number;
}

/** The SQS emulation. */
export class QueuesService implements Service {
  readonly name = 'queues';
  readonly arnService = 'sqs';
  private engineRef?: QueueEngine;
  private context?: ServiceContext;
  /** Template logical ids by queue name, for the resource table. */
  private logicalIds = new Map<string, string>();
  /** Queue-level operations (for the API adapters). */
  queueOps!: QueueOperations;
  /** Message-level operations (for the API adapters). */
  messageOps!: MessageOperations;
  /** Message move tasks (for the API adapters). */
  moveTasks!: MoveTasks;

  /** The engine; throws before start(). */
  get engine(): QueueEngine {
    if (!this.engineRef) throw new Error('queues service used before start()');
    return this.engineRef;
  }

  async start(context: ServiceContext): Promise<void> {
    this.context = context;
    this.engineRef = new QueueEngine(context.store, context.clock, context.trace, context.config);
    this.queueOps = new QueueOperations(this.engineRef);
    this.messageOps = new MessageOperations(this.engineRef);
    this.moveTasks = new MoveTasks(this.engineRef, context.store);
    this.moveTasks.resume();
  }

  async apply(app: AppModel): Promise<void> {
    const engine = this.engine;
    const wanted = new Set(app.queues.map((q) => q.name));
    this.logicalIds = new Map(app.queues.map((q) => [q.name, q.logicalId]));
    // DLQs first, so a source queue's RedrivePolicy finds its target on the first apply.
    const ordered = [...app.queues].sort((a, b) => Number(isSource(a)) - Number(isSource(b)));
    for (const model of ordered) {
      const attributes = { ...model.attributes };
      if (model.fifo) attributes.FifoQueue = 'true';
      else delete attributes.FifoQueue;
      try {
        const queue = engine.create(model.name, attributes, model.tags, 'template');
        engine.save(queue, { ...queue.row, tags: { ...model.tags } });
      } catch (error) {
        // One bad queue must not stop the others; the tail and the console show why.
        this.warn(`queue ${model.logicalId} (${model.name}): ${(error as Error).message}`, model.arn);
      }
    }
    for (const queue of engine.list()) {
      if (queue.row.origin === 'template' && !wanted.has(queue.row.name)) engine.delete(queue);
    }
  }

  private warn(message: string, resource: string): void {
    this.context?.logger.warn(message);
    this.context?.trace.publish({
      kind: 'warning',
      traceId: `queue:${resource}`,
      resource,
      payload: { message },
    });
  }

  async dispose(): Promise<void> {
    this.moveTasks?.dispose();
    if (this.engineRef) this.engineRef.closed = true;
    this.engineRef?.waiters.notifyAll();
  }

  describe(): ResourceSummary[] {
    if (!this.engineRef) return [];
    return this.engineRef.list().map((q) => ({
      type: 'AWS::SQS::Queue',
      logicalId: this.logicalIds.get(q.row.name) ?? q.row.name,
      name: q.row.name,
      detail:
        [q.row.fifo ? 'FIFO' : undefined, q.row.origin === 'api' ? 'created through the API' : undefined]
          .filter(Boolean)
          .join(', ') || undefined,
    }));
  }

  /** Router calls: SendMessage to the queue `arn` (rule targets, pipe targets, DLQs). */
  async invokeTarget(arn: string, payload: unknown, options: TargetCallOptions): Promise<SendResult> {
    const queue = this.engine.get(arn);
    const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
    const attributes = options.parameters?.MessageAttributes as Record<string, WireAttribute> | undefined;
    let dedup = options.messageDeduplicationId;
    if (queue.row.fifo && !dedup && queue.row.attributes.ContentBasedDeduplication !== 'true') {
      // A local caller without a deduplication id still gets one (the content's hash, as AWS would compute).
      dedup = createHash('sha256').update(body).digest('hex');
    }
    return sendMessage(this.engine, queue, {
      MessageBody: body,
      MessageAttributes: attributes,
      MessageGroupId: options.messageGroupId ?? (queue.row.fifo ? 'default' : undefined),
      MessageDeduplicationId: queue.row.fifo ? dedup : undefined,
      traceId: options.traceId,
    });
  }

  /** A queue's facts for a poller; undefined when it does not exist. */
  queueInfo(arn: string): PolledQueueInfo | undefined {
    const queue = this.engineRef?.find(arn);
    return queue ? info(queue) : undefined;
  }

  /** Long-polls up to `max` messages (waits at most `waitMs`), making them invisible for the queue's timeout. */
  async poll(arn: string, max: number, waitMs: number, signal?: AbortSignal): Promise<PolledMessage[]> {
    const queue = this.engine.find(arn);
    if (!queue) throw queueDoesNotExist();
    const visibilityMs = this.engine.number(queue, 'VisibilityTimeout') * 1000;
    if (waitMs <= 0) return receiveNow(this.engine, queue, max, visibilityMs);
    return receiveMessages(this.engine, queue, { max, waitMs, visibilityMs }, signal);
  }

  /** Deletes a polled message. */
  deletePolled(arn: string, receiptHandle: string): void {
    deleteMessage(this.engine, this.engine.get(arn), receiptHandle);
  }

  /** Makes a polled message visible again after `seconds` (0: at once). */
  releasePolled(arn: string, receiptHandle: string, seconds: number): void {
    try {
      changeVisibility(this.engine, this.engine.get(arn), receiptHandle, seconds);
    } catch {
      // Already visible again or deleted: nothing to release.
    }
  }
}

function isSource(model: QueueModel): boolean {
  return Boolean(model.attributes.RedrivePolicy);
}

function info(queue: QueueState): PolledQueueInfo {
  return {
    arn: queue.row.arn,
    name: queue.row.name,
    fifo: queue.row.fifo,
    visibilityTimeoutSeconds: Number(queue.row.attributes.VisibilityTimeout ?? 30),
  };
}
