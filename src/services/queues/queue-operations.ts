// The queue-level SQS operations, in the JSON API's shapes: create, look up, list, attributes, purge,
// delete, tags and dead-letter sources.
import type { QueueEngine, QueueState } from './engine.js';
import { ALL_ATTRIBUTE_NAMES, COMPUTED_ATTRIBUTES } from './attributes.js';
import { serializationError } from '../../shared/aws-error.js';
import { missingParameter, queueDoesNotExist, sqsError, invalidParameter } from './errors.js';

type Input = Record<string, unknown>;

/**
 * A map member (Attributes, Tags) as strings. A value that is no JSON object, or a member that is an
 * object or array, is refused as AWS's JSON deserializer refuses it (a string once became no tags, an
 * array became tags named "0", "1"...).
 */
function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (value === undefined || value === null) return out;
  if (typeof value !== 'object' || Array.isArray(value)) throw serializationError();
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v !== null && typeof v === 'object') throw serializationError();
    out[k] = String(v);
  }
  return out;
}

function page<T>(items: T[], input: Input): { items: T[]; next?: string } {
  const max = input.MaxResults === undefined ? undefined : Number(input.MaxResults);
  if (max !== undefined && (!Number.isInteger(max) || max < 1 || max > 1000)) {
    throw invalidParameter('MaxResults', max, 'Must be between 1 and 1000, if provided.');
  }
  const start =
    typeof input.NextToken === 'string' ? Number(Buffer.from(input.NextToken, 'base64').toString()) || 0 : 0;
  if (max === undefined) return { items: items.slice(start, start + 1000) };
  const slice = items.slice(start, start + max);
  const end = start + slice.length;
  return { items: slice, next: end < items.length ? Buffer.from(String(end)).toString('base64') : undefined };
}

/** CreateQueue, GetQueueUrl, ListQueues, Get/SetQueueAttributes, PurgeQueue, DeleteQueue, tags, DLQ sources. */
export class QueueOperations {
  constructor(private readonly engine: QueueEngine) {}

  /** CreateQueue. */
  createQueue(input: Input) {
    if (typeof input.QueueName !== 'string' || input.QueueName === '') throw missingParameter('QueueName');
    const queue = this.engine.create(
      input.QueueName,
      stringMap(input.Attributes),
      stringMap(input.tags),
      'api',
    );
    return { QueueUrl: queue.url };
  }

  /** GetQueueUrl. */
  getQueueUrl(input: Input) {
    if (typeof input.QueueName !== 'string' || input.QueueName === '') throw missingParameter('QueueName');
    const queue = this.engine.find(input.QueueName);
    if (!queue) throw queueDoesNotExist();
    return { QueueUrl: queue.url };
  }

  /** ListQueues. */
  listQueues(input: Input) {
    const prefix = typeof input.QueueNamePrefix === 'string' ? input.QueueNamePrefix : '';
    const urls = this.engine
      .list()
      .filter((q) => q.row.name.startsWith(prefix))
      .map((q) => q.url);
    const { items, next } = page(urls, input);
    return { QueueUrls: items, ...(next ? { NextToken: next } : {}) };
  }

  /** GetQueueAttributes. */
  getQueueAttributes(input: Input) {
    const queue = this.engine.get(input.QueueUrl);
    const names = Array.isArray(input.AttributeNames) ? input.AttributeNames.map(String) : [];
    for (const name of names) {
      if (name !== 'All' && !ALL_ATTRIBUTE_NAMES.has(name)) {
        throw sqsError('InvalidAttributeName', `Unknown Attribute ${name}.`);
      }
    }
    if (names.length === 0) return {};
    const all = this.attributesOf(queue);
    const wanted = names.includes('All') ? Object.keys(all) : names;
    const out: Record<string, string> = {};
    for (const name of wanted) if (all[name] !== undefined) out[name] = all[name];
    return { Attributes: out };
  }

  /** Every attribute of a queue, stored and computed. */
  attributesOf(queue: QueueState): Record<string, string> {
    const now = this.engine.clock.now();
    this.engine.expire(queue, now);
    const counts = this.engine.messages.counts(queue.row.name, now);
    const computed: Record<(typeof COMPUTED_ATTRIBUTES)[number], string> = {
      ApproximateNumberOfMessages: String(counts.visible),
      ApproximateNumberOfMessagesNotVisible: String(counts.inFlight),
      ApproximateNumberOfMessagesDelayed: String(counts.delayed),
      CreatedTimestamp: String(queue.row.created),
      LastModifiedTimestamp: String(queue.row.modified),
      QueueArn: queue.row.arn,
    };
    return { ...queue.row.attributes, ...computed };
  }

  /** SetQueueAttributes. */
  setQueueAttributes(input: Input) {
    const queue = this.engine.get(input.QueueUrl);
    if (input.Attributes === undefined) throw missingParameter('Attributes');
    this.engine.setAttributes(queue, stringMap(input.Attributes));
    return {};
  }

  /** PurgeQueue: once per 60 seconds per queue, as SQS allows. */
  purgeQueue(input: Input) {
    const queue = this.engine.get(input.QueueUrl);
    const now = this.engine.clock.now();
    if (queue.lastPurge !== undefined && now - queue.lastPurge < 60_000) {
      throw sqsError(
        'PurgeQueueInProgress',
        `Only one PurgeQueue operation on ${queue.row.name} is allowed every 60 seconds.`,
      );
    }
    queue.lastPurge = now;
    const count = this.engine.messages.purge(queue.row.name);
    this.engine.publish('purged', queue, { count });
    return {};
  }

  /** DeleteQueue. */
  deleteQueue(input: Input) {
    const queue = this.engine.get(input.QueueUrl);
    this.engine.delete(queue);
    this.engine.publish('queue-deleted', queue, {});
    return {};
  }

  /** TagQueue. */
  tagQueue(input: Input) {
    const queue = this.engine.get(input.QueueUrl);
    const tags = { ...queue.row.tags, ...stringMap(input.Tags) };
    if (Object.keys(tags).length > 50) {
      throw sqsError(
        'InvalidParameterValueException',
        'Too many tags added for queue ' + queue.row.name + '.',
      );
    }
    this.engine.save(queue, { ...queue.row, tags });
    return {};
  }

  /** UntagQueue. */
  untagQueue(input: Input) {
    const queue = this.engine.get(input.QueueUrl);
    const tags = { ...queue.row.tags };
    for (const key of Array.isArray(input.TagKeys) ? input.TagKeys : []) delete tags[String(key)];
    this.engine.save(queue, { ...queue.row, tags });
    return {};
  }

  /** ListQueueTags. */
  listQueueTags(input: Input) {
    const queue = this.engine.get(input.QueueUrl);
    return Object.keys(queue.row.tags).length > 0 ? { Tags: queue.row.tags } : {};
  }

  /** ListDeadLetterSourceQueues (its result member is spelled `queueUrls`). */
  listDeadLetterSourceQueues(input: Input) {
    const dlq = this.engine.get(input.QueueUrl);
    const sources = this.engine
      .list()
      .filter((q) => q.redrive && this.engine.find(q.redrive.deadLetterTargetArn) === dlq)
      .map((q) => q.url);
    const { items, next } = page(sources, input);
    return { queueUrls: items, ...(next ? { NextToken: next } : {}) };
  }
}
