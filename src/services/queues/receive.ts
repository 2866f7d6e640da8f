// ReceiveMessage: visible messages in send order (FIFO: skipping groups with a message in flight, so each
// group has one in-flight batch), a new receipt handle and visibility deadline per message, redrive to the
// DLQ once ApproximateReceiveCount reached maxReceiveCount, and long polling that parks on the queue.
// (docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html)
import { randomBytes } from 'node:crypto';
import type { MessageRow } from '../../store/queues-messages.js';
import { redriveAllowed } from './attributes.js';
import type { QueueEngine, QueueState } from './engine.js';
import { invalidParameter } from './errors.js';
import { md5OfAttributes, md5OfBody } from './md5.js';
import { preview, sequenceNumberOf, toHashable } from './send.js';
import type { PolledMessage, ReceiveInput } from './types.js';
import type { WireAttribute } from './validate-message.js';

/** Checks ReceiveMessage's numbers with AWS's messages; returns them with defaults applied. */
export function receiveOptions(engine: QueueEngine, queue: QueueState, input: ReceiveInput) {
  const max = input.MaxNumberOfMessages ?? 1;
  if (!Number.isInteger(max) || max < 1 || max > 10) {
    throw invalidParameter('MaxNumberOfMessages', max, 'Must be between 1 and 10, if provided.');
  }
  const wait = input.WaitTimeSeconds ?? engine.number(queue, 'ReceiveMessageWaitTimeSeconds');
  if (!Number.isInteger(wait) || wait < 0 || wait > 20) {
    throw invalidParameter('WaitTimeSeconds', wait, 'Must be >= 0 and <= 20, if provided.');
  }
  const visibility = input.VisibilityTimeout ?? engine.number(queue, 'VisibilityTimeout');
  if (!Number.isInteger(visibility) || visibility < 0 || visibility > 43_200) {
    throw invalidParameter('VisibilityTimeout', visibility, 'Must be >= 0 and <= 43200, if provided.');
  }
  return { max, waitMs: wait * 1000, visibilityMs: visibility * 1000 };
}

/** A receipt handle names its queue and message, so a malformed one is told apart from a stale one. */
export function newReceiptHandle(queue: string, messageId: string): string {
  return Buffer.from(`eddy|${queue}|${messageId}|${randomBytes(12).toString('hex')}`).toString('base64');
}

/** True when the handle has the shape eddy issues. */
export function isReceiptHandle(handle: unknown): handle is string {
  return typeof handle === 'string' && Buffer.from(handle, 'base64').toString('utf8').startsWith('eddy|');
}

/** Takes up to `max` messages now (no waiting); each becomes invisible for `visibilityMs`. */
export function receiveNow(
  engine: QueueEngine,
  queue: QueueState,
  max: number,
  visibilityMs: number,
): PolledMessage[] {
  const now = engine.clock.now();
  engine.expire(queue, now);
  const name = queue.row.name;
  const taken: PolledMessage[] = [];
  const redriven: MessageRow[] = [];
  const target = queue.redrive ? engine.find(queue.redrive.deadLetterTargetArn) : undefined;
  // The DLQ's RedriveAllowPolicy decides whether this queue may use it as its dead-letter queue.
  const dlq =
    target && redriveAllowed(target.row.attributes.RedriveAllowPolicy, queue.row.arn) ? target : undefined;
  engine.messages.transaction(() => {
    const blocked = queue.row.fifo ? engine.messages.inFlightGroups(name, now) : new Set<string>();
    const candidates = engine.messages.visible(name, now, queue.row.fifo ? 1000 : max * 4 + 10);
    for (const row of candidates) {
      if (taken.length >= max) break;
      if (queue.row.fifo && row.group_id !== null && blocked.has(row.group_id)) continue;
      if (dlq && queue.redrive && row.receive_count >= queue.redrive.maxReceiveCount) {
        engine.messages.move(row.seq, dlq.row.name, now, queue.row.arn);
        redriven.push(row);
        // A FIFO group whose head went to the DLQ must not jump ahead of its own order in this batch.
        if (queue.row.fifo && row.group_id !== null) blocked.add(row.group_id);
        continue;
      }
      const receipt = newReceiptHandle(name, row.id);
      engine.messages.markReceived(row.seq, receipt, now + visibilityMs, now);
      taken.push(
        toPolled(queue, {
          ...row,
          receipt,
          receive_count: row.receive_count + 1,
          first_receive: row.first_receive ?? now,
        }),
      );
    }
    // Traced inside the transaction: the trace log shares the database, so a receive is one commit.
    for (const row of redriven) {
      engine.publish(
        'dead-lettered',
        queue,
        { messageId: row.id, deadLetterQueue: dlq!.row.arn, receiveCount: row.receive_count },
        row.trace_id ?? undefined,
      );
    }
    for (const message of taken) {
      engine.publish(
        'received',
        queue,
        {
          messageId: message.MessageId,
          receiveCount: Number(message.systemAttributes.ApproximateReceiveCount),
          body: preview(message.Body),
        },
        message.traceId,
      );
    }
  });
  if (redriven.length > 0) engine.waiters.notify(dlq!.row.name);
  return taken;
}

/** Receives with long polling: waits (without polling) until a message is visible or the wait is over. */
export async function receiveMessages(
  engine: QueueEngine,
  queue: QueueState,
  options: { max: number; waitMs: number; visibilityMs: number },
  signal?: AbortSignal,
): Promise<PolledMessage[]> {
  const deadline = engine.clock.now() + options.waitMs;
  for (;;) {
    const current = engine.find(queue.row.name);
    if (!current || engine.closed) return [];
    const messages = receiveNow(engine, current, options.max, options.visibilityMs);
    const now = engine.clock.now();
    if (messages.length > 0 || now >= deadline || signal?.aborted) return messages;
    const next = engine.messages.nextVisibleAt(current.row.name, now);
    const wakeAt = Math.min(deadline, next ?? Number.POSITIVE_INFINITY);
    await engine.waiters.wait(current.row.name, wakeAt - now, signal);
  }
}

/** A stored message as a received one, with every system and message attribute kept aside. */
export function toPolled(queue: QueueState, row: MessageRow): PolledMessage {
  const system: Record<string, string> = {
    SenderId: row.sender,
    SentTimestamp: String(row.sent),
    ApproximateReceiveCount: String(row.receive_count),
    ApproximateFirstReceiveTimestamp: String(row.first_receive ?? row.sent),
  };
  if (queue.row.fifo) {
    system.SequenceNumber = sequenceNumberOf(row.seq);
    if (row.dedup_id !== null) system.MessageDeduplicationId = row.dedup_id;
  }
  if (row.group_id !== null) system.MessageGroupId = row.group_id;
  const sent = row.system ? (JSON.parse(row.system) as Record<string, WireAttribute>) : {};
  if (sent.AWSTraceHeader?.StringValue) system.AWSTraceHeader = sent.AWSTraceHeader.StringValue;
  if (row.dlq_source) system.DeadLetterQueueSourceArn = row.dlq_source;
  const attributes = row.attributes ? (JSON.parse(row.attributes) as Record<string, WireAttribute>) : {};
  return {
    MessageId: row.id,
    ReceiptHandle: row.receipt ?? '',
    MD5OfBody: md5OfBody(row.body),
    Body: row.body,
    traceId: row.trace_id ?? row.id,
    systemAttributes: system,
    allMessageAttributes: attributes,
  };
}

/** Narrows a polled message to what ReceiveMessage asked for (attribute names, message attribute names). */
export function shapeReceived(message: PolledMessage, input: ReceiveInput) {
  const wanted = [...(input.AttributeNames ?? []), ...(input.MessageSystemAttributeNames ?? [])];
  const out: Record<string, unknown> = {
    MessageId: message.MessageId,
    ReceiptHandle: message.ReceiptHandle,
    MD5OfBody: message.MD5OfBody,
    Body: message.Body,
  };
  if (wanted.length > 0) {
    const all = wanted.includes('All');
    const attributes: Record<string, string> = {};
    for (const [key, value] of Object.entries(message.systemAttributes)) {
      if (all || wanted.includes(key)) attributes[key] = value;
    }
    if (Object.keys(attributes).length > 0) out.Attributes = attributes;
  }
  const names = input.MessageAttributeNames ?? [];
  if (names.length > 0) {
    const selected: Record<string, WireAttribute> = {};
    for (const [key, value] of Object.entries(message.allMessageAttributes)) {
      if (
        names.some(
          (n) =>
            n === 'All' || n === '.*' || n === key || (n.endsWith('.*') && key.startsWith(n.slice(0, -1))),
        )
      ) {
        selected[key] = value;
      }
    }
    if (Object.keys(selected).length > 0) {
      out.MessageAttributes = selected;
      out.MD5OfMessageAttributes = md5OfAttributes(toHashable(selected));
    }
  }
  return out;
}
