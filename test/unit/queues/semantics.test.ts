import { describe, expect, it } from 'vitest';
import { flush, startQueueService } from './context.js';

const URL = (name: string) => `http://127.0.0.1:4949/000000000000/${name}`;
const ARN = (name: string) => `arn:aws:sqs:us-east-1:000000000000:${name}`;

describe('queue semantics (manual clock)', () => {
  it('makes an unacknowledged message visible again after its visibility timeout', async () => {
    const { service, clock } = await startQueueService();
    service.queueOps.createQueue({ QueueName: 'q', Attributes: { VisibilityTimeout: '10' } });
    service.messageOps.sendMessage({ QueueUrl: URL('q'), MessageBody: 'a' });
    const first = await service.messageOps.receiveMessage({ QueueUrl: URL('q') });
    expect(first.Messages).toHaveLength(1);
    clock.advance(9_999);
    expect((await service.messageOps.receiveMessage({ QueueUrl: URL('q') })).Messages).toHaveLength(0);
    clock.advance(1);
    const again = await service.messageOps.receiveMessage({ QueueUrl: URL('q'), AttributeNames: ['All'] });
    expect(again.Messages[0]).toMatchObject({ Body: 'a', Attributes: { ApproximateReceiveCount: '2' } });
  });

  it('delays messages by DelaySeconds', async () => {
    const { service, clock } = await startQueueService();
    service.queueOps.createQueue({ QueueName: 'd' });
    service.messageOps.sendMessage({ QueueUrl: URL('d'), MessageBody: 'later', DelaySeconds: 5 });
    expect((await service.messageOps.receiveMessage({ QueueUrl: URL('d') })).Messages).toHaveLength(0);
    clock.advance(5_000);
    expect((await service.messageOps.receiveMessage({ QueueUrl: URL('d') })).Messages).toHaveLength(1);
  });

  it('drops messages past MessageRetentionPeriod', async () => {
    const { service, clock } = await startQueueService();
    service.queueOps.createQueue({ QueueName: 'r', Attributes: { MessageRetentionPeriod: '60' } });
    service.messageOps.sendMessage({ QueueUrl: URL('r'), MessageBody: 'old' });
    clock.advance(60_000);
    expect((await service.messageOps.receiveMessage({ QueueUrl: URL('r') })).Messages).toHaveLength(0);
  });

  it('long-polls: a waiting receive wakes when a message arrives, with no time passing', async () => {
    const { service } = await startQueueService();
    service.queueOps.createQueue({ QueueName: 'lp' });
    const pending = service.messageOps.receiveMessage({ QueueUrl: URL('lp'), WaitTimeSeconds: 20 });
    await flush();
    service.messageOps.sendMessage({ QueueUrl: URL('lp'), MessageBody: 'wake' });
    expect((await pending).Messages.map((m) => m.Body)).toEqual(['wake']);
  });

  it('long-polls: returns empty once the wait time is over, and wakes for a delayed message', async () => {
    const { service, clock } = await startQueueService();
    service.queueOps.createQueue({ QueueName: 'lp2' });
    let done = false;
    const pending = service.messageOps
      .receiveMessage({ QueueUrl: URL('lp2'), WaitTimeSeconds: 2 })
      .then((r) => ((done = true), r));
    clock.advance(1_999);
    await flush();
    expect(done).toBe(false);
    clock.advance(1);
    expect((await pending).Messages).toEqual([]);
    service.messageOps.sendMessage({ QueueUrl: URL('lp2'), MessageBody: 'd', DelaySeconds: 1 });
    const delayed = service.messageOps.receiveMessage({ QueueUrl: URL('lp2'), WaitTimeSeconds: 5 });
    await flush();
    clock.advance(1_000);
    expect((await delayed).Messages).toHaveLength(1);
  });

  it('moves a message to the DLQ after maxReceiveCount receives', async () => {
    const { service, clock, records } = await startQueueService();
    service.queueOps.createQueue({ QueueName: 'dlq' });
    service.queueOps.createQueue({
      QueueName: 'src',
      Attributes: {
        VisibilityTimeout: '1',
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: ARN('dlq'), maxReceiveCount: 2 }),
      },
    });
    service.messageOps.sendMessage({ QueueUrl: URL('src'), MessageBody: 'poison' });
    for (let i = 0; i < 2; i++) {
      expect((await service.messageOps.receiveMessage({ QueueUrl: URL('src') })).Messages).toHaveLength(1);
      clock.advance(1_000);
    }
    expect((await service.messageOps.receiveMessage({ QueueUrl: URL('src') })).Messages).toHaveLength(0);
    const dead = await service.messageOps.receiveMessage({ QueueUrl: URL('dlq'), AttributeNames: ['All'] });
    expect(dead.Messages[0]).toMatchObject({
      Body: 'poison',
      Attributes: { DeadLetterQueueSourceArn: ARN('src') },
    });
    expect(records.some((r) => r.kind === 'message' && r.payload.action === 'dead-lettered')).toBe(true);
    expect(service.queueOps.listDeadLetterSourceQueues({ QueueUrl: URL('dlq') }).queueUrls).toEqual([
      URL('src'),
    ]);
  });

  it('requires the dead-letter target to exist and be of the same type', async () => {
    const { service } = await startQueueService();
    const policy = (name: string) => JSON.stringify({ deadLetterTargetArn: ARN(name), maxReceiveCount: 1 });
    expect(() =>
      service.queueOps.createQueue({ QueueName: 'orphan', Attributes: { RedrivePolicy: policy('missing') } }),
    ).toThrow('Reason: Dead letter target does not exist.');
    service.queueOps.createQueue({ QueueName: 'f-dlq.fifo', Attributes: { FifoQueue: 'true' } });
    service.queueOps.createQueue({ QueueName: 'plain' });
    expect(() =>
      service.queueOps.setQueueAttributes({
        QueueUrl: URL('plain'),
        Attributes: { RedrivePolicy: policy('f-dlq.fifo') },
      }),
    ).toThrow('Dead-letter queue must be same type of queue as the source');
  });

  it('keeps messages out of a DLQ whose RedriveAllowPolicy denies the source', async () => {
    const { service } = await startQueueService();
    service.queueOps.createQueue({
      QueueName: 'closed-dlq',
      Attributes: { RedriveAllowPolicy: JSON.stringify({ redrivePermission: 'denyAll' }) },
    });
    service.queueOps.createQueue({
      QueueName: 'src2',
      Attributes: {
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: ARN('closed-dlq'), maxReceiveCount: 1 }),
      },
    });
    service.messageOps.sendMessage({ QueueUrl: URL('src2'), MessageBody: 'stays' });
    await service.messageOps.receiveMessage({ QueueUrl: URL('src2'), VisibilityTimeout: 0 });
    const again = await service.messageOps.receiveMessage({ QueueUrl: URL('src2') });
    expect(again.Messages.map((m) => m.Body)).toEqual(['stays']);
  });

  it('redrives a DLQ back to the source queue with a message move task', async () => {
    const { service, clock } = await startQueueService();
    service.queueOps.createQueue({ QueueName: 'dlq' });
    service.queueOps.createQueue({
      QueueName: 'src',
      Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: ARN('dlq'), maxReceiveCount: 1 }) },
    });
    service.messageOps.sendMessage({ QueueUrl: URL('src'), MessageBody: 'm' });
    await service.messageOps.receiveMessage({ QueueUrl: URL('src'), VisibilityTimeout: 0 });
    await service.messageOps.receiveMessage({ QueueUrl: URL('src') });
    expect(
      service.queueOps.getQueueAttributes({
        QueueUrl: URL('dlq'),
        AttributeNames: ['ApproximateNumberOfMessages'],
      }),
    ).toEqual({ Attributes: { ApproximateNumberOfMessages: '1' } });
    const { TaskHandle } = service.moveTasks.start({ SourceArn: ARN('dlq') });
    expect(TaskHandle).toBeTruthy();
    clock.advance(0);
    const tasks = service.moveTasks.list({ SourceArn: ARN('dlq') });
    expect(tasks.Results[0]).toMatchObject({ Status: 'COMPLETED', ApproximateNumberOfMessagesMoved: 1 });
    const back = await service.messageOps.receiveMessage({ QueueUrl: URL('src') });
    expect(back.Messages.map((m) => m.Body)).toEqual(['m']);
  });

  it('FIFO: keeps group order, one in-flight batch per group, and deduplicates for 5 minutes', async () => {
    const { service, clock } = await startQueueService();
    service.queueOps.createQueue({
      QueueName: 'f.fifo',
      Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true' },
    });
    const send = (body: string, group: string) =>
      service.messageOps.sendMessage({ QueueUrl: URL('f.fifo'), MessageBody: body, MessageGroupId: group });
    const a1 = send('a1', 'A');
    send('b1', 'B');
    send('a2', 'A');
    const dup = send('a1', 'A');
    expect(dup.MessageId).toBe(a1.MessageId);
    expect(dup.SequenceNumber).toBe(a1.SequenceNumber);
    const first = await service.messageOps.receiveMessage({
      QueueUrl: URL('f.fifo'),
      MaxNumberOfMessages: 1,
    });
    expect(first.Messages.map((m) => m.Body)).toEqual(['a1']);
    // Group A is blocked while a1 is in flight; B is free.
    const second = await service.messageOps.receiveMessage({
      QueueUrl: URL('f.fifo'),
      MaxNumberOfMessages: 10,
    });
    expect(second.Messages.map((m) => m.Body)).toEqual(['b1']);
    service.messageOps.deleteMessage({
      QueueUrl: URL('f.fifo'),
      ReceiptHandle: first.Messages[0].ReceiptHandle,
    });
    const third = await service.messageOps.receiveMessage({
      QueueUrl: URL('f.fifo'),
      MaxNumberOfMessages: 10,
    });
    expect(third.Messages.map((m) => m.Body)).toEqual(['a2']);
    clock.advance(5 * 60_000);
    expect(send('a1', 'A').MessageId).not.toBe(a1.MessageId);
  });

  it('FIFO: a retried receive with the same ReceiveRequestAttemptId gets the same messages', async () => {
    const { service } = await startQueueService();
    service.queueOps.createQueue({
      QueueName: 'r.fifo',
      Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true' },
    });
    service.messageOps.sendMessage({ QueueUrl: URL('r.fifo'), MessageBody: 'one', MessageGroupId: 'g' });
    service.messageOps.sendMessage({ QueueUrl: URL('r.fifo'), MessageBody: 'other', MessageGroupId: 'h' });
    const receive = () =>
      service.messageOps.receiveMessage({ QueueUrl: URL('r.fifo'), ReceiveRequestAttemptId: 'try-1' });
    const first = await receive();
    const retry = await receive();
    expect(retry.Messages).toEqual(first.Messages);
    service.messageOps.deleteMessage({
      QueueUrl: URL('r.fifo'),
      ReceiptHandle: first.Messages[0].ReceiptHandle,
    });
    const after = await receive();
    expect(after.Messages.map((m) => m.Body)).toEqual(['other']);
  });

  it('FIFO: requires a group id and a deduplication id or content-based deduplication', async () => {
    const { service } = await startQueueService();
    service.queueOps.createQueue({ QueueName: 'g.fifo', Attributes: { FifoQueue: 'true' } });
    expect(() => service.messageOps.sendMessage({ QueueUrl: URL('g.fifo'), MessageBody: 'x' })).toThrow(
      'The request must contain the parameter MessageGroupId.',
    );
    expect(() =>
      service.messageOps.sendMessage({ QueueUrl: URL('g.fifo'), MessageBody: 'x', MessageGroupId: 'g' }),
    ).toThrow(
      'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
    );
  });

  it('answers router calls as SendMessage (rule targets, DLQs)', async () => {
    const { service } = await startQueueService();
    service.queueOps.createQueue({ QueueName: 't' });
    await service.invokeTarget(
      ARN('t'),
      { detail: { a: 1 } },
      {
        traceId: 'trace-1',
        parameters: { MessageAttributes: { ERROR_CODE: { DataType: 'String', StringValue: 'x' } } },
      },
    );
    const got = await service.poll(ARN('t'), 10, 0);
    expect(got[0]).toMatchObject({ Body: '{"detail":{"a":1}}', traceId: 'trace-1' });
    expect(got[0].allMessageAttributes.ERROR_CODE.StringValue).toBe('x');
  });
});
