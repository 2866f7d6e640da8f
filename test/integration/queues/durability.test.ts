import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp.js';
import { startQueues } from './harness.js';

describe('queues are durable in the state folder', () => {
  it('keeps sent and in-flight messages across a restart; in-flight ones reappear after their timeout', async () => {
    const state = tempDir('eddy-queues-');
    const first = await startQueues({ state });
    const { QueueUrl } = await first.sqs.send(
      new CreateQueueCommand({ QueueName: 'durable', Attributes: { VisibilityTimeout: '1' } }),
    );
    await first.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'kept' }));
    await first.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'in-flight' }));
    const inFlight = await first.sqs.send(new ReceiveMessageCommand({ QueueUrl: QueueUrl! }));
    expect(inFlight.Messages!.map((m) => m.Body)).toEqual(['kept']);
    await first.stop();

    const second = await startQueues({ state });
    try {
      const url = `${second.eddy.endpoint}/000000000000/durable`;
      const now = await second.sqs.send(
        new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }),
      );
      expect(now.Messages!.map((m) => m.Body)).toEqual(['in-flight']);
      const later = await second.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: url,
          WaitTimeSeconds: 3,
          MessageSystemAttributeNames: ['ApproximateReceiveCount'],
        }),
      );
      expect(later.Messages![0]).toMatchObject({
        Body: 'kept',
        Attributes: { ApproximateReceiveCount: '2' },
      });
    } finally {
      await second.stop();
    }
  });
});
