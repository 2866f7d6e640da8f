// The queues' state: definitions kept in memory (read on every call), messages in the store (the source
// of truth for durability), long-poll waiters, and the trace publisher. send.ts, receive.ts and
// visibility.ts implement the operations over it.
import type { Clock } from '../../shared/clock.js';
import { isoTime } from '../../shared/iso-time.js';
import type { Store } from '../../store/database.js';
import { QueueMessages } from '../../store/queues-messages.js';
import { QueueDefinitions, queuesFamily, type QueueRow } from '../../store/queues.js';
import type { TraceHub } from '../../trace/hub.js';
import type { ServiceConfig } from '../core/service.js';
import {
  defaultAttributes,
  parseRedrivePolicy,
  validateAttributes,
  type RedrivePolicy,
} from './attributes.js';
import { queueDoesNotExist, sqsError } from './errors.js';
import { queueArn, queueNameOf, queueUrl, validateQueueName } from './names.js';
import { Waiters } from './waiters.js';

/** A live queue: its stored definition plus what is derived from it. */
export interface QueueState {
  row: QueueRow;
  url: string;
  redrive?: RedrivePolicy;
  /** When messages past retention were last dropped (epoch ms). */
  lastExpire: number;
  /** When PurgeQueue last ran (epoch ms), for AWS's one-purge-per-60-seconds rule. */
  lastPurge?: number;
}

/** What a queue operation needs: the store, time, tracing and the queues by name. */
export class QueueEngine {
  readonly defs: QueueDefinitions;
  readonly messages: QueueMessages;
  readonly waiters: Waiters;
  private readonly queues = new Map<string, QueueState>();
  /** Set on shutdown: long polls return at once instead of parking again. */
  closed = false;

  constructor(
    store: Store,
    readonly clock: Clock,
    readonly trace: TraceHub,
    readonly config: ServiceConfig,
  ) {
    store.migrate(queuesFamily);
    this.defs = new QueueDefinitions(store.db);
    this.messages = new QueueMessages(store.db);
    this.waiters = new Waiters(clock);
    for (const row of this.defs.all()) this.remember(row);
  }

  /** The queue a URL, ARN or name refers to; throws QueueDoesNotExist. */
  get(reference: unknown): QueueState {
    const queue = typeof reference === 'string' ? this.find(reference) : undefined;
    if (!queue) throw queueDoesNotExist();
    return queue;
  }

  /** The queue a URL, ARN or name refers to, if it exists. */
  find(reference: string): QueueState | undefined {
    return this.queues.get(queueNameOf(reference));
  }

  /** Every queue, by name. */
  list(): QueueState[] {
    return [...this.queues.values()].sort((a, b) => a.row.name.localeCompare(b.row.name));
  }

  /** Creates a queue, or returns the existing one when its attributes agree (CreateQueue is idempotent). */
  create(
    name: string,
    attributes: Record<string, string>,
    tags: Record<string, string>,
    origin: QueueRow['origin'],
  ): QueueState {
    const fifo = attributes.FifoQueue === 'true' || (origin === 'template' && name.endsWith('.fifo'));
    validateQueueName(name, fifo);
    if (name.endsWith('.fifo') && !fifo) {
      throw sqsError(
        'InvalidParameterValueException',
        'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length',
      );
    }
    const wanted = { ...defaultAttributes(fifo), ...validateAttributes(attributes, fifo, true) };
    if (origin === 'api') this.checkDeadLetterTarget(wanted.RedrivePolicy, fifo);
    const existing = this.queues.get(name);
    const now = this.clock.now();
    if (existing && origin === 'api') {
      for (const [key, value] of Object.entries(wanted)) {
        if ((existing.row.attributes[key] ?? '') !== value && key in attributes) {
          throw sqsError(
            'QueueNameExists',
            `A queue already exists with the same name and a different value for attribute ${key}`,
          );
        }
      }
      return existing;
    }
    const row: QueueRow = {
      name,
      arn: queueArn(this.config.region, this.config.accountId, name),
      fifo,
      attributes: wanted,
      tags: { ...(existing?.row.tags ?? {}), ...tags },
      origin,
      created: existing?.row.created ?? Math.floor(now / 1000),
      modified: Math.floor(now / 1000),
    };
    this.defs.save(row);
    return this.remember(row);
  }

  /** Changes attributes (SetQueueAttributes). */
  setAttributes(queue: QueueState, attributes: Record<string, string>): void {
    const changes = validateAttributes(attributes, queue.row.fifo, false);
    this.checkDeadLetterTarget(changes.RedrivePolicy, queue.row.fifo);
    const merged = { ...queue.row.attributes, ...changes };
    for (const key of ['RedrivePolicy', 'RedriveAllowPolicy']) if (merged[key] === '') delete merged[key];
    this.save(queue, { ...queue.row, attributes: merged, modified: Math.floor(this.clock.now() / 1000) });
    this.waiters.notify(queue.row.name);
  }

  /** A RedrivePolicy set through the API must name an existing queue of the same type. */
  private checkDeadLetterTarget(policyText: string | undefined, fifo: boolean): void {
    if (!policyText) return;
    const target = this.find(parseRedrivePolicy(policyText).deadLetterTargetArn);
    if (!target) {
      throw sqsError(
        'InvalidParameterValueException',
        `Value ${policyText} for parameter RedrivePolicy is invalid. Reason: Dead letter target does not exist.`,
      );
    }
    if (target.row.fifo !== fifo) {
      throw sqsError(
        'InvalidParameterValueException',
        `Value ${policyText} for parameter RedrivePolicy is invalid. Reason: Dead-letter queue must be same type of queue as the source.`,
      );
    }
  }

  /** Stores a changed definition and refreshes what derives from it. */
  save(queue: QueueState, row: QueueRow): void {
    this.defs.save(row);
    this.remember(row);
  }

  /** Deletes a queue and its messages. */
  delete(queue: QueueState): void {
    this.defs.delete(queue.row.name);
    this.queues.delete(queue.row.name);
    this.waiters.notify(queue.row.name);
  }

  /** A queue attribute as a number (every numeric attribute has a default). */
  number(queue: QueueState, name: string): number {
    return Number(queue.row.attributes[name] ?? 0);
  }

  /** Drops messages past the retention period (at most once a second per queue). */
  expire(queue: QueueState, now: number): void {
    if (now - queue.lastExpire < 1000) return;
    queue.lastExpire = now;
    const dropped = this.messages.expire(
      queue.row.name,
      now - this.number(queue, 'MessageRetentionPeriod') * 1000,
    );
    if (dropped > 0) this.publish('expired', queue, { count: dropped });
  }

  /** Publishes a `message` trace record. */
  publish(action: string, queue: QueueState, payload: Record<string, unknown>, traceId?: string): void {
    this.trace.publish({
      kind: 'message',
      traceId: traceId ?? `queue:${queue.row.name}`,
      resource: queue.row.arn,
      time: isoTime(this.clock.now()),
      payload: { action, queue: queue.row.name, summary: messageSummary(action, payload), ...payload },
    });
  }

  private remember(row: QueueRow): QueueState {
    const previous = this.queues.get(row.name);
    const redriveText = row.attributes.RedrivePolicy;
    const state: QueueState = {
      row,
      url: queueUrl(this.config.endpoint, this.config.accountId, row.name),
      redrive: redriveText ? parseRedrivePolicy(redriveText) : undefined,
      lastExpire: previous?.lastExpire ?? 0,
      lastPurge: previous?.lastPurge,
    };
    if (previous) return Object.assign(previous, state);
    this.queues.set(row.name, state);
    return state;
  }
}

/** The one-line text `eddy tail` prints for a queue record. */
function messageSummary(action: string, payload: Record<string, unknown>): string {
  const id = typeof payload.messageId === 'string' ? payload.messageId.slice(0, 8) : '';
  const body = typeof payload.body === 'string' ? ` ${payload.body.slice(0, 80)}` : '';
  if (action === 'received') return `received ${id} (receive #${String(payload.receiveCount)})${body}`;
  if (action === 'dead-lettered')
    return `moved ${id} to ${String(payload.deadLetterQueue).split(':').pop()} after ${String(payload.receiveCount)} receives`;
  if (action === 'redriven') return `redriven ${id} to ${String(payload.destination).split(':').pop()}`;
  if (typeof payload.count === 'number') return `${action} ${payload.count} message(s)`;
  return `${action} ${id}${body}`.trim();
}
