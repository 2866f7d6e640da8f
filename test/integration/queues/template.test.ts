import { join } from 'node:path';
import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueueTagsCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startQueues, type QueueHarness } from './harness.js';

let h: QueueHarness;
beforeAll(async () => {
  h = await startQueues({ template: join(import.meta.dirname, 'fixtures/template.yaml') });
});
afterAll(async () => h?.stop());

describe('queues and pipes from the template', () => {
  it('creates AWS::SQS::Queue resources with their properties, redrive policy and tags', async () => {
    const { QueueUrl } = await h.sqs.send(new GetQueueUrlCommand({ QueueName: 'orders' }));
    const { Attributes } = await h.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['VisibilityTimeout', 'RedrivePolicy'] }),
    );
    expect(Attributes!.VisibilityTimeout).toBe('5');
    expect(JSON.parse(Attributes!.RedrivePolicy!)).toEqual({
      deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:orders-dlq',
      maxReceiveCount: 3,
    });
    expect((await h.sqs.send(new ListQueueTagsCommand({ QueueUrl }))).Tags).toEqual({ team: 'shop' });
    const fifo = await h.sqs.send(new GetQueueUrlCommand({ QueueName: 'shipped.fifo' }));
    expect(fifo.QueueUrl).toMatch(/shipped\.fifo$/);
  });

  it('runs the AWS::Pipes::Pipe: filter, template and FIFO target', async () => {
    const { QueueUrl } = await h.sqs.send(new GetQueueUrlCommand({ QueueName: 'orders' }));
    await h.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: '{"id":"o-1","status":"new"}' }));
    await h.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: '{"id":"o-2","status":"paid"}' }));
    const shipped = (await h.sqs.send(new GetQueueUrlCommand({ QueueName: 'shipped.fifo' }))).QueueUrl;
    const got = await h.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: shipped,
        WaitTimeSeconds: 5,
        MessageSystemAttributeNames: ['All'],
      }),
    );
    expect(got.Messages![0].Body).toBe('{"ship": "o-2"}');
    expect(got.Messages![0].Attributes!.MessageGroupId).toBe('orders');
  });
});
