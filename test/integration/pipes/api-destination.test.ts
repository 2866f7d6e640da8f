// Pipes whose target or enrichment is an API destination, created with @aws-sdk/client-pipes: one
// request per record with Pipes' HttpParameters (dynamic values read from the record), the
// connection's parameters winning over the pipe's, and a failed call returning the message to the
// queue so it is tried again after its visibility timeout.
import {
  CreateApiDestinationCommand,
  CreateConnectionCommand,
  EventBridgeClient,
} from '@aws-sdk/client-eventbridge';
import { CreatePipeCommand, PipesClient } from '@aws-sdk/client-pipes';
import {
  CreateQueueCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startEddy, type RunningEddy } from '../../../src/testing/index.js';
import { startRecorder, type HttpRecorder } from './http-recorder.js';

const ROLE = 'arn:aws:iam::000000000000:role/pipes';
const queueArn = (name: string) => `arn:aws:sqs:us-east-1:000000000000:${name}`;

let eddy: RunningEddy;
let recorder: HttpRecorder;
let events: EventBridgeClient;
let pipes: PipesClient;
let sqs: SQSClient;
let connectionArn: string;
beforeAll(async () => {
  eddy = await startEddy();
  recorder = await startRecorder();
  const config = {
    endpoint: eddy.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  };
  events = new EventBridgeClient(config);
  pipes = new PipesClient(config);
  sqs = new SQSClient(config);
  connectionArn = (
    await events.send(
      new CreateConnectionCommand({
        Name: 'pipes-conn',
        AuthorizationType: 'API_KEY',
        AuthParameters: {
          ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'pipe-secret' },
          InvocationHttpParameters: { HeaderParameters: [{ Key: 'x-tenant', Value: 'from-connection' }] },
        },
      }),
    )
  ).ConnectionArn!;
});
afterAll(async () => {
  for (const client of [events, pipes, sqs]) client?.destroy();
  await eddy?.stop();
  await recorder?.close();
});

async function destination(name: string, endpoint: string, method: 'POST' | 'PUT' = 'POST'): Promise<string> {
  const out = await events.send(
    new CreateApiDestinationCommand({
      Name: name,
      ConnectionArn: connectionArn,
      InvocationEndpoint: endpoint,
      HttpMethod: method,
    }),
  );
  return out.ApiDestinationArn!;
}

async function queue(name: string, attributes: Record<string, string> = {}): Promise<string> {
  return (await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }))).QueueUrl!;
}

describe('pipes and API destinations', () => {
  test('a target: one request per record, dynamic path, query and header values, the template as body', async () => {
    const source = await queue('ad-target-in');
    await pipes.send(
      new CreatePipeCommand({
        Name: 'to-api',
        RoleArn: ROLE,
        Source: queueArn('ad-target-in'),
        SourceParameters: { SqsQueueParameters: { BatchSize: 10, MaximumBatchingWindowInSeconds: 1 } },
        Target: await destination('orders-api', `${recorder.url}/orders/*`, 'PUT'),
        TargetParameters: {
          InputTemplate: '{"order": <$.body.id>, "pipe": <aws.pipes.pipe-name>}',
          HttpParameters: {
            PathParameterValues: ['$.body.id'],
            QueryStringParameters: { kind: '$.body.kind' },
            HeaderParameters: { 'x-tenant': 'from-pipe', 'x-kind': '$.body.kind' },
          },
        },
      }),
    );
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: source,
        Entries: [
          { Id: 'a', MessageBody: '{"id":"o-1","kind":"new"}' },
          { Id: 'b', MessageBody: '{"id":"o-2","kind":"paid"}' },
        ],
      }),
    );
    await expect
      .poll(() => recorder.requests.filter((r) => r.url.startsWith('/orders/')).length, { timeout: 15_000 })
      .toBe(2);
    const calls = recorder.requests
      .filter((r) => r.url.startsWith('/orders/'))
      .sort((x, y) => x.url.localeCompare(y.url));
    expect(calls.map((r) => [r.method, r.url])).toEqual([
      ['PUT', '/orders/o-1?kind=new'],
      ['PUT', '/orders/o-2?kind=paid'],
    ]);
    expect(calls.map((r) => JSON.parse(r.body))).toEqual([
      { order: 'o-1', pipe: 'to-api' },
      { order: 'o-2', pipe: 'to-api' },
    ]);
    // The connection's header wins over the pipe's (API_PipeTargetHttpParameters).
    expect(calls[0].headers).toMatchObject({
      'x-api-key': 'pipe-secret',
      'x-tenant': 'from-connection',
      'x-kind': 'new',
    });
    expect(JSON.stringify(eddy.records)).not.toContain('pipe-secret');
  }, 30_000);

  test('an enrichment: its JSON answer is the event the target gets; an empty answer drops the event', async () => {
    const source = await queue('ad-enrich-in');
    const out = await queue('ad-enrich-out');
    recorder.answer = (request) => {
      if (!request.url.startsWith('/price')) return { status: 200 };
      const { sku } = JSON.parse(request.body) as { sku: string };
      return { status: 200, body: sku === 'none' ? '{}' : JSON.stringify({ sku, price: 42 }) };
    };
    await pipes.send(
      new CreatePipeCommand({
        Name: 'priced-by-api',
        RoleArn: ROLE,
        Source: queueArn('ad-enrich-in'),
        Enrichment: await destination('price-api', `${recorder.url}/price`),
        EnrichmentParameters: { InputTemplate: '{"sku": <$.body.sku>}' },
        Target: queueArn('ad-enrich-out'),
      }),
    );
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: source,
        Entries: [{ Id: 'n', MessageBody: '{"sku":"none"}' }],
      }),
    );
    await sqs.send(
      new SendMessageBatchCommand({ QueueUrl: source, Entries: [{ Id: 'a', MessageBody: '{"sku":"A-1"}' }] }),
    );
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: out, WaitTimeSeconds: 15 }));
    expect(got.Messages?.map((m) => JSON.parse(m.Body!))).toEqual([{ sku: 'A-1', price: 42 }]);
    expect(recorder.requests.filter((r) => r.url === '/price')).toHaveLength(2);
  }, 30_000);

  test('a failing call returns the message to the queue; it is delivered on a later receive', async () => {
    const source = await queue('ad-flaky-in', { VisibilityTimeout: '1' });
    let failures = 1;
    recorder.answer = (request) =>
      request.url.startsWith('/flaky') && failures-- > 0 ? { status: 503 } : { status: 200 };
    await pipes.send(
      new CreatePipeCommand({
        Name: 'flaky-api',
        RoleArn: ROLE,
        Source: queueArn('ad-flaky-in'),
        Target: await destination('flaky-api', `${recorder.url}/flaky`),
      }),
    );
    await sqs.send(
      new SendMessageBatchCommand({ QueueUrl: source, Entries: [{ Id: 'a', MessageBody: 'retry me' }] }),
    );
    await expect
      .poll(() => recorder.requests.filter((r) => r.url === '/flaky').length, { timeout: 15_000 })
      .toBe(2);
    const stages = () =>
      eddy.records
        .filter((r) => r.kind === 'pipe' && r.payload.pipe === 'flaky-api')
        .map((r) => r.payload.stage);
    await expect.poll(stages).toContain('delivered');
    expect(stages()).toContain('failed');
  }, 30_000);
});
