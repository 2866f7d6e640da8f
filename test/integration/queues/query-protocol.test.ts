import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startQueues, type QueueHarness } from './harness.js';

let h: QueueHarness;
beforeAll(async () => {
  h = await startQueues();
});
afterAll(async () => h?.stop());

async function call(
  path: string,
  params: Record<string, string>,
): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await fetch(h.eddy.endpoint + path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ Version: '2012-11-05', ...params }).toString(),
  });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

function tag(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((m) => m[1]);
}

describe('SQS query protocol (form-encoded, XML) for older clients', () => {
  it('creates a queue, sends with attributes and receives them back', async () => {
    const created = await call('/', {
      Action: 'CreateQueue',
      QueueName: 'legacy',
      'Attribute.1.Name': 'VisibilityTimeout',
      'Attribute.1.Value': '15',
    });
    expect(created.status).toBe(200);
    expect(created.text).toContain(
      '<CreateQueueResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/">',
    );
    const [url] = tag(created.text, 'QueueUrl');
    expect(url).toBe(`${h.eddy.endpoint}/000000000000/legacy`);

    const sent = await call('/000000000000/legacy', {
      Action: 'SendMessage',
      MessageBody: 'a < b & "c"',
      'MessageAttribute.1.Name': 'kind',
      'MessageAttribute.1.Value.DataType': 'String',
      'MessageAttribute.1.Value.StringValue': 'legacy',
    });
    expect(tag(sent.text, 'MD5OfMessageBody')).toHaveLength(1);
    expect(tag(sent.text, 'MD5OfMessageAttributes')).toHaveLength(1);

    const received = await call('/', {
      Action: 'ReceiveMessage',
      QueueUrl: url,
      'AttributeName.1': 'All',
      'MessageAttributeName.1': 'All',
    });
    expect(tag(received.text, 'Body')).toEqual(['a &lt; b &amp; &quot;c&quot;']);
    expect(received.text).toContain(
      '<Attribute><Name>ApproximateReceiveCount</Name><Value>1</Value></Attribute>',
    );
    expect(received.text).toContain(
      '<MessageAttribute><Name>kind</Name><Value><DataType>String</DataType><StringValue>legacy</StringValue></Value></MessageAttribute>',
    );
    expect(tag(received.text, 'MD5OfMessageAttributes')).toEqual(tag(sent.text, 'MD5OfMessageAttributes'));

    const attributes = await call('/', {
      Action: 'GetQueueAttributes',
      QueueUrl: url,
      'AttributeName.1': 'VisibilityTimeout',
    });
    expect(attributes.text).toContain(
      '<Attribute><Name>VisibilityTimeout</Name><Value>15</Value></Attribute>',
    );
  });

  it('sends batches with flattened entries', async () => {
    await call('/', { Action: 'CreateQueue', QueueName: 'legacy-batch' });
    const sent = await call('/000000000000/legacy-batch', {
      Action: 'SendMessageBatch',
      'SendMessageBatchRequestEntry.1.Id': 'one',
      'SendMessageBatchRequestEntry.1.MessageBody': 'first',
      'SendMessageBatchRequestEntry.2.Id': 'two',
      'SendMessageBatchRequestEntry.2.MessageBody': 'second',
      'SendMessageBatchRequestEntry.2.DelaySeconds': '1000',
    });
    expect(sent.text).toContain('<SendMessageBatchResultEntry><Id>one</Id>');
    expect(sent.text).toContain(
      '<BatchResultErrorEntry><Id>two</Id><SenderFault>true</SenderFault><Code>InvalidParameterValue</Code>',
    );
  });

  it('answers errors as ErrorResponse with the query error code', async () => {
    const missing = await call('/', { Action: 'GetQueueUrl', QueueName: 'nope' });
    expect(missing.status).toBe(400);
    expect(tag(missing.text, 'Code')).toEqual(['AWS.SimpleQueueService.NonExistentQueue']);
    expect(tag(missing.text, 'Type')).toEqual(['Sender']);
    expect(tag(missing.text, 'Message')).toEqual(['The specified queue does not exist.']);
    expect(missing.headers.get('x-amzn-query-error')).toBe('AWS.SimpleQueueService.NonExistentQueue;Sender');
  });
});
