import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  ListQueueTagsCommand,
  PurgeQueueCommand,
  QueueDoesNotExist,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  TagQueueCommand,
  UntagQueueCommand,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startQueues, type QueueHarness } from './harness.js';

let h: QueueHarness;
beforeAll(async () => {
  h = await startQueues();
});
afterAll(async () => h?.stop());

async function newQueue(name: string, Attributes?: Record<string, string>) {
  const { QueueUrl } = await h.sqs.send(new CreateQueueCommand({ QueueName: name, Attributes }));
  return QueueUrl!;
}

describe('SQS over JSON 1.0 with @aws-sdk/client-sqs', () => {
  it('creates, finds, lists and deletes queues with URLs pointing at eddy', async () => {
    const url = await newQueue('orders');
    expect(url).toBe(`${h.eddy.endpoint}/000000000000/orders`);
    expect(await newQueue('orders')).toBe(url);
    expect((await h.sqs.send(new GetQueueUrlCommand({ QueueName: 'orders' }))).QueueUrl).toBe(url);
    const listed = await h.sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'ord' }));
    expect(listed.QueueUrls).toEqual([url]);
    await h.sqs.send(new DeleteQueueCommand({ QueueUrl: url }));
    const error = await h.sqs.send(new GetQueueUrlCommand({ QueueName: 'orders' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueueDoesNotExist);
    expect((error as Error).message).toBe('The specified queue does not exist.');
  });

  it('rejects a different attribute value for an existing name', async () => {
    await newQueue('same', { VisibilityTimeout: '10' });
    const error = await h.sqs
      .send(new CreateQueueCommand({ QueueName: 'same', Attributes: { VisibilityTimeout: '20' } }))
      .catch((e: Error) => e);
    expect((error as Error).name).toBe('QueueNameExists');
  });

  it('sends and receives with attributes and correct MD5s (the SDK verifies the body MD5)', async () => {
    const url = await newQueue('attrs');
    const sent = await h.sqs.send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: '{"hello":"wörld"}',
        MessageAttributes: {
          kind: { DataType: 'String', StringValue: 'greeting' },
          blob: { DataType: 'Binary', BinaryValue: Buffer.from([1, 2, 3]) },
        },
        MessageSystemAttributes: { AWSTraceHeader: { DataType: 'String', StringValue: 'Root=1-abc' } },
      }),
    );
    expect(sent.MD5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/);
    expect(sent.MD5OfMessageSystemAttributes).toMatch(/^[0-9a-f]{32}$/);
    const got = await h.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['All'],
      }),
    );
    const message = got.Messages![0];
    expect(message.MessageId).toBe(sent.MessageId);
    expect(message.Body).toBe('{"hello":"wörld"}');
    expect(message.MD5OfMessageAttributes).toBe(sent.MD5OfMessageAttributes);
    expect(Buffer.from(message.MessageAttributes!.blob.BinaryValue!)).toEqual(Buffer.from([1, 2, 3]));
    expect(message.Attributes).toMatchObject({
      ApproximateReceiveCount: '1',
      SenderId: '000000000000',
      AWSTraceHeader: 'Root=1-abc',
    });
    await h.sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: message.ReceiptHandle }));
    const after = await h.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }));
    expect(after.Attributes).toMatchObject({
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
      VisibilityTimeout: '30',
      QueueArn: 'arn:aws:sqs:us-east-1:000000000000:attrs',
    });
  });

  it('hides a received message for its visibility timeout and counts receives', async () => {
    const url = await newQueue('visibility');
    await h.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x' }));
    const first = await h.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, VisibilityTimeout: 30 }));
    expect(first.Messages).toHaveLength(1);
    const none = await h.sqs.send(new ReceiveMessageCommand({ QueueUrl: url }));
    expect(none.Messages ?? []).toHaveLength(0);
    await h.sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: url,
        ReceiptHandle: first.Messages![0].ReceiptHandle,
        VisibilityTimeout: 0,
      }),
    );
    const again = await h.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }),
    );
    expect(again.Messages![0].Attributes!.ApproximateReceiveCount).toBe('2');
  });

  it('sends and deletes in batches, reporting bad entries alone', async () => {
    const url = await newQueue('batch');
    const sent = await h.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: 'a', MessageBody: 'one' },
          { Id: 'b', MessageBody: 'two' },
          { Id: 'c', MessageBody: 'three', DelaySeconds: 901 },
        ],
      }),
    );
    expect(sent.Successful!.map((s) => s.Id)).toEqual(['a', 'b']);
    expect(sent.Failed).toEqual([
      expect.objectContaining({ Id: 'c', SenderFault: true, Code: 'InvalidParameterValue' }),
    ]);
    const got = await h.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
    expect(got.Messages!.map((m) => m.Body)).toEqual(['one', 'two']);
    const deleted = await h.sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: url,
        Entries: got.Messages!.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle })),
      }),
    );
    expect(deleted.Successful).toHaveLength(2);
  });

  it('tags, sets attributes and purges', async () => {
    const url = await newQueue('tags');
    await h.sqs.send(new TagQueueCommand({ QueueUrl: url, Tags: { team: 'a', env: 'dev' } }));
    await h.sqs.send(new UntagQueueCommand({ QueueUrl: url, TagKeys: ['env'] }));
    expect((await h.sqs.send(new ListQueueTagsCommand({ QueueUrl: url }))).Tags).toEqual({ team: 'a' });
    await h.sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { DelaySeconds: '5' } }));
    const bad = await h.sqs
      .send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { VisibilityTimeout: '99999' } }))
      .catch((e: Error) => e);
    expect((bad as Error).name).toBe('InvalidAttributeValue');
    expect((bad as Error).message).toBe('Invalid value for the parameter VisibilityTimeout.');
    await h.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'later' }));
    const attrs = await h.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: url,
        AttributeNames: ['ApproximateNumberOfMessagesDelayed'],
      }),
    );
    expect(attrs.Attributes).toEqual({ ApproximateNumberOfMessagesDelayed: '1' });
    await h.sqs.send(new PurgeQueueCommand({ QueueUrl: url }));
    const purged = await h.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: url,
        AttributeNames: ['ApproximateNumberOfMessagesDelayed'],
      }),
    );
    expect(purged.Attributes).toEqual({ ApproximateNumberOfMessagesDelayed: '0' });
  });

  it("keeps a sender's X-Amzn-Trace-Id as AWSTraceHeader and links eddy's trace chain", async () => {
    const url = await newQueue('traced');
    const response = await fetch(`${h.eddy.endpoint}/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'AmazonSQS.SendMessage',
        'x-amzn-trace-id': 'Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1;Eddy=chain-42',
      },
      body: JSON.stringify({ QueueUrl: url, MessageBody: 'from a handler' }),
    });
    expect(response.status).toBe(200);
    const got = await h.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MessageSystemAttributeNames: ['AWSTraceHeader'] }),
    );
    expect(got.Messages![0].Attributes!.AWSTraceHeader).toContain('Root=1-5759e988');
    const sent = await h.eddy.waitFor(
      (r) => r.kind === 'message' && r.payload.action === 'sent' && r.payload.queue === 'traced',
    );
    expect(sent.traceId).toBe('chain-42');
  });

  it('rejects a body over 256 KiB with SQS message', async () => {
    const url = await newQueue('big');
    const error = await h.sqs
      .send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x'.repeat(262_145) }))
      .catch((e: Error) => e);
    expect((error as Error).message).toBe(
      'One or more parameters are invalid. Reason: Message must be shorter than 262144 bytes.',
    );
  });
});
