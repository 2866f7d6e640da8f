// Trace ids across handlers: a handler invoked for an event gets `_X_AMZN_TRACE_ID` in Lambda's format,
// the AWS SDK forwards it, and the event, message and execution it creates stay on the first event's trace.
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startEddy, type RunningEddy } from '../../../src/testing/index.js';

let dir: string;
let eddy: RunningEddy;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eddy-trace-'));
  mkdirSync(join(dir, 'src'));
  // The handler (CommonJS, bundled by esbuild) requires the AWS SDK from the project's node_modules.
  symlinkSync(resolve('node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(
    join(dir, 'src/relay.js'),
    `const { EventBridgeClient, PutEventsCommand } = require('@aws-sdk/client-eventbridge');
const { SQSClient, SendMessageCommand, GetQueueUrlCommand } = require('@aws-sdk/client-sqs');
const { SFNClient, StartExecutionCommand } = require('@aws-sdk/client-sfn');
exports.handler = async (event) => {
  console.log('trace', process.env._X_AMZN_TRACE_ID);
  await new EventBridgeClient({}).send(new PutEventsCommand({
    Entries: [{ Source: 'second', DetailType: 'Relayed', Detail: JSON.stringify({ from: event.id }) }],
  }));
  const sqs = new SQSClient({});
  const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'relayed' }));
  await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'relayed' }));
  await new SFNClient({}).send(new StartExecutionCommand({
    stateMachineArn: process.env.MACHINE_ARN, input: '{}',
  }));
  return { ok: true };
};
`,
  );
  writeFileSync(
    join(dir, 'template.yaml'),
    `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Relayed:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: relayed
  Machine:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition:
        StartAt: Done
        States:
          Done: { Type: Pass, End: true }
  Relay:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      CodeUri: src/
      Handler: relay.handler
      Timeout: 20
      Environment:
        Variables:
          MACHINE_ARN: !Ref Machine
      Events:
        First:
          Type: EventBridgeRule
          Properties:
            Pattern: { source: [first] }
  Second:
    Type: AWS::Events::Rule
    Properties:
      EventPattern: { source: [second] }
      Targets:
        - Id: audit
          Arn: !GetAtt Relayed.Arn
`,
  );
  eddy = await startEddy({ template: join(dir, 'template.yaml') });
}, 60_000);
afterAll(async () => {
  await eddy?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('trace ids across handlers', () => {
  test('what a handler creates with the SDK stays on the trace of the event that invoked it', async () => {
    const put = await eddy.putEvents([{ Source: 'first', DetailType: 'Start', Detail: { n: 1 } }]);
    const traceId = put.Entries![0].EventId!;
    const second = await eddy.waitFor(
      (r) => r.kind === 'event' && (r.payload.event as { source?: string }).source === 'second',
      30_000,
    );
    expect(second.traceId).toBe(traceId);
    await eddy.waitFor(
      (r) => r.kind === 'delivery' && r.payload.target === 'audit' && r.payload.outcome === 'succeeded',
      10_000,
    );
    // The execution the handler started is on the trace too.
    await eddy.waitFor((r) => r.kind === 'execution' && r.traceId === traceId, 10_000);
    const onTrace = eddy.records.filter((r) => r.traceId === traceId).map((r) => r.kind);
    expect(onTrace).toEqual(
      expect.arrayContaining(['event', 'match', 'delivery', 'log', 'message', 'execution']),
    );
    // The handler saw Lambda's format, with the trace id as its Root.
    const log = eddy.records.find((r) => r.kind === 'log' && String(r.payload.message).includes('\ttrace '));
    const header = String(log?.payload.message).split('\ttrace ')[1];
    const hex = traceId.replace(/-/g, '');
    expect(header).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=1$/);
    expect(header.startsWith(`Root=1-${hex.slice(0, 8)}-${hex.slice(8)};`)).toBe(true);
  }, 60_000);
});
