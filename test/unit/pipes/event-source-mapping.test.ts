import { afterEach, describe, expect, it } from 'vitest';
import type { EventSourceMappingModel } from '../../../src/template/model.js';
import { settle, startPipes, until, type PipesFixture } from './fixture.js';

const Q = (name: string) => `arn:aws:sqs:us-east-1:000000000000:${name}`;
const URL = (name: string) => `http://127.0.0.1:4949/000000000000/${name}`;
const FN = 'arn:aws:lambda:us-east-1:000000000000:function:worker';

function mapping(patch: Partial<EventSourceMappingModel> = {}): EventSourceMappingModel {
  return {
    kind: 'eventSourceMapping',
    logicalId: 'WorkerQueueEvent',
    name: 'm1',
    arn: 'arn:aws:lambda:us-east-1:000000000000:event-source-mapping:m1',
    uuid: 'm1',
    eventSourceArn: Q('jobs'),
    functionArn: FN,
    batchSize: 10,
    maximumBatchingWindowInSeconds: 0,
    enabled: true,
    filters: [],
    functionResponseTypes: [],
    ...patch,
  };
}

let f: PipesFixture;
afterEach(async () => f?.stop());

function count(name: string): Record<string, string> {
  return f.queues.queueOps.getQueueAttributes({ QueueUrl: URL(name), AttributeNames: ['All'] }).Attributes!;
}

describe('event source mappings (SQS → function)', () => {
  it('invokes the function with the SQS event shape and deletes the batch on success', async () => {
    f = await startPipes();
    f.queues.queueOps.createQueue({ QueueName: 'jobs' });
    await f.app({ eventSourceMappings: [mapping()] });
    f.queues.messageOps.sendMessage({
      QueueUrl: URL('jobs'),
      MessageBody: '{"job":1}',
      MessageAttributes: { kind: { DataType: 'String', StringValue: 'a' } },
    });
    await until(() => f.functions.calls.length === 1);
    const record = f.functions.calls[0].payload.Records[0];
    expect(record).toMatchObject({
      body: '{"job":1}',
      eventSource: 'aws:sqs',
      eventSourceARN: Q('jobs'),
      awsRegion: 'us-east-1',
      md5OfBody: expect.stringMatching(/^[0-9a-f]{32}$/),
      attributes: { ApproximateReceiveCount: '1', SenderId: '000000000000' },
      messageAttributes: {
        kind: { stringValue: 'a', dataType: 'String', stringListValues: [], binaryListValues: [] },
      },
    });
    expect(record.messageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(f.functions.calls[0].options.invocationType).toBe('RequestResponse');
    await until(() => count('jobs').ApproximateNumberOfMessagesNotVisible === '0');
    expect(count('jobs').ApproximateNumberOfMessages).toBe('0');
  });

  it('leaves a failed batch to reappear after the visibility timeout, then redrives it to the DLQ', async () => {
    f = await startPipes();
    f.queues.queueOps.createQueue({ QueueName: 'dlq' });
    f.queues.queueOps.createQueue({
      QueueName: 'jobs',
      Attributes: {
        VisibilityTimeout: '10',
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: Q('dlq'), maxReceiveCount: 2 }),
      },
    });
    f.functions.respond = () => {
      throw new Error('boom');
    };
    await f.app({ eventSourceMappings: [mapping({ maximumConcurrency: 2 })] });
    f.queues.messageOps.sendMessage({ QueueUrl: URL('jobs'), MessageBody: 'poison' });
    await until(() => f.functions.calls.length === 1);
    await settle();
    expect(f.functions.calls).toHaveLength(1);
    expect(count('jobs').ApproximateNumberOfMessagesNotVisible).toBe('1');
    f.clock.advance(10_000);
    await until(() => f.functions.calls.length === 2);
    expect(f.functions.calls[1].payload.Records[0].attributes.ApproximateReceiveCount).toBe('2');
    f.clock.advance(10_000);
    await until(() => count('dlq').ApproximateNumberOfMessages === '1');
    expect(f.functions.calls).toHaveLength(2);
    expect(f.records.some((r) => r.kind === 'delivery' && r.payload.outcome === 'failed')).toBe(true);
  });

  it('keeps only the messages reported in batchItemFailures', async () => {
    f = await startPipes();
    f.queues.queueOps.createQueue({ QueueName: 'jobs' });
    f.queues.messageOps.sendMessageBatch({
      QueueUrl: URL('jobs'),
      Entries: ['a', 'b', 'c'].map((b) => ({ Id: b, MessageBody: b })),
    });
    f.functions.respond = (call) => ({
      batchItemFailures: call.payload.Records.filter((r: { body: string }) => r.body === 'b').map(
        (r: { messageId: string }) => ({ itemIdentifier: r.messageId }),
      ),
    });
    await f.app({ eventSourceMappings: [mapping({ functionResponseTypes: ['ReportBatchItemFailures'] })] });
    await until(() => f.functions.calls.length >= 1);
    await until(() => count('jobs').ApproximateNumberOfMessagesNotVisible === '1');
    const delivered = f.functions.calls.flatMap((c) =>
      c.payload.Records.map((r: { body: string }) => r.body),
    );
    expect(delivered.sort()).toEqual(['a', 'b', 'c']);
    expect(count('jobs').ApproximateNumberOfMessages).toBe('0');
  });

  it('deletes messages the filter rejects and matches JSON bodies as JSON', async () => {
    f = await startPipes();
    f.queues.queueOps.createQueue({ QueueName: 'jobs' });
    await f.app({
      eventSourceMappings: [mapping({ filters: [JSON.stringify({ body: { type: ['order'] } })] })],
    });
    f.queues.messageOps.sendMessage({ QueueUrl: URL('jobs'), MessageBody: '{"type":"refund"}' });
    f.queues.messageOps.sendMessage({ QueueUrl: URL('jobs'), MessageBody: 'not json' });
    f.queues.messageOps.sendMessage({ QueueUrl: URL('jobs'), MessageBody: '{"type":"order"}' });
    await until(() => f.functions.calls.length >= 1);
    await until(() => count('jobs').ApproximateNumberOfMessagesNotVisible === '0');
    const delivered = f.functions.calls.flatMap((c) =>
      c.payload.Records.map((r: { body: string }) => r.body),
    );
    expect(delivered).toEqual(['{"type":"order"}']);
    expect(count('jobs').ApproximateNumberOfMessages).toBe('0');
  });

  it('waits MaximumBatchingWindowInSeconds to fill a batch', async () => {
    f = await startPipes();
    f.queues.queueOps.createQueue({ QueueName: 'jobs' });
    await f.app({
      eventSourceMappings: [
        mapping({ batchSize: 50, maximumBatchingWindowInSeconds: 5, maximumConcurrency: 1 }),
      ],
    });
    for (let i = 0; i < 3; i++)
      f.queues.messageOps.sendMessage({ QueueUrl: URL('jobs'), MessageBody: `m${i}` });
    await settle();
    expect(f.functions.calls).toHaveLength(0);
    f.clock.advance(5_000);
    await until(() => f.functions.calls.length === 1);
    expect(f.functions.calls[0].payload.Records).toHaveLength(3);
  });

  it('runs at most ScalingConfig.MaximumConcurrency batches at once', async () => {
    f = await startPipes();
    f.queues.queueOps.createQueue({ QueueName: 'jobs' });
    let running = 0;
    let peak = 0;
    const release: Array<() => void> = [];
    f.functions.respond = () => {
      running++;
      peak = Math.max(peak, running);
      return new Promise<null>((resolve) =>
        release.push(() => {
          running--;
          resolve(null);
        }),
      );
    };
    await f.app({ eventSourceMappings: [mapping({ batchSize: 1, maximumConcurrency: 3 })] });
    for (let i = 0; i < 8; i++)
      f.queues.messageOps.sendMessage({ QueueUrl: URL('jobs'), MessageBody: `m${i}` });
    await until(() => running === 3);
    await settle();
    expect(running).toBe(3);
    while (f.functions.calls.length < 8 || release.length > 0) {
      release.shift()?.();
      await settle(2);
    }
    expect(peak).toBe(3);
    expect(f.functions.calls).toHaveLength(8);
  });

  it('stops polling when the mapping is removed', async () => {
    f = await startPipes();
    f.queues.queueOps.createQueue({ QueueName: 'jobs' });
    await f.app({ eventSourceMappings: [mapping()] });
    await f.app({ eventSourceMappings: [] });
    f.queues.messageOps.sendMessage({ QueueUrl: URL('jobs'), MessageBody: 'x' });
    await settle();
    expect(f.functions.calls).toHaveLength(0);
  });
});
