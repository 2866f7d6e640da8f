// Every emulated pipe combination, end to end: an SQS source; no enrichment, a function, an EXPRESS
// state machine or an API destination as enrichment; a function (REQUEST_RESPONSE and FIRE_AND_FORGET),
// an EXPRESS state machine (sync and async), a STANDARD one, a standard and a FIFO queue, the default bus
// and an API destination as target. One template declares the 36 pipes; each message carries its
// combination's id, each enrichment adds its mark, and every target's deliveries are collected.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startEddy, type RunningEddy } from '../../../src/testing/index.js';
import { startRecorder, type HttpRecorder } from './http-recorder.js';

const ENRICHMENTS = ['None', 'Fn', 'Sfn', 'Api'] as const;
const TARGETS = [
  'FnSync',
  'FnAsync',
  'SfnSync',
  'SfnAsync',
  'SfnStandard',
  'Sqs',
  'SqsFifo',
  'Bus',
  'Api',
] as const;
type Enrichment = (typeof ENRICHMENTS)[number];
type Target = (typeof TARGETS)[number];

const combo = (e: Enrichment, t: Target) => `combo-${e}-${t}`.toLowerCase();
const getAtt = (id: string, attribute = 'Arn') => ({ 'Fn::GetAtt': [id, attribute] });

function enrichment(e: Enrichment): Record<string, unknown> {
  // Each enrichment gets `{"combo": ...}` per record and adds `enrichedBy`.
  const template = { InputTemplate: '{"combo": <$.body.combo>}' };
  if (e === 'Fn') return { Enrichment: getAtt('Enrich'), EnrichmentParameters: template };
  if (e === 'Sfn') return { Enrichment: { Ref: 'EnrichMachine' }, EnrichmentParameters: template };
  if (e === 'Api')
    return {
      Enrichment: getAtt('EnrichDestination'),
      EnrichmentParameters: { ...template, HttpParameters: { HeaderParameters: { 'x-step': 'enrich' } } },
    };
  return {};
}

function target(t: Target): Record<string, unknown> {
  switch (t) {
    case 'FnSync':
      return { Target: getAtt('Sink') };
    case 'FnAsync':
      return {
        Target: getAtt('Sink'),
        TargetParameters: { LambdaFunctionParameters: { InvocationType: 'FIRE_AND_FORGET' } },
      };
    case 'SfnSync':
      return {
        Target: { Ref: 'ExpressTarget' },
        TargetParameters: { StepFunctionStateMachineParameters: { InvocationType: 'REQUEST_RESPONSE' } },
      };
    case 'SfnAsync':
      return {
        Target: { Ref: 'ExpressTarget' },
        TargetParameters: { StepFunctionStateMachineParameters: { InvocationType: 'FIRE_AND_FORGET' } },
      };
    case 'SfnStandard':
      return { Target: { Ref: 'StandardTarget' } };
    case 'Sqs':
      return { Target: getAtt('Out') };
    case 'SqsFifo':
      return { Target: getAtt('OutFifo'), TargetParameters: { SqsQueueParameters: { MessageGroupId: 'g' } } };
    case 'Bus':
      return {
        Target: { 'Fn::Sub': 'arn:aws:events:${AWS::Region}:${AWS::AccountId}:event-bus/default' },
        TargetParameters: { EventBridgeEventBusParameters: { Source: 'matrix.pipe', DetailType: 'Matrix' } },
      };
    case 'Api':
      return {
        Target: getAtt('TargetDestination'),
        TargetParameters: { HttpParameters: { PathParameterValues: ['delivered'] } },
      };
  }
}

function template(recorder: string): string {
  const sinkTask = (type: string) => ({
    Type: 'AWS::Serverless::StateMachine',
    Properties: {
      Type: type,
      Definition: {
        StartAt: 'Sink',
        // A busy machine may time a cold handler out: the asynchronous runs retry, as a real app would.
        States: {
          Sink: {
            Type: 'Task',
            Resource: getAtt('Sink'),
            Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 3, IntervalSeconds: 1 }],
            End: true,
          },
        },
      },
    },
  });
  const fn = (handler: string) => ({
    Type: 'AWS::Serverless::Function',
    Properties: {
      Runtime: 'nodejs20.x',
      CodeUri: 'src/',
      Handler: `handlers.${handler}`,
      Timeout: 30,
      Environment: { Variables: { RECORDER: recorder } },
    },
  });
  const resources: Record<string, unknown> = {
    Sink: fn('sink'),
    Enrich: fn('enrich'),
    EnrichMachine: {
      Type: 'AWS::Serverless::StateMachine',
      Properties: {
        Type: 'EXPRESS',
        Definition: {
          StartAt: 'Mark',
          States: {
            Mark: { Type: 'Pass', Parameters: { 'items.$': '$', enrichedBy: 'enriched-by-sfn' }, End: true },
          },
        },
      },
    },
    ExpressTarget: sinkTask('EXPRESS'),
    StandardTarget: sinkTask('STANDARD'),
    Out: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'matrix-out' } },
    OutFifo: {
      Type: 'AWS::SQS::Queue',
      Properties: { QueueName: 'matrix-out.fifo', FifoQueue: true, ContentBasedDeduplication: true },
    },
    Connection: {
      Type: 'AWS::Events::Connection',
      Properties: {
        AuthorizationType: 'API_KEY',
        AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'matrix-key' } },
      },
    },
    TargetDestination: {
      Type: 'AWS::Events::ApiDestination',
      Properties: {
        ConnectionArn: getAtt('Connection'),
        InvocationEndpoint: `${recorder}/target/*`,
        HttpMethod: 'POST',
      },
    },
    EnrichDestination: {
      Type: 'AWS::Events::ApiDestination',
      Properties: {
        ConnectionArn: getAtt('Connection'),
        InvocationEndpoint: `${recorder}/enrich`,
        HttpMethod: 'POST',
      },
    },
    FromPipes: {
      Type: 'AWS::Events::Rule',
      Properties: {
        EventPattern: { source: ['matrix.pipe'] },
        Targets: [{ Id: 'recorder', Arn: `${recorder}/bus` }],
      },
    },
  };
  // The EXPRESS enrichment's output, exactly, through a target InputTemplate.
  resources.ExactIn = { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'exact-in' } };
  resources.ExactOut = { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'exact-out' } };
  resources.ExactPipe = {
    Type: 'AWS::Pipes::Pipe',
    Properties: {
      Name: 'exact',
      RoleArn: 'arn:aws:iam::000000000000:role/pipes',
      Source: getAtt('ExactIn'),
      ...enrichment('Sfn'),
      Target: getAtt('ExactOut'),
      TargetParameters: { InputTemplate: '{"by": <$.enrichedBy>, "items": <$.items>}' },
    },
  };
  for (const e of ENRICHMENTS) {
    for (const t of TARGETS) {
      resources[`Src${e}${t}`] = { Type: 'AWS::SQS::Queue', Properties: { QueueName: combo(e, t) } };
      resources[`Pipe${e}${t}`] = {
        Type: 'AWS::Pipes::Pipe',
        Properties: {
          Name: combo(e, t),
          RoleArn: 'arn:aws:iam::000000000000:role/pipes',
          Source: getAtt(`Src${e}${t}`),
          SourceParameters: { SqsQueueParameters: { BatchSize: 1 } },
          ...enrichment(e),
          ...target(t),
        },
      };
    }
  }
  return JSON.stringify(
    { AWSTemplateFormatVersion: '2010-09-09', Transform: 'AWS::Serverless-2016-10-31', Resources: resources },
    null,
    1,
  );
}

let dir: string;
let recorder: HttpRecorder;
let eddy: RunningEddy;
let sqs: SQSClient;
beforeAll(async () => {
  recorder = await startRecorder();
  recorder.answer = (request) => {
    if (!request.url.startsWith('/enrich')) return { status: 200 };
    const body = JSON.parse(request.body) as { combo: string };
    return { status: 200, body: JSON.stringify({ combo: body.combo, enrichedBy: 'enriched-by-api' }) };
  };
  dir = mkdtempSync(join(tmpdir(), 'eddy-matrix-'));
  mkdirSync(join(dir, 'src'));
  writeFileSync(
    join(dir, 'src/handlers.js'),
    `exports.sink = async (event) => {
  await fetch(process.env.RECORDER + '/sink', { method: 'POST', body: JSON.stringify(event) });
  return null;
};
exports.enrich = async (events) => events.map((e) => ({ ...e, enrichedBy: 'enriched-by-fn' }));
`,
  );
  writeFileSync(join(dir, 'template.json'), template(recorder.url));
  eddy = await startEddy({ template: join(dir, 'template.json') });
  sqs = new SQSClient({
    endpoint: eddy.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
}, 60_000);
afterAll(async () => {
  sqs?.destroy();
  await eddy?.stop();
  await recorder?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('every pipe combination', () => {
  test('SQS source × {no enrichment, function, EXPRESS state machine, API destination} × nine targets', async () => {
    for (const e of ENRICHMENTS) {
      for (const t of TARGETS) {
        const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: combo(e, t) }));
        await sqs.send(
          new SendMessageCommand({ QueueUrl, MessageBody: JSON.stringify({ combo: combo(e, t) }) }),
        );
      }
    }
    const seen: string[] = [];
    const drain = async (name: string) => {
      const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: name }));
      const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
      for (const m of got.Messages ?? []) seen.push(`/sqs/${name} ${m.Body}`);
    };
    const delivered = () => [...recorder.requests.map((r) => `${r.url} ${r.body}`), ...seen].join('\n');
    const missing = () =>
      ENRICHMENTS.flatMap((e) =>
        TARGETS.filter((t) => {
          const lines = delivered()
            .split('\n')
            .filter((line) => !line.startsWith('/enrich') && line.includes(combo(e, t)));
          return !lines.some((line) => e === 'None' || line.includes(`enriched-by-${e.toLowerCase()}`));
        }).map((t) => `${e}/${t}`),
      );
    await expect
      .poll(
        async () => {
          await drain('matrix-out');
          await drain('matrix-out.fifo');
          return missing();
        },
        { timeout: 90_000, interval: 500 },
      )
      .toEqual([]);
    // Each target received through its own channel, with its own parameters.
    const api = recorder.requests.filter((r) => r.url === '/target/delivered');
    expect(api).toHaveLength(ENRICHMENTS.length);
    expect(api.every((r) => r.headers['x-api-key'] === 'matrix-key')).toBe(true);
    const enrichCalls = recorder.requests.filter((r) => r.url === '/enrich');
    expect(enrichCalls).toHaveLength(TARGETS.length);
    expect(enrichCalls.every((r) => r.headers['x-step'] === 'enrich')).toBe(true);
    expect(recorder.requests.filter((r) => r.url === '/bus')).toHaveLength(ENRICHMENTS.length);
  }, 120_000);

  test("an EXPRESS state machine enrichment runs request/response: its output is the target's input", async () => {
    const url = async (name: string) =>
      (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl;
    await sqs.send(
      new SendMessageCommand({ QueueUrl: await url('exact-in'), MessageBody: '{"combo":"exact-1"}' }),
    );
    const got = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: await url('exact-out'), WaitTimeSeconds: 15 }),
    );
    expect(JSON.parse(got.Messages![0].Body!)).toEqual({
      by: 'enriched-by-sfn',
      items: [{ combo: 'exact-1' }],
    });
    const machine = eddy.app.stateMachines.find((m) => m.logicalId === 'EnrichMachine')!;
    const pipe = await eddy.waitFor(
      (r) => r.kind === 'pipe' && r.payload.pipe === 'exact' && r.payload.stage === 'delivered',
    );
    // The enrichment's execution ran on the pipe's trace.
    const execution = eddy.records.find(
      (r) =>
        r.kind === 'execution' && r.traceId === pipe.traceId && String(r.resource).includes(machine.name),
    );
    expect(execution).toBeDefined();
  }, 60_000);
});
