// Connections through @aws-sdk/client-eventbridge: create, describe (credentials never come back),
// list, update, deauthorize, delete; OAuth connections authorize against a local token endpoint.
import {
  CreateConnectionCommand,
  DeauthorizeConnectionCommand,
  DeleteConnectionCommand,
  DescribeConnectionCommand,
  ListConnectionsCommand,
  UpdateConnectionCommand,
} from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startRecorder, type HttpRecorder } from '../pipes/http-recorder.js';
import { startBus, type BusHarness } from './harness.js';

let bus: BusHarness;
let server: HttpRecorder;
beforeAll(async () => {
  bus = await startBus();
  server = await startRecorder();
});
afterAll(async () => {
  await bus.stop();
  await server.close();
});

const describeConnection = (Name: string) => bus.events.send(new DescribeConnectionCommand({ Name }));

describe('connections', () => {
  test('an API key connection: created AUTHORIZED, described without its key, updated, deauthorized, deleted', async () => {
    const created = await bus.events.send(
      new CreateConnectionCommand({
        Name: 'shop-api',
        Description: 'the shop API',
        AuthorizationType: 'API_KEY',
        AuthParameters: {
          ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'top-secret-1' },
          InvocationHttpParameters: {
            HeaderParameters: [
              { Key: 'x-team', Value: 'shop' },
              { Key: 'x-hidden', Value: 'hidden-value', IsValueSecret: true },
            ],
          },
        },
      }),
    );
    expect(created.ConnectionArn).toMatch(
      /^arn:aws:events:us-east-1:000000000000:connection\/shop-api\/[-0-9a-f]{36}$/,
    );
    expect(created.ConnectionState).toBe('AUTHORIZED');
    expect(created.CreationTime).toBeInstanceOf(Date);

    const described = await describeConnection('shop-api');
    expect(described).toMatchObject({
      ConnectionArn: created.ConnectionArn,
      Name: 'shop-api',
      Description: 'the shop API',
      ConnectionState: 'AUTHORIZED',
      AuthorizationType: 'API_KEY',
      AuthParameters: {
        ApiKeyAuthParameters: { ApiKeyName: 'x-api-key' },
        InvocationHttpParameters: {
          HeaderParameters: [
            { Key: 'x-team', Value: 'shop' },
            { Key: 'x-hidden', IsValueSecret: true },
          ],
        },
      },
    });
    expect(described.SecretArn).toMatch(
      /^arn:aws:secretsmanager:us-east-1:000000000000:secret:events!connection\/shop-api\//,
    );
    expect(JSON.stringify(described)).not.toContain('top-secret-1');
    expect(JSON.stringify(described)).not.toContain('hidden-value');

    const duplicate = bus.events.send(
      new CreateConnectionCommand({
        Name: 'shop-api',
        AuthorizationType: 'BASIC',
        AuthParameters: { BasicAuthParameters: { Username: 'u', Password: 'p' } },
      }),
    );
    await expect(duplicate).rejects.toMatchObject({
      name: 'ResourceAlreadyExistsException',
      message: 'Connection shop-api already exists.',
    });

    const listed = await bus.events.send(new ListConnectionsCommand({ NamePrefix: 'shop-' }));
    expect(listed.Connections).toEqual([
      expect.objectContaining({
        Name: 'shop-api',
        ConnectionState: 'AUTHORIZED',
        AuthorizationType: 'API_KEY',
      }),
    ]);

    const updated = await bus.events.send(
      new UpdateConnectionCommand({
        Name: 'shop-api',
        Description: 'v2',
        AuthParameters: { ApiKeyAuthParameters: { ApiKeyValue: 'top-secret-2' } },
      }),
    );
    expect(updated.ConnectionState).toBe('AUTHORIZED');
    expect(await describeConnection('shop-api')).toMatchObject({
      Description: 'v2',
      AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key' } },
    });

    const deauthorized = await bus.events.send(new DeauthorizeConnectionCommand({ Name: 'shop-api' }));
    expect(deauthorized.ConnectionState).toBe('DEAUTHORIZING');
    expect((await describeConnection('shop-api')).ConnectionState).toBe('DEAUTHORIZED');
    const onlyDeauthorized = await bus.events.send(
      new ListConnectionsCommand({ ConnectionState: 'DEAUTHORIZED' }),
    );
    expect(onlyDeauthorized.Connections?.map((c) => c.Name)).toEqual(['shop-api']);

    const deleted = await bus.events.send(new DeleteConnectionCommand({ Name: 'shop-api' }));
    expect(deleted.ConnectionState).toBe('DELETING');
    await expect(describeConnection('shop-api')).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: "Failed to describe the connection(s). Connection 'shop-api' does not exist.",
    });
    await expect(bus.events.send(new DeleteConnectionCommand({ Name: 'shop-api' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  test('parameters of another authorization type are refused', async () => {
    await expect(
      bus.events.send(
        new CreateConnectionCommand({
          Name: 'mixed',
          AuthorizationType: 'BASIC',
          AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'k', ApiKeyValue: 'v' } },
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });

  test('an OAuth connection is AUTHORIZING until its token endpoint answers, then AUTHORIZED', async () => {
    const created = await bus.events.send(
      new CreateConnectionCommand({
        Name: 'oauth-ok',
        AuthorizationType: 'OAUTH_CLIENT_CREDENTIALS',
        AuthParameters: {
          OAuthParameters: {
            AuthorizationEndpoint: `${server.url}/oauth/token`,
            HttpMethod: 'POST',
            ClientParameters: { ClientID: 'client-1', ClientSecret: 'client-secret-1' },
            OAuthHttpParameters: { BodyParameters: [{ Key: 'scope', Value: 'orders' }] },
          },
        },
      }),
    );
    expect(created.ConnectionState).toBe('AUTHORIZING');
    await expect.poll(async () => (await describeConnection('oauth-ok')).ConnectionState).toBe('AUTHORIZED');
    const [token] = server.tokenRequests;
    expect(token.method).toBe('POST');
    expect(token.headers.authorization).toBe(
      `Basic ${Buffer.from('client-1:client-secret-1').toString('base64')}`,
    );
    expect(new URLSearchParams(token.body).get('scope')).toBe('orders');
    expect(new URLSearchParams(token.body).get('grant_type')).toBe('client_credentials');
    const described = await describeConnection('oauth-ok');
    expect(described.AuthParameters?.OAuthParameters).toEqual({
      AuthorizationEndpoint: `${server.url}/oauth/token`,
      HttpMethod: 'POST',
      ClientParameters: { ClientID: 'client-1' },
      OAuthHttpParameters: { BodyParameters: [{ Key: 'scope', Value: 'orders' }] },
    });
    expect(described.LastAuthorizedTime).toBeInstanceOf(Date);
  });

  test('an OAuth connection whose endpoint refuses it is DEAUTHORIZED with the reason', async () => {
    server.tokenAnswer = () => ({ status: 401, body: '{"error":"invalid_client"}' });
    await bus.events.send(
      new CreateConnectionCommand({
        Name: 'oauth-refused',
        AuthorizationType: 'OAUTH_CLIENT_CREDENTIALS',
        AuthParameters: {
          OAuthParameters: {
            AuthorizationEndpoint: `${server.url}/oauth/token`,
            HttpMethod: 'POST',
            ClientParameters: { ClientID: 'client-2', ClientSecret: 'wrong' },
          },
        },
      }),
    );
    await expect
      .poll(async () => (await describeConnection('oauth-refused')).ConnectionState)
      .toBe('DEAUTHORIZED');
    expect((await describeConnection('oauth-refused')).StateReason).toContain('HTTP 401');
  });
});
