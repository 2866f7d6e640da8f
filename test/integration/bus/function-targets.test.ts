// Rule targets that are local functions: a handler receives the event (and its trace id links the
// invocation to the event); a failing handler is retried per RetryPolicy, then dead-lettered.
// Needs the functions service; skipped while it is not registered.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createServices } from '../../../src/services/registry.js';
import { clientConfig, startBus, type BusHarness } from './harness.js';

const hasFunctions = createServices().some((s) => s.arnService === 'lambda');

let dir: string;
let bus: BusHarness;
beforeAll(async () => {
  if (!hasFunctions) return;
  dir = mkdtempSync(join(tmpdir(), 'eddy-bus-fn-'));
  mkdirSync(join(dir, 'src'));
  writeFileSync(
    join(dir, 'src/app.mjs'),
    `export const ok = async (event) => { console.log('got', event.detail.n); return { n: event.detail.n }; };
export const fail = async (event) => { throw new Error('boom ' + event.detail.n); };
`,
  );
  writeFileSync(
    join(dir, 'template.yaml'),
    `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Dlq:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: fn-dlq
  Ok:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      CodeUri: src/
      Handler: app.ok
      Events:
        Rule:
          Type: EventBridgeRule
          Properties:
            Pattern: { source: [ok] }
  Fail:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      CodeUri: src/
      Handler: app.fail
      Events:
        Rule:
          Type: EventBridgeRule
          Properties:
            Pattern: { source: [fail] }
            RetryPolicy: { MaximumRetryAttempts: 1 }
            DeadLetterConfig: { Arn: !GetAtt Dlq.Arn }
`,
  );
  bus = await startBus({ template: join(dir, 'template.yaml') });
}, 60_000);
afterAll(async () => {
  await bus?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const put = (source: string) =>
  bus.events.send(
    new PutEventsCommand({ Entries: [{ Source: source, DetailType: 'T', Detail: '{"n":7}' }] }),
  );

test.skipIf(!hasFunctions)(
  'a function target runs with the event; the invocation shares its trace id',
  async () => {
    const id = (await put('ok')).Entries![0].EventId!;
    const invocation = await bus.eddy.waitFor((r) => r.kind === 'invocation' && r.traceId === id, 30_000);
    expect(invocation.payload.status).toBe('succeeded');
    await bus.eddy.waitFor(
      (r) => r.kind === 'delivery' && r.traceId === id && r.payload.outcome === 'succeeded',
    );
  },
);

test.skipIf(!hasFunctions)(
  'a failing handler is retried, then dead-lettered',
  async () => {
    const id = (await put('fail')).Entries![0].EventId!;
    await bus.eddy.waitFor(
      (r) => r.kind === 'delivery' && r.traceId === id && r.payload.final === 'dead-lettered',
      30_000,
    );
    const attempts = bus.eddy.records.filter((r) => r.kind === 'invocation' && r.traceId === id);
    expect(attempts).toHaveLength(2);
    const sqs = new SQSClient(clientConfig(bus.eddy.endpoint));
    const url = `${bus.eddy.endpoint}/000000000000/fn-dlq`;
    const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MessageAttributeNames: ['All'] }));
    expect(out.Messages?.[0].MessageAttributes?.ERROR_MESSAGE?.StringValue).toBe('boom 7');
    expect(out.Messages?.[0].MessageAttributes?.RETRY_ATTEMPTS?.StringValue).toBe('1');
    sqs.destroy();
  },
  60_000,
);
