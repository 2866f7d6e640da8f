import { afterEach, describe, expect, it } from 'vitest';
import type { PipeModel } from '../../../src/template/model.js';
import { settle, startPipes, until, type PipesFixture } from './fixture.js';

const Q = (name: string) => `arn:aws:sqs:us-east-1:000000000000:${name}`;
const URL = (name: string) => `http://127.0.0.1:4949/000000000000/${name}`;
const FN = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;

function pipe(patch: Partial<PipeModel> = {}): PipeModel {
  return {
    kind: 'pipe',
    logicalId: 'OrdersPipe',
    name: 'orders-pipe',
    arn: 'arn:aws:pipes:us-east-1:000000000000:pipe/orders-pipe',
    source: Q('orders'),
    target: FN('target'),
    desiredState: 'RUNNING',
    sourceParameters: {},
    targetParameters: {},
    enrichmentParameters: {},
    roleArn: 'arn:aws:iam::000000000000:role/pipe',
    ...patch,
  };
}

let f: PipesFixture;
afterEach(async () => f?.stop());

function attributes(name: string): Record<string, string> {
  return f.queues.queueOps.getQueueAttributes({ QueueUrl: URL(name), AttributeNames: ['All'] }).Attributes!;
}

async function receiveBodies(name: string): Promise<string[]> {
  const got = await f.queues.messageOps.receiveMessage({ QueueUrl: URL(name), MaxNumberOfMessages: 10 });
  return got.Messages.map((m) => String(m.Body));
}

describe('pipes from an SQS source', () => {
  it('filters, enriches with a template, transforms per record and delivers the batch as one array', async () => {
    f = await startPipes();
    f.queues.queueOps.createQueue({ QueueName: 'orders' });
    f.functions.respond = (call) =>
      call.arn === FN('enrich')
        ? (call.payload as Array<{ id: string }>).map((e) => ({ id: e.id, enriched: true }))
        : null;
    await f.app({
      pipes: [
        pipe({
          enrichment: FN('enrich'),
          sourceParameters: {
            SqsQueueParameters: { BatchSize: 10, MaximumBatchingWindowInSeconds: 1 },
            FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ body: { type: ['order'] } }) }] },
          },
          enrichmentParameters: { InputTemplate: '{"id": <$.body.id>}' },
          targetParameters: {
            InputTemplate: '{"order": <$.id>, "enriched": <$.enriched>, "pipe": <aws.pipes.pipe-name>}',
          },
        }),
      ],
    });
    for (const [id, type] of [
      ['1', 'order'],
      ['2', 'refund'],
      ['3', 'order'],
    ]) {
      f.queues.messageOps.sendMessage({ QueueUrl: URL('orders'), MessageBody: JSON.stringify({ id, type }) });
    }
    await settle();
    f.clock.advance(1_000);
    await until(() => f.functions.calls.some((c) => c.arn === FN('target')));
    const enrich = f.functions.calls.find((c) => c.arn === FN('enrich'))!;
    expect(enrich.payload).toEqual([{ id: '1' }, { id: '3' }]);
    const target = f.functions.calls.find((c) => c.arn === FN('target'))!;
    expect(target.payload).toEqual([
      { order: '1', enriched: true, pipe: 'orders-pipe' },
      { order: '3', enriched: true, pipe: 'orders-pipe' },
    ]);
    expect(target.options.invocationType).toBe('RequestResponse');
    await until(() => attributes('orders').ApproximateNumberOfMessagesNotVisible === '0');
    expect(attributes('orders').ApproximateNumberOfMessages).toBe('0');
    const stages = f.records.filter((r) => r.kind === 'pipe').map((r) => r.payload.stage);
    expect(stages).toEqual(expect.arrayContaining(['filtered', 'batch', 'enriched', 'delivered']));
  });

  it('stops the batch when enrichment returns nothing, and deletes its messages', async () => {
    f = await startPipes();
    f.queues.queueOps.createQueue({ QueueName: 'orders' });
    f.functions.respond = (call) => (call.arn === FN('enrich') ? [] : null);
    await f.app({ pipes: [pipe({ enrichment: FN('enrich') })] });
    f.queues.messageOps.sendMessage({ QueueUrl: URL('orders'), MessageBody: 'x' });
    await until(() => f.functions.calls.length === 1);
    await until(() => attributes('orders').ApproximateNumberOfMessagesNotVisible === '0');
    expect(f.functions.calls.map((c) => c.arn)).toEqual([FN('enrich')]);
  });

  it('returns only the failed messages of a function target, and retries them through enrichment', async () => {
    f = await startPipes();
    f.queues.queueOps.createQueue({ QueueName: 'orders', Attributes: { VisibilityTimeout: '5' } });
    let failOnce = true;
    f.functions.respond = (call) => {
      const records = call.payload as Array<{ messageId: string; body: string }>;
      const bad = records.filter((r) => r.body === 'bad' && failOnce);
      if (bad.length > 0) failOnce = false;
      return { batchItemFailures: bad.map((r) => ({ itemIdentifier: r.messageId })) };
    };
    await f.app({
      pipes: [pipe({ sourceParameters: { SqsQueueParameters: { MaximumBatchingWindowInSeconds: 1 } } })],
    });
    f.queues.messageOps.sendMessage({ QueueUrl: URL('orders'), MessageBody: 'good' });
    f.queues.messageOps.sendMessage({ QueueUrl: URL('orders'), MessageBody: 'bad' });
    await settle();
    f.clock.advance(1_000);
    await until(() => f.functions.calls.length >= 1);
    await until(() => attributes('orders').ApproximateNumberOfMessagesNotVisible === '1');
    f.clock.advance(5_000);
    // The retry gathers a new batch for the batching window too.
    await settle();
    f.clock.advance(1_000);
    await until(
      () =>
        attributes('orders').ApproximateNumberOfMessagesNotVisible === '0' && f.functions.calls.length >= 2,
    );
    const bodies = f.functions.calls.map((c) => (c.payload as Array<{ body: string }>).map((r) => r.body));
    expect(bodies.flat().sort()).toEqual(['bad', 'bad', 'good']);
  });

  it('sends to a queue target with a dynamic MessageGroupId read from the event', async () => {
    f = await startPipes();
    f.queues.queueOps.createQueue({ QueueName: 'orders' });
    f.queues.queueOps.createQueue({
      QueueName: 'out.fifo',
      Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true' },
    });
    await f.app({
      pipes: [
        pipe({
          target: Q('out.fifo'),
          targetParameters: {
            InputTemplate: '{"customer": <$.body.customer>}',
            SqsQueueParameters: { MessageGroupId: '$.body.customer' },
          },
        }),
      ],
    });
    f.queues.messageOps.sendMessage({ QueueUrl: URL('orders'), MessageBody: '{"customer": "c-9"}' });
    await until(() => attributes('out.fifo').ApproximateNumberOfMessages === '1');
    const got = await f.queues.messageOps.receiveMessage({
      QueueUrl: URL('out.fifo'),
      AttributeNames: ['MessageGroupId'],
    });
    expect(got.Messages[0]).toMatchObject({
      Body: '{"customer": "c-9"}',
      Attributes: { MessageGroupId: 'c-9' },
    });
  });

  it('starts a state machine with the batch as one array: async by default, sync for REQUEST_RESPONSE', async () => {
    f = await startPipes();
    f.queues.queueOps.createQueue({ QueueName: 'orders' });
    const machine = 'arn:aws:states:us-east-1:000000000000:stateMachine:flow';
    await f.app({ pipes: [pipe({ target: machine })] });
    f.queues.messageOps.sendMessage({ QueueUrl: URL('orders'), MessageBody: '{"a":1}' });
    await until(() => f.workflows.calls.length === 1);
    expect(f.workflows.calls[0].options.invocationType).toBe('Event');
    expect(f.workflows.calls[0].payload).toEqual([
      expect.objectContaining({ body: '{"a":1}', eventSource: 'aws:sqs' }),
    ]);
    await f.app({
      pipes: [
        pipe({
          target: machine,
          targetParameters: { StepFunctionStateMachineParameters: { InvocationType: 'REQUEST_RESPONSE' } },
        }),
      ],
    });
    f.queues.messageOps.sendMessage({ QueueUrl: URL('orders'), MessageBody: '{"a":2}' });
    await until(() => f.workflows.calls.length === 2);
    expect(f.workflows.calls[1].options.invocationType).toBe('RequestResponse');
  });

  it('enriches through an EXPRESS state machine synchronously', async () => {
    f = await startPipes();
    f.queues.queueOps.createQueue({ QueueName: 'orders' });
    const machine = 'arn:aws:states:us-east-1:000000000000:stateMachine:lookup';
    f.workflows.respond = (call) => (call.payload as unknown[]).map(() => ({ looked: 'up' }));
    await f.app({ pipes: [pipe({ enrichment: machine })] });
    f.queues.messageOps.sendMessage({ QueueUrl: URL('orders'), MessageBody: 'x' });
    await until(() => f.functions.calls.length === 1);
    expect(f.workflows.calls[0].options.invocationType).toBe('RequestResponse');
    expect(f.functions.calls[0].payload).toEqual([{ looked: 'up' }]);
  });

  it('stops and starts with DesiredState, and reports unsupported sources as not emulated', async () => {
    f = await startPipes();
    f.queues.queueOps.createQueue({ QueueName: 'orders' });
    await f.app({
      pipes: [
        pipe({ desiredState: 'STOPPED' }),
        pipe({ name: 'stream-pipe', source: 'arn:aws:kinesis:us-east-1:000000000000:stream/s' }),
      ],
    });
    f.queues.messageOps.sendMessage({ QueueUrl: URL('orders'), MessageBody: 'wait' });
    await settle();
    expect(f.functions.calls).toHaveLength(0);
    expect(f.pipes.pipes.get('stream-pipe')).toMatchObject({
      currentState: 'STOPPED',
      stateReason: expect.stringContaining('Kinesis'),
    });
    await f.app({ pipes: [pipe({ desiredState: 'RUNNING' })] });
    await until(() => f.functions.calls.length === 1);
    expect(f.pipes.pipes.get('stream-pipe')).toBeUndefined();
    expect(await receiveBodies('orders')).toEqual([]);
  });
});
