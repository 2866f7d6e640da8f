// A state machine as a rule target: EventBridge calls StartExecution and is done, so an EXPRESS
// execution that fails (or is still running) neither delays the delivery nor triggers retries or the
// DLQ (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html: only failed
// deliveries are retried).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { clientConfig, startBus, type BusHarness } from './harness.js';

let dir: string;
let bus: BusHarness;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eddy-bus-sfn-'));
  writeFileSync(
    join(dir, 'template.yaml'),
    `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Dlq:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: sfn-dlq
  Slow:
    Type: AWS::Serverless::StateMachine
    Properties:
      Type: EXPRESS
      Definition:
        StartAt: Pause
        States:
          Pause: { Type: Wait, Seconds: 2, Next: Boom }
          Boom: { Type: Fail, Error: Broken, Cause: on purpose }
      Events:
        Rule:
          Type: EventBridgeRule
          Properties:
            Pattern: { source: [slow] }
            RetryPolicy: { MaximumRetryAttempts: 2 }
            DeadLetterConfig: { Arn: !GetAtt Dlq.Arn }
`,
  );
  bus = await startBus({ template: join(dir, 'template.yaml') });
}, 60_000);
afterAll(async () => {
  await bus?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('an EXPRESS target is started, not awaited: its failure is not a failed delivery', async () => {
  const out = await bus.events.send(
    new PutEventsCommand({ Entries: [{ Source: 'slow', DetailType: 'T', Detail: '{}' }] }),
  );
  const id = out.Entries![0].EventId!;
  const delivered = await bus.eddy.waitFor((r) => r.kind === 'delivery' && r.traceId === id, 10_000);
  expect(delivered.payload.outcome).toBe('succeeded');
  // The execution was still running when the delivery succeeded, and it fails afterwards.
  const ended = bus.eddy.records.filter((r) => r.kind === 'execution' && r.traceId === id);
  expect(ended.some((r) => JSON.stringify(r.payload).includes('ExecutionFailed'))).toBe(false);
  await bus.eddy.waitFor(
    (r) =>
      r.kind === 'execution' && r.traceId === id && JSON.stringify(r.payload).includes('ExecutionFailed'),
    10_000,
  );
  const deliveries = bus.eddy.records.filter((r) => r.kind === 'delivery' && r.traceId === id);
  expect(deliveries).toHaveLength(1);
  const sqs = new SQSClient(clientConfig(bus.eddy.endpoint));
  const dlq = await sqs.send(
    new ReceiveMessageCommand({ QueueUrl: `${bus.eddy.endpoint}/000000000000/sfn-dlq`, WaitTimeSeconds: 0 }),
  );
  expect(dlq.Messages ?? []).toHaveLength(0);
  sqs.destroy();
}, 30_000);
