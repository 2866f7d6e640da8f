// The message-level SQS operations, in the JSON API's shapes: send, receive, delete and visibility,
// single and batched.
import type { QueueEngine } from './engine.js';
import { ReceiveAttempts } from './attempts.js';
import { batchFailure, checkBatch } from './batch.js';
import { sqsError } from './errors.js';
import { receiveMessages, receiveOptions, shapeReceived } from './receive.js';
import { commitSend, prepareSend, preview, sendMessage } from './send.js';
import type { ReceiveInput, SendInput } from './types.js';
import { changeVisibility, deleteMessage } from './visibility.js';
import { newTraceId } from '../../trace/record.js';

type Input = Record<string, unknown>;

/** SendMessage(Batch), ReceiveMessage, DeleteMessage(Batch), ChangeMessageVisibility(Batch). */
export class MessageOperations {
  private readonly attempts = new ReceiveAttempts();

  constructor(private readonly engine: QueueEngine) {}

  /** SendMessage. */
  sendMessage(input: Input) {
    const queue = this.engine.get(input.QueueUrl);
    return sendMessage(this.engine, queue, input as SendInput);
  }

  /** SendMessageBatch: valid entries are committed together; invalid ones fail alone. */
  sendMessageBatch(input: Input) {
    const queue = this.engine.get(input.QueueUrl);
    const entries = checkBatch(input.Entries, 'SendMessageBatchRequestEntry');
    const limit = Math.max(262_144, this.engine.number(queue, 'MaximumMessageSize'));
    let total = 0;
    for (const entry of entries) total += Buffer.byteLength(String(entry.MessageBody ?? ''));
    if (total > limit) {
      throw sqsError(
        'BatchRequestTooLong',
        `Batch requests cannot be longer than ${limit} bytes. You have sent ${total} bytes.`,
      );
    }
    const Successful: unknown[] = [];
    const Failed: unknown[] = [];
    const sent: Array<{ id: string; traceId: string; body: string }> = [];
    this.engine.messages.transaction(() => {
      for (const entry of entries) {
        const id = String(entry.Id);
        try {
          const prepared = prepareSend(this.engine, queue, entry as SendInput);
          const traceId = typeof entry.traceId === 'string' ? entry.traceId : newTraceId();
          const result = commitSend(this.engine, queue, prepared, traceId);
          Successful.push({ Id: id, ...result });
          sent.push({ id: result.MessageId, traceId, body: prepared.body });
        } catch (error) {
          Failed.push(batchFailure(id, error));
        }
      }
      // Traced inside the transaction: the trace log shares the database, so the batch is one commit.
      for (const s of sent)
        this.engine.publish('sent', queue, { messageId: s.id, body: preview(s.body) }, s.traceId);
    });
    if (sent.length > 0) this.engine.waiters.notify(queue.row.name);
    return { Successful, Failed };
  }

  /** ReceiveMessage (long polls when WaitTimeSeconds or the queue's ReceiveMessageWaitTimeSeconds say so). */
  async receiveMessage(input: Input, signal?: AbortSignal) {
    const queue = this.engine.get(input.QueueUrl);
    const request = input as ReceiveInput;
    const options = receiveOptions(this.engine, queue, request);
    const attemptId =
      queue.row.fifo && typeof request.ReceiveRequestAttemptId === 'string'
        ? request.ReceiveRequestAttemptId
        : undefined;
    const { messages: store, clock } = this.engine;
    const replayed = attemptId && this.attempts.replay(store, queue.row.name, attemptId, clock.now());
    const messages = replayed || (await receiveMessages(this.engine, queue, options, signal));
    if (attemptId && !replayed)
      this.attempts.remember(store, queue.row.name, attemptId, clock.now(), messages);
    return { Messages: messages.map((m) => shapeReceived(m, request)) };
  }

  /** DeleteMessage. */
  deleteMessage(input: Input) {
    deleteMessage(this.engine, this.engine.get(input.QueueUrl), input.ReceiptHandle);
    return {};
  }

  /** DeleteMessageBatch. */
  deleteMessageBatch(input: Input) {
    const queue = this.engine.get(input.QueueUrl);
    const entries = checkBatch(input.Entries, 'DeleteMessageBatchRequestEntry');
    const Successful: unknown[] = [];
    const Failed: unknown[] = [];
    this.engine.messages.transaction(() => {
      for (const entry of entries) {
        try {
          deleteMessage(this.engine, queue, entry.ReceiptHandle);
          Successful.push({ Id: entry.Id });
        } catch (error) {
          Failed.push(batchFailure(String(entry.Id), error));
        }
      }
    });
    return { Successful, Failed };
  }

  /** ChangeMessageVisibility. */
  changeMessageVisibility(input: Input) {
    changeVisibility(
      this.engine,
      this.engine.get(input.QueueUrl),
      input.ReceiptHandle,
      input.VisibilityTimeout,
    );
    return {};
  }

  /** ChangeMessageVisibilityBatch. */
  changeMessageVisibilityBatch(input: Input) {
    const queue = this.engine.get(input.QueueUrl);
    const entries = checkBatch(input.Entries, 'ChangeMessageVisibilityBatchRequestEntry');
    const Successful: unknown[] = [];
    const Failed: unknown[] = [];
    for (const entry of entries) {
      try {
        changeVisibility(this.engine, queue, entry.ReceiptHandle, entry.VisibilityTimeout);
        Successful.push({ Id: entry.Id });
      } catch (error) {
        Failed.push(batchFailure(String(entry.Id), error));
      }
    }
    return { Successful, Failed };
  }
}
