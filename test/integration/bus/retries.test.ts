// Retries and dead-letter queues, driven by a ManualClock: a failing target is retried with backoff
// until its RetryPolicy is exhausted, then the event lands in the DLQ with AWS's message attributes;
// a target that does not exist goes to the DLQ without retries.
import {
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  type Target,
} from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ManualClock } from '../../../src/shared/clock.js';
import { captureServer, clientConfig, startBus, type BusHarness, type CaptureServer } from './harness.js';

let bus: BusHarness;
let capture: CaptureServer;
let sqs: SQSClient;
let clock: ManualClock;
beforeEach(async () => {
  clock = new ManualClock(Date.UTC(2026, 0, 1));
  bus = await startBus({ clock });
  capture = await captureServer();
  sqs = new SQSClient(clientConfig(bus.eddy.endpoint));
});
afterEach(async () => {
  sqs.destroy();
  await bus.stop();
  await capture.close();
});

async function dlq(name: string): Promise<{ url: string; arn: string }> {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  return { url: QueueUrl!, arn: attrs.Attributes!.QueueArn! };
}

async function receive(url: string) {
  const out = await sqs.send(
    new ReceiveMessageCommand({ QueueUrl: url, MessageAttributeNames: ['All'], MaxNumberOfMessages: 10 }),
  );
  return out.Messages ?? [];
}

const attr = (m: { MessageAttributes?: Record<string, { StringValue?: string }> }, k: string) =>
  m.MessageAttributes?.[k]?.StringValue;

async function rule(name: string, targets: Target[]) {
  await bus.events.send(new PutRuleCommand({ Name: name, EventPattern: JSON.stringify({ source: [name] }) }));
  await bus.events.send(new PutTargetsCommand({ Rule: name, Targets: targets }));
}

async function put(source: string): Promise<string> {
  const out = await bus.events.send(
    new PutEventsCommand({ Entries: [{ Source: source, DetailType: 'T', Detail: '{"n":1}' }] }),
  );
  return out.Entries![0].EventId!;
}

describe('retries and dead-letter queues', () => {
  test('a failing target is retried with backoff, then dead-lettered with AWS attributes', async () => {
    const queue = await dlq('failing-dlq');
    let calls = 0;
    capture.status = () => (++calls, 500);
    await rule('failing', [
      {
        Id: 'web',
        Arn: capture.url,
        RetryPolicy: { MaximumRetryAttempts: 2 },
        DeadLetterConfig: { Arn: queue.arn },
      },
    ]);
    const id = await put('failing');
    // Each failed attempt is recorded with the backoff chosen (0.5–1 s, then 1–2 s): nothing happens
    // before it elapses on the clock, the next attempt happens when it does.
    for (const attempt of [1, 2]) {
      const failed = await bus.eddy.waitFor(
        (r) =>
          r.kind === 'delivery' &&
          r.traceId === id &&
          r.payload.attempt === attempt &&
          r.payload.retryInMs !== undefined,
      );
      const wait = failed.payload.retryInMs as number;
      expect(wait).toBeGreaterThanOrEqual(500 * attempt);
      expect(wait).toBeLessThanOrEqual(1000 * attempt);
      clock.advance(wait - 1);
      await new Promise((r) => setTimeout(r, 50));
      expect(calls).toBe(attempt);
      clock.advance(1);
      await expect.poll(() => calls).toBe(attempt + 1);
    }
    await bus.eddy.waitFor(
      (r) => r.kind === 'delivery' && r.traceId === id && r.payload.final === 'dead-lettered',
    );
    const [message] = await receive(queue.url);
    expect(JSON.parse(message.Body!)).toMatchObject({ id, source: 'failing', detail: { n: 1 } });
    expect(attr(message, 'RULE_ARN')).toBe('arn:aws:events:us-east-1:000000000000:rule/failing');
    expect(attr(message, 'TARGET_ARN')).toBe(capture.url);
    expect(attr(message, 'EXHAUSTED_RETRY_CONDITION')).toBe('MaximumRetryAttempts');
    expect(attr(message, 'RETRY_ATTEMPTS')).toBe('2');
    expect(attr(message, 'ERROR_MESSAGE')).toContain('HTTP 500');
    expect(calls).toBe(3);
  });

  test('MaximumEventAgeInSeconds ends retries', async () => {
    const queue = await dlq('aged-dlq');
    let calls = 0;
    capture.status = () => (++calls, 503);
    await rule('aged', [
      {
        Id: 'web',
        Arn: capture.url,
        RetryPolicy: { MaximumEventAgeInSeconds: 60 },
        DeadLetterConfig: { Arn: queue.arn },
      },
    ]);
    const id = await put('aged');
    const final = () => bus.eddy.records.some((r) => r.traceId === id && r.payload.final);
    for (let i = 0; i < 30 && !final(); i++) {
      await new Promise((r) => setTimeout(r, 30));
      clock.advance(10_000);
    }
    await expect.poll(final).toBe(true);
    const [message] = await receive(queue.url);
    expect(attr(message, 'EXHAUSTED_RETRY_CONDITION')).toBe('MaximumEventAgeInSeconds');
    expect(calls).toBeGreaterThan(3);
  });

  test('a target that does not exist goes to the DLQ without retries', async () => {
    const queue = await dlq('missing-dlq');
    await rule('missing', [
      {
        Id: 'gone',
        Arn: 'arn:aws:sqs:us-east-1:000000000000:no-such-queue',
        DeadLetterConfig: { Arn: queue.arn },
      },
    ]);
    const id = await put('missing');
    await bus.eddy.waitFor(
      (r) => r.kind === 'delivery' && r.traceId === id && r.payload.final === 'dead-lettered',
    );
    const [message] = await receive(queue.url);
    expect(attr(message, 'ERROR_CODE')).toBe('RESOURCE_NOT_FOUND');
    expect(attr(message, 'RETRY_ATTEMPTS')).toBe('0');
    expect(bus.eddy.records.filter((r) => r.kind === 'delivery' && r.traceId === id)).toHaveLength(1);
  });

  test('a queue target receives the event; a FIFO queue gets the MessageGroupId', async () => {
    const { QueueUrl } = await sqs.send(
      new CreateQueueCommand({
        QueueName: 'orders.fifo',
        Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true' },
      }),
    );
    const arn = 'arn:aws:sqs:us-east-1:000000000000:orders.fifo';
    await rule('fifo', [{ Id: 'q', Arn: arn, SqsParameters: { MessageGroupId: 'g1' } }]);
    const id = await put('fifo');
    await bus.eddy.waitFor(
      (r) => r.kind === 'delivery' && r.traceId === id && r.payload.outcome === 'succeeded',
    );
    const out = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MessageSystemAttributeNames: ['MessageGroupId'] }),
    );
    expect(JSON.parse(out.Messages![0].Body!).id).toBe(id);
    expect(out.Messages![0].Attributes?.MessageGroupId).toBe('g1');
  });
});
