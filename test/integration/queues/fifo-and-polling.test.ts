import {
  CreateQueueCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  StartMessageMoveTaskCommand,
  ListMessageMoveTasksCommand,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startQueues, type QueueHarness } from './harness.js';

let h: QueueHarness;
beforeAll(async () => {
  h = await startQueues();
});
afterAll(async () => h?.stop());

describe('FIFO, long polling and redrive through the SDK', () => {
  it('delivers each group in order and deduplicates by MessageDeduplicationId', async () => {
    const { QueueUrl } = await h.sqs.send(
      new CreateQueueCommand({ QueueName: 'orders.fifo', Attributes: { FifoQueue: 'true' } }),
    );
    const sent = await h.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl,
        Entries: ['1', '2', '3'].map((n) => ({
          Id: `m${n}`,
          MessageBody: `order-${n}`,
          MessageGroupId: 'customer-1',
          MessageDeduplicationId: `d${n}`,
        })),
      }),
    );
    expect(sent.Successful!.map((s) => s.SequenceNumber)).toEqual(
      [...sent.Successful!.map((s) => s.SequenceNumber)].sort(),
    );
    const dup = await h.sqs.send(
      new SendMessageCommand({
        QueueUrl,
        MessageBody: 'again',
        MessageGroupId: 'customer-1',
        MessageDeduplicationId: 'd1',
      }),
    );
    expect(dup.MessageId).toBe(sent.Successful![0].MessageId);
    const got = await h.sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['All'] }),
    );
    expect(got.Messages!.map((m) => m.Body)).toEqual(['order-1', 'order-2', 'order-3']);
    expect(got.Messages![0].Attributes).toMatchObject({
      MessageGroupId: 'customer-1',
      MessageDeduplicationId: 'd1',
    });
  });

  it('a long poll returns as soon as a message is sent', async () => {
    const { QueueUrl } = await h.sqs.send(new CreateQueueCommand({ QueueName: 'waiting' }));
    const started = Date.now();
    const pending = h.sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 10 }));
    await new Promise((r) => setTimeout(r, 200));
    await h.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'ping' }));
    const got = await pending;
    expect(got.Messages![0].Body).toBe('ping');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('moves a poison message to the DLQ and redrives it back', async () => {
    const dlq = await h.sqs.send(new CreateQueueCommand({ QueueName: 'jobs-dlq' }));
    const dlqArn = 'arn:aws:sqs:us-east-1:000000000000:jobs-dlq';
    const { QueueUrl } = await h.sqs.send(
      new CreateQueueCommand({
        QueueName: 'jobs',
        Attributes: {
          VisibilityTimeout: '0',
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 2 }),
        },
      }),
    );
    await h.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'poison' }));
    for (let i = 0; i < 2; i++) {
      expect((await h.sqs.send(new ReceiveMessageCommand({ QueueUrl }))).Messages).toHaveLength(1);
    }
    expect((await h.sqs.send(new ReceiveMessageCommand({ QueueUrl }))).Messages ?? []).toHaveLength(0);
    const dead = await h.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: dlq.QueueUrl, VisibilityTimeout: 0 }),
    );
    expect(dead.Messages![0].Body).toBe('poison');
    await h.sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlqArn }));
    await expect
      .poll(
        async () =>
          (await h.sqs.send(new ListMessageMoveTasksCommand({ SourceArn: dlqArn }))).Results?.[0]?.Status,
      )
      .toBe('COMPLETED');
    const back = await h.sqs.send(new ReceiveMessageCommand({ QueueUrl }));
    expect(back.Messages![0].Body).toBe('poison');
    await h.sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: back.Messages![0].ReceiptHandle }));
  });
});
