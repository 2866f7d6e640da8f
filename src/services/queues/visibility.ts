// DeleteMessage and ChangeMessageVisibility by receipt handle. A handle from an earlier receive (the
// message was received again since) deletes nothing, and succeeds, as SQS does
// (docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_DeleteMessage.html).
import type { QueueEngine, QueueState } from './engine.js';
import { invalidParameter, missingParameter, sqsError } from './errors.js';
import { isReceiptHandle } from './receive.js';

function checkHandle(handle: unknown): string {
  if (handle === undefined || handle === null || handle === '') throw missingParameter('ReceiptHandle');
  if (!isReceiptHandle(handle)) {
    throw sqsError(
      'ReceiptHandleIsInvalid',
      `The input receipt handle "${String(handle)}" is not a valid receipt handle.`,
    );
  }
  return handle;
}

/** Deletes the message a receipt handle names. */
export function deleteMessage(engine: QueueEngine, queue: QueueState, handle: unknown): void {
  const receipt = checkHandle(handle);
  const row = engine.messages.byReceipt(receipt);
  if (!row || row.queue !== queue.row.name) return;
  engine.messages.delete(row.seq);
  engine.publish('deleted', queue, { messageId: row.id }, row.trace_id ?? undefined);
}

/** Changes an in-flight message's visibility timeout, counted from now. */
export function changeVisibility(
  engine: QueueEngine,
  queue: QueueState,
  handle: unknown,
  timeout: unknown,
): void {
  const receipt = checkHandle(handle);
  if (timeout === undefined || timeout === null) throw missingParameter('VisibilityTimeout');
  const seconds = Number(timeout);
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > 43_200) {
    throw invalidParameter('VisibilityTimeout', timeout, 'Must be >= 0 and <= 43200, if provided.');
  }
  const now = engine.clock.now();
  const row = engine.messages.byReceipt(receipt);
  if (!row || row.queue !== queue.row.name || row.visible_at <= now) {
    throw sqsError(
      'MessageNotInflight',
      `Value ${receipt} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`,
    );
  }
  engine.messages.setVisibleAt(row.seq, now + seconds * 1000);
  if (seconds === 0) engine.waiters.notify(queue.row.name);
}
