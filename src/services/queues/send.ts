// SendMessage and SendMessageBatch: validation, FIFO deduplication (by id, or by the body's SHA-256 with
// ContentBasedDeduplication, within 5 minutes), delay, and the committed insert that is the ack.
// (docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/using-messagededuplicationid-property.html)
import { createHash, randomUUID } from 'node:crypto';
import type { QueueEngine, QueueState } from './engine.js';
import { invalidParameter, missingParameter, sqsError } from './errors.js';
import { md5OfAttributes, md5OfBody, type AttributeValue } from './md5.js';
import type { SendInput, SendResult } from './types.js';
import {
  checkSize,
  messageSize,
  validateBody,
  validateMessageAttributes,
  type WireAttribute,
} from './validate-message.js';
import { newTraceId } from '../../trace/record.js';

/** FIFO deduplication window. */
export const DEDUP_WINDOW_MS = 5 * 60 * 1000;

/** SequenceNumbers are large, increasing numbers; eddy derives them from the message's row number. */
export function sequenceNumberOf(seq: number): string {
  return (18_000_000_000_000_000_000n + BigInt(seq)).toString();
}

/** Wire attributes with binary values decoded, for hashing. */
export function toHashable(attributes: Record<string, WireAttribute> | undefined) {
  if (!attributes) return undefined;
  const out: Record<string, AttributeValue> = {};
  for (const [name, v] of Object.entries(attributes)) {
    out[name] = {
      DataType: v.DataType,
      StringValue: v.StringValue,
      BinaryValue: v.BinaryValue !== undefined ? Buffer.from(v.BinaryValue, 'base64') : undefined,
    };
  }
  return out;
}

interface PreparedSend {
  body: string;
  attributes?: Record<string, WireAttribute>;
  system?: Record<string, WireAttribute>;
  delayMs: number;
  groupId: string | null;
  dedupId: string | null;
  result: SendResult;
}

/** Validates one message for the queue; throws the SQS error a lone SendMessage would get. */
export function prepareSend(engine: QueueEngine, queue: QueueState, input: SendInput): PreparedSend {
  const body = validateBody(input.MessageBody);
  const attributes = validateMessageAttributes(input.MessageAttributes);
  const system = validateMessageAttributes(input.MessageSystemAttributes, 'system');
  checkSize(messageSize(body, attributes), engine.number(queue, 'MaximumMessageSize'));
  let delay = engine.number(queue, 'DelaySeconds');
  if (input.DelaySeconds !== undefined && input.DelaySeconds !== null) {
    const d = Number(input.DelaySeconds);
    if (queue.row.fifo) {
      throw invalidParameter(
        'DelaySeconds',
        d,
        'The request include parameter that is not valid for this queue type.',
      );
    }
    if (!Number.isInteger(d) || d < 0 || d > 900) {
      throw invalidParameter('DelaySeconds', d, 'Must be >= 0 and <= 900, if provided.');
    }
    delay = d;
  }
  let groupId: string | null = null;
  let dedupId: string | null = null;
  if (queue.row.fifo) {
    if (!input.MessageGroupId) throw missingParameter('MessageGroupId');
    groupId = checkToken('MessageGroupId', input.MessageGroupId);
    if (input.MessageDeduplicationId)
      dedupId = checkToken('MessageDeduplicationId', input.MessageDeduplicationId);
    else if (queue.row.attributes.ContentBasedDeduplication === 'true') {
      dedupId = createHash('sha256').update(body, 'utf8').digest('hex');
    } else {
      throw sqsError(
        'InvalidParameterValueException',
        'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
      );
    }
  } else if (input.MessageDeduplicationId) {
    throw invalidParameter(
      'MessageDeduplicationId',
      input.MessageDeduplicationId,
      'The request include parameter that is not valid for this queue type.',
    );
  } else if (input.MessageGroupId) {
    // Standard queues accept MessageGroupId since fair queues (2025); it is kept and returned.
    groupId = checkToken('MessageGroupId', input.MessageGroupId);
  }
  const result: SendResult = {
    MessageId: randomUUID(),
    MD5OfMessageBody: md5OfBody(body),
    MD5OfMessageAttributes: md5OfAttributes(toHashable(attributes)),
    MD5OfMessageSystemAttributes: md5OfAttributes(toHashable(system)),
  };
  return { body, attributes, system, delayMs: delay * 1000, groupId, dedupId, result };
}

function checkToken(name: string, value: unknown): string {
  const text = String(value);
  if (!/^[\x21-\x7e]{1,128}$/.test(text)) {
    throw invalidParameter(
      name,
      text,
      `${name} can only include alphanumeric and punctuation characters. 1 to 128 in length.`,
    );
  }
  return text;
}

/** Stores a prepared message (or recognizes a FIFO duplicate); returns what SendMessage answers. */
export function commitSend(
  engine: QueueEngine,
  queue: QueueState,
  prepared: PreparedSend,
  traceId: string = newTraceId(),
): SendResult {
  const now = engine.clock.now();
  const { result } = prepared;
  const dedupKey =
    prepared.dedupId === null
      ? null
      : queue.row.attributes.DeduplicationScope === 'messageGroup'
        ? `${prepared.groupId}\u0000${prepared.dedupId}`
        : prepared.dedupId;
  if (dedupKey !== null) {
    const seen = engine.messages.dedupLookup(queue.row.name, dedupKey, now);
    if (seen) {
      // A duplicate is accepted but not enqueued; SQS answers with the first message's id.
      return { ...result, MessageId: seen.message_id, SequenceNumber: seen.sequence ?? undefined };
    }
  }
  const seq = engine.messages.insert({
    queue: queue.row.name,
    id: result.MessageId,
    body: prepared.body,
    attributes: prepared.attributes ? JSON.stringify(prepared.attributes) : null,
    system: prepared.system ? JSON.stringify(prepared.system) : null,
    sent: now,
    visible_at: now + prepared.delayMs,
    group_id: prepared.groupId,
    dedup_id: prepared.dedupId,
    sequence: null,
    sender: engine.config.accountId,
    trace_id: traceId,
    dlq_source: null,
  });
  const out = { ...result };
  if (queue.row.fifo) out.SequenceNumber = sequenceNumberOf(seq);
  if (dedupKey !== null) {
    engine.messages.dedupRemember(
      queue.row.name,
      dedupKey,
      out.MessageId,
      out.SequenceNumber ?? null,
      now + DEDUP_WINDOW_MS,
      now,
    );
  }
  return out;
}

/** SendMessage: validates, commits, wakes long pollers, traces. */
export function sendMessage(engine: QueueEngine, queue: QueueState, input: SendInput): SendResult {
  const prepared = prepareSend(engine, queue, input);
  const traceId = input.traceId ?? newTraceId();
  const send = () => {
    const sent = commitSend(engine, queue, prepared, traceId);
    engine.publish('sent', queue, { messageId: sent.MessageId, body: preview(prepared.body) }, traceId);
    return sent;
  };
  // Without a deduplication id the message is one INSERT, atomic on its own (committed by itself, or
  // with the caller's transaction: a rule target's batch). A savepoint around it would cost two more
  // statements per message; a deduplicated send writes twice and keeps its transaction.
  const result = prepared.dedupId === null ? send() : engine.messages.transaction(send);
  engine.waiters.notify(queue.row.name);
  return result;
}

/** A short body preview for trace records. */
export function preview(body: string): string {
  return body.length > 200 ? `${body.slice(0, 200)}…` : body;
}
