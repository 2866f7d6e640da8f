// API destinations through @aws-sdk/client-eventbridge, and rules whose targets are API destinations:
// the request a local HTTP server receives (method, path parameters, query, headers, the connection's
// authorization), OAuth tokens fetched once and cached, retries on 5xx and a DLQ for a 4xx.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateApiDestinationCommand,
  CreateConnectionCommand,
  DeleteApiDestinationCommand,
  DescribeApiDestinationCommand,
  ListApiDestinationsCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  UpdateApiDestinationCommand,
  type CreateConnectionCommandInput,
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
import { startRecorder, type HttpRecorder } from '../pipes/http-recorder.js';
import { clientConfig, startBus, type BusHarness } from './harness.js';

let bus: BusHarness;
let server: HttpRecorder;
let clock: ManualClock;
beforeEach(async () => {
  clock = new ManualClock(Date.now());
  bus = await startBus({ clock });
  server = await startRecorder();
});
afterEach(async () => {
  await bus.stop();
  await server.close();
});

async function connection(input: Omit<CreateConnectionCommandInput, 'Name'>, name = 'conn'): Promise<string> {
  return (await bus.events.send(new CreateConnectionCommand({ Name: name, ...input }))).ConnectionArn!;
}

const apiKey = {
  AuthorizationType: 'API_KEY',
  AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'k-123' } },
} as const;

async function destination(
  connectionArn: string,
  endpoint: string,
  method = 'POST',
  name = 'dest',
): Promise<string> {
  const out = await bus.events.send(
    new CreateApiDestinationCommand({
      Name: name,
      ConnectionArn: connectionArn,
      InvocationEndpoint: endpoint,
      HttpMethod: method as 'POST',
    }),
  );
  return out.ApiDestinationArn!;
}

async function rule(name: string, target: Target): Promise<void> {
  await bus.events.send(new PutRuleCommand({ Name: name, EventPattern: JSON.stringify({ source: [name] }) }));
  await bus.events.send(new PutTargetsCommand({ Rule: name, Targets: [target] }));
}

async function put(source: string, detail: object): Promise<string> {
  const out = await bus.events.send(
    new PutEventsCommand({ Entries: [{ Source: source, DetailType: 'T', Detail: JSON.stringify(detail) }] }),
  );
  return out.Entries![0].EventId!;
}

describe('API destinations', () => {
  test('create, describe, list by connection, update and delete', async () => {
    const conn = await connection(apiKey);
    const created = await bus.events.send(
      new CreateApiDestinationCommand({
        Name: 'orders',
        ConnectionArn: conn,
        InvocationEndpoint: `${server.url}/orders/*`,
        HttpMethod: 'PUT',
        InvocationRateLimitPerSecond: 20,
      }),
    );
    expect(created.ApiDestinationArn).toMatch(
      /^arn:aws:events:us-east-1:000000000000:api-destination\/orders\/[-0-9a-f]{36}$/,
    );
    expect(created.ApiDestinationState).toBe('ACTIVE');
    expect(await bus.events.send(new DescribeApiDestinationCommand({ Name: 'orders' }))).toMatchObject({
      ApiDestinationArn: created.ApiDestinationArn,
      ConnectionArn: conn,
      InvocationEndpoint: `${server.url}/orders/*`,
      HttpMethod: 'PUT',
      InvocationRateLimitPerSecond: 20,
      ApiDestinationState: 'ACTIVE',
    });
    const listed = await bus.events.send(new ListApiDestinationsCommand({ ConnectionArn: conn }));
    expect(listed.ApiDestinations?.map((d) => d.Name)).toEqual(['orders']);
    await bus.events.send(new UpdateApiDestinationCommand({ Name: 'orders', HttpMethod: 'POST' }));
    expect((await bus.events.send(new DescribeApiDestinationCommand({ Name: 'orders' }))).HttpMethod).toBe(
      'POST',
    );
    await expect(
      bus.events.send(
        new CreateApiDestinationCommand({
          Name: 'orders',
          ConnectionArn: conn,
          InvocationEndpoint: server.url,
          HttpMethod: 'POST',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceAlreadyExistsException' });
    await bus.events.send(new DeleteApiDestinationCommand({ Name: 'orders' }));
    await expect(
      bus.events.send(new DescribeApiDestinationCommand({ Name: 'orders' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: "Failed to describe the api-destination(s). An api-destination 'orders' does not exist.",
    });
  });

  test('a rule target: path parameters (one dynamic), query, headers and the API key reach the endpoint', async () => {
    const conn = await connection({
      ...apiKey,
      AuthParameters: {
        ...apiKey.AuthParameters,
        InvocationHttpParameters: {
          QueryStringParameters: [{ Key: 'tenant', Value: 'shop' }],
          HeaderParameters: [{ Key: 'x-from-connection', Value: 'yes' }],
        },
      },
    });
    const dest = await destination(conn, `${server.url}/orders/*/lines/*`, 'PUT');
    await rule('ad-basic', {
      Id: 'api',
      Arn: dest,
      RoleArn: 'arn:aws:iam::000000000000:role/events',
      InputPath: '$.detail',
      HttpParameters: {
        PathParameterValues: ['$.detail.orderId', 'first line'],
        QueryStringParameters: { source: '$.source', fixed: 'v' },
        HeaderParameters: { 'x-order': '$.detail.orderId' },
      },
    });
    await put('ad-basic', { orderId: 'o-42', total: 9 });
    await expect.poll(() => server.requests.length).toBe(1);
    const [request] = server.requests;
    expect(request.method).toBe('PUT');
    const url = new URL(request.url, server.url);
    expect(url.pathname).toBe('/orders/o-42/lines/first%20line');
    expect(Object.fromEntries(url.searchParams)).toEqual({ source: 'ad-basic', fixed: 'v', tenant: 'shop' });
    expect(request.headers).toMatchObject({
      'x-api-key': 'k-123',
      'x-order': 'o-42',
      'x-from-connection': 'yes',
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'Amazon/EventBridge/ApiDestinations',
    });
    expect(JSON.parse(request.body)).toEqual({ orderId: 'o-42', total: 9 });
    // Credentials never reach a trace record.
    expect(JSON.stringify(bus.eddy.records)).not.toContain('k-123');
  });

  test('basic auth, and GET sends no body', async () => {
    const conn = await connection({
      AuthorizationType: 'BASIC',
      AuthParameters: { BasicAuthParameters: { Username: 'ann', Password: 'pw' } },
    });
    await rule('ad-get', { Id: 'api', Arn: await destination(conn, `${server.url}/ping`, 'GET') });
    await put('ad-get', { n: 1 });
    await expect.poll(() => server.requests.length).toBe(1);
    expect(server.requests[0]).toMatchObject({ method: 'GET', url: '/ping', body: '' });
    expect(server.requests[0].headers.authorization).toBe(
      `Basic ${Buffer.from('ann:pw').toString('base64')}`,
    );
  });

  test('OAuth client credentials: one token for several calls, a new one after a 401', async () => {
    const conn = await connection({
      AuthorizationType: 'OAUTH_CLIENT_CREDENTIALS',
      AuthParameters: {
        OAuthParameters: {
          AuthorizationEndpoint: `${server.url}/oauth/token`,
          HttpMethod: 'POST',
          ClientParameters: { ClientID: 'id', ClientSecret: 'secret' },
        },
      },
    });
    let refuse = false;
    server.answer = () => (refuse ? ((refuse = false), { status: 401 }) : { status: 200 });
    await rule('ad-oauth', { Id: 'api', Arn: await destination(conn, `${server.url}/hook`) });
    await put('ad-oauth', { n: 1 });
    await put('ad-oauth', { n: 2 });
    await expect.poll(() => server.requests.length).toBe(2);
    expect(server.tokenRequests).toHaveLength(1);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-1']);
    // A 401 drops the token; the retry (on the clock) fetches a new one.
    refuse = true;
    const id = await put('ad-oauth', { n: 3 });
    const failed = await bus.eddy.waitFor(
      (r) => r.kind === 'delivery' && r.traceId === id && r.payload.retryInMs !== undefined,
    );
    clock.advance(failed.payload.retryInMs as number);
    await expect.poll(() => server.requests.length).toBe(4);
    expect(server.requests[3].headers.authorization).toBe('Bearer token-2');
    expect(JSON.stringify(bus.eddy.records)).not.toContain('secret');
  });

  test('an OAuth token is fetched again when it is within 60 s of its expiry', async () => {
    let tokens = 0;
    server.tokenAnswer = () => ({
      status: 200,
      body: JSON.stringify({ access_token: `short-${++tokens}`, expires_in: 120 }),
    });
    const conn = await connection({
      AuthorizationType: 'OAUTH_CLIENT_CREDENTIALS',
      AuthParameters: {
        OAuthParameters: {
          AuthorizationEndpoint: `${server.url}/oauth/token`,
          HttpMethod: 'POST',
          ClientParameters: { ClientID: 'id', ClientSecret: 'secret' },
        },
      },
    });
    await rule('ad-expiry', { Id: 'api', Arn: await destination(conn, `${server.url}/expiry`) });
    await put('ad-expiry', { n: 1 });
    await expect.poll(() => server.requests.length).toBe(1);
    clock.advance(59_000);
    await put('ad-expiry', { n: 2 });
    await expect.poll(() => server.requests.length).toBe(2);
    clock.advance(2_000);
    await put('ad-expiry', { n: 3 });
    await expect.poll(() => server.requests.length).toBe(3);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual([
      'Bearer short-1',
      'Bearer short-1',
      'Bearer short-2',
    ]);
  });

  test('InvocationRateLimitPerSecond spaces the calls instead of failing them', async () => {
    const conn = await connection(apiKey);
    const arrivals: number[] = [];
    server.answer = () => (arrivals.push(Date.now()), { status: 200 });
    const { ApiDestinationArn } = await bus.events.send(
      new CreateApiDestinationCommand({
        Name: 'slow',
        ConnectionArn: conn,
        InvocationEndpoint: `${server.url}/slow`,
        HttpMethod: 'POST',
        InvocationRateLimitPerSecond: 2,
      }),
    );
    await rule('ad-rate', { Id: 'api', Arn: ApiDestinationArn });
    await bus.events.send(
      new PutEventsCommand({
        Entries: [1, 2, 3].map((n) => ({
          Source: 'ad-rate',
          DetailType: 'T',
          Detail: JSON.stringify({ n }),
        })),
      }),
    );
    await expect.poll(() => arrivals.length, { timeout: 10_000 }).toBe(3);
    // Two a second: the third call starts a second after the first (unpaced, they arrive within a few
    // ms); arrivals jitter by the first call's connection set-up, hence the margin.
    expect(arrivals[2] - arrivals[0]).toBeGreaterThanOrEqual(700);
  });

  test('5xx is retried; a 4xx goes to the dead-letter queue at once', async () => {
    const sqs = new SQSClient(clientConfig(bus.eddy.endpoint));
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'ad-dlq' }));
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    const conn = await connection(apiKey);
    const dest = await destination(conn, `${server.url}/flaky`);
    const statuses = [503, 200, 400];
    server.answer = () => ({ status: statuses.shift() ?? 200 });
    await rule('ad-flaky', { Id: 'api', Arn: dest, DeadLetterConfig: { Arn: Attributes!.QueueArn } });
    const first = await put('ad-flaky', { n: 1 });
    const failed = await bus.eddy.waitFor(
      (r) => r.kind === 'delivery' && r.traceId === first && r.payload.retryInMs !== undefined,
    );
    clock.advance(failed.payload.retryInMs as number);
    await bus.eddy.waitFor(
      (r) => r.kind === 'delivery' && r.traceId === first && r.payload.outcome === 'succeeded',
    );
    const second = await put('ad-flaky', { n: 2 });
    await bus.eddy.waitFor(
      (r) => r.kind === 'delivery' && r.traceId === second && r.payload.final === 'dead-lettered',
    );
    const dead = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MessageAttributeNames: ['All'] }));
    expect(JSON.parse(dead.Messages![0].Body!)).toMatchObject({ id: second, detail: { n: 2 } });
    expect(dead.Messages![0].MessageAttributes?.ERROR_MESSAGE?.StringValue).toContain('HTTP 400');
    expect(dead.Messages![0].MessageAttributes?.RETRY_ATTEMPTS?.StringValue).toBe('0');
    expect(server.requests).toHaveLength(3);
    sqs.destroy();
  });

  test('from a template: AWS::Events::Connection, AWS::Events::ApiDestination and a rule target; reloads', async () => {
    await bus.stop();
    const dir = mkdtempSync(join(tmpdir(), 'eddy-ad-'));
    const template = join(dir, 'template.yaml');
    const write = (path: string, key: string) =>
      writeFileSync(
        template,
        `Resources:
  Conn:
    Type: AWS::Events::Connection
    Properties:
      AuthorizationType: API_KEY
      AuthParameters:
        ApiKeyAuthParameters: { ApiKeyName: x-key, ApiKeyValue: ${key} }
  Dest:
    Type: AWS::Events::ApiDestination
    Properties:
      Name: template-dest
      ConnectionArn: !GetAtt Conn.Arn
      InvocationEndpoint: ${server.url}/${path}/*
      HttpMethod: POST
  Hook:
    Type: AWS::Events::Rule
    Properties:
      EventPattern: { source: [from.template] }
      Targets:
        - Id: api
          Arn: !GetAtt Dest.Arn
          HttpParameters: { PathParameterValues: [$.detail.id] }
`,
      );
    write('t', 'from-template');
    bus = await startBus({ template, watch: true });
    try {
      await put('from.template', { id: 'x1' });
      await expect.poll(() => server.requests.length).toBe(1);
      expect(server.requests[0]).toMatchObject({ url: '/t/x1', headers: { 'x-key': 'from-template' } });
      const described = await bus.events.send(new DescribeApiDestinationCommand({ Name: 'template-dest' }));
      expect(described.ConnectionArn).toMatch(/:connection\/.+\/[-0-9a-f]{36}$/);
      // A changed endpoint and key take effect on the next event, without a restart.
      write('v2', 'rotated');
      let puts = 1;
      await expect
        .poll(
          async () => {
            await put('from.template', { id: 'x2' });
            puts++;
            return server.requests.some((r) => r.url === '/v2/x2' && r.headers['x-key'] === 'rotated');
          },
          { timeout: 20_000, interval: 500 },
        )
        .toBe(true);
      // Every event put while the reload happened is delivered (to one endpoint or the other) before stop.
      await expect.poll(() => server.requests.length).toBe(puts);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
