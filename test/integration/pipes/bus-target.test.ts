import { join } from 'node:path';
import { GetQueueUrlCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startQueues, type QueueHarness } from '../queues/harness.js';

let h: QueueHarness;
beforeAll(async () => {
  h = await startQueues({ template: join(import.meta.dirname, 'fixtures-bus.yaml') });
});
afterAll(async () => h?.stop());

describe('a pipe with an event bus target', () => {
  it('puts the transformed record on the bus with its Source and dynamic DetailType, where rules see it', async () => {
    const incoming = (await h.sqs.send(new GetQueueUrlCommand({ QueueName: 'incoming' }))).QueueUrl;
    const audit = (await h.sqs.send(new GetQueueUrlCommand({ QueueName: 'audit' }))).QueueUrl;
    await h.sqs.send(
      new SendMessageCommand({ QueueUrl: incoming, MessageBody: '{"orderId":"o-7","kind":"OrderPaid"}' }),
    );
    const got = await h.sqs.send(new ReceiveMessageCommand({ QueueUrl: audit, WaitTimeSeconds: 10 }));
    const event = JSON.parse(got.Messages![0].Body!);
    expect(event).toMatchObject({
      source: 'shop.pipe',
      'detail-type': 'OrderPaid',
      detail: { orderId: 'o-7' },
      resources: ['arn:aws:pipes:us-east-1:000000000000:pipe/to-bus'],
    });
  });
});
