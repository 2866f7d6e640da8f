import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
} from '@aws-sdk/client-sqs';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startWithFunctions, type FunctionsHarness } from './with-functions.js';

const Q = (name: string) => `arn:aws:sqs:us-east-1:000000000000:${name}`;

let h: FunctionsHarness;
afterEach(async () => h?.stop());

async function counts(url: string) {
  const { Attributes } = await h.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }),
  );
  return Attributes!;
}

describe('event source mappings and pipes with real handlers', () => {
  it('an ESM with a filter and ReportBatchItemFailures: failed messages retry, then go to the DLQ', async () => {
    h = await startWithFunctions();
    const dlq = (await h.sqs.send(new CreateQueueCommand({ QueueName: 'work-dlq' }))).QueueUrl!;
    const url = (
      await h.sqs.send(
        new CreateQueueCommand({
          QueueName: 'work',
          Attributes: {
            VisibilityTimeout: '1',
            RedrivePolicy: JSON.stringify({ deadLetterTargetArn: Q('work-dlq'), maxReceiveCount: 2 }),
          },
        }),
      )
    ).QueueUrl!;
    const worker = h.fn(
      'worker',
      `export const handler = async (event) => ({
        batchItemFailures: event.Records
          .filter((r) => JSON.parse(r.body).ok === false)
          .map((r) => ({ itemIdentifier: r.messageId })),
      });\n`,
    );
    await h.apply({
      functions: [worker],
      eventSourceMappings: [
        {
          kind: 'eventSourceMapping',
          logicalId: 'WorkerWork',
          name: 'esm-1',
          arn: 'arn:aws:lambda:us-east-1:000000000000:event-source-mapping:esm-1',
          uuid: 'esm-1',
          eventSourceArn: Q('work'),
          functionArn: worker.arn,
          batchSize: 10,
          maximumBatchingWindowInSeconds: 0,
          enabled: true,
          filters: [JSON.stringify({ body: { kind: ['job'] } })],
          functionResponseTypes: ['ReportBatchItemFailures'],
        },
      ],
    });
    await h.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: 'a', MessageBody: '{"kind":"job","ok":true}' },
          { Id: 'b', MessageBody: '{"kind":"job","ok":false}' },
          { Id: 'c', MessageBody: '{"kind":"other"}' },
        ],
      }),
    );
    const dead = await h.sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq, WaitTimeSeconds: 15 }));
    expect(dead.Messages!.map((m) => m.Body)).toEqual(['{"kind":"job","ok":false}']);
    await expect
      .poll(async () => (await counts(url)).ApproximateNumberOfMessages, { timeout: 5_000 })
      .toBe('0');
    expect((await counts(url)).ApproximateNumberOfMessagesNotVisible).toBe('0');
    const outcomes = h.records.filter((r) => r.kind === 'delivery').map((r) => r.payload.outcome);
    expect(outcomes).toEqual(expect.arrayContaining(['filtered', 'partially-failed']));
  }, 30_000);

  it('a pipe calls a real enrichment and target handler', async () => {
    h = await startWithFunctions();
    const url = (await h.sqs.send(new CreateQueueCommand({ QueueName: 'in' }))).QueueUrl!;
    const enrich = h.fn(
      'enrich',
      `export const handler = async (events) => events.map((e) => ({ ...e, price: 42 }));\n`,
    );
    const seen = join(h.dir, 'seen.json');
    const target = h.fn(
      'target',
      `import { writeFileSync } from 'node:fs';
      export const handler = async (events) => { writeFileSync(${JSON.stringify(seen)}, JSON.stringify(events)); return null; };\n`,
    );
    await h.apply({
      functions: [enrich, target],
      pipes: [
        {
          kind: 'pipe',
          logicalId: 'P',
          name: 'priced',
          arn: 'arn:aws:pipes:us-east-1:000000000000:pipe/priced',
          source: Q('in'),
          enrichment: enrich.arn,
          target: target.arn,
          desiredState: 'RUNNING',
          sourceParameters: {},
          enrichmentParameters: { InputTemplate: '{"sku": <$.body.sku>}' },
          targetParameters: {},
          roleArn: 'r',
        },
      ],
    });
    await h.sqs.send(
      new SendMessageBatchCommand({ QueueUrl: url, Entries: [{ Id: 'a', MessageBody: '{"sku":"A-1"}' }] }),
    );
    await expect
      .poll(() => (existsSync(seen) ? JSON.parse(readFileSync(seen, 'utf8')) : undefined), {
        timeout: 15_000,
      })
      .toEqual([{ sku: 'A-1', price: 42 }]);
    // The handler writes `seen` before it returns; the pipe records the delivery after it returns.
    const stages = () => h.records.filter((r) => r.kind === 'pipe').map((r) => r.payload.stage);
    await expect.poll(stages, { timeout: 15_000 }).toEqual(['batch', 'enriched', 'delivered']);
  }, 30_000);
});
