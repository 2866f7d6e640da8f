// `--auth`: real SDK clients must sign with a configured key; anything else gets the error AWS gives,
// in each protocol (JSON, SQS query XML, S3 XML), and handlers sign with the configured key.
import { EventBridgeClient, ListEventBusesCommand } from '@aws-sdk/client-eventbridge';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startEddy, type RunningEddy } from '../../../src/testing/index.js';
import { tempDir } from '../../helpers/temp.js';

const GOOD = { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' };
const WRONG_SECRET = { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'not-it' };
const UNKNOWN = { accessKeyId: 'AKIDSTRANGER', secretAccessKey: 'whatever' };

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  WhoAmI:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      CodeUri: src/
      Handler: who.handler
`;

describe('eddy dev --auth', () => {
  let eddy: RunningEddy;
  const client = <T>(Client: new (config: object) => T, credentials = GOOD): T =>
    new Client({ endpoint: eddy.endpoint, region: 'us-east-1', credentials, forcePathStyle: true });

  beforeAll(async () => {
    const project = tempDir();
    mkdirSync(join(project, 'src'));
    writeFileSync(join(project, 'template.yaml'), TEMPLATE);
    writeFileSync(
      join(project, 'src/who.mjs'),
      'export const handler = async () => ({ key: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY });\n',
    );
    eddy = await startEddy({
      template: join(project, 'template.yaml'),
      auth: { [GOOD.accessKeyId]: GOOD.secretAccessKey },
    });
  });
  afterAll(() => eddy?.stop());

  test('JSON APIs accept the configured key and refuse a wrong secret or an unknown key', async () => {
    const ok = await client(EventBridgeClient).send(new ListEventBusesCommand({}));
    expect(ok.EventBuses?.map((b) => b.Name)).toContain('default');
    await expect(
      client(EventBridgeClient, WRONG_SECRET).send(new ListEventBusesCommand({})),
    ).rejects.toMatchObject({
      name: 'InvalidSignatureException',
      $metadata: { httpStatusCode: 403 },
    });
    await expect(
      client(EventBridgeClient, UNKNOWN).send(new ListEventBusesCommand({})),
    ).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    });
  });

  test('an unsigned request changes nothing and gets MissingAuthenticationTokenException', async () => {
    const response = await fetch(eddy.endpoint, {
      method: 'POST',
      headers: { 'x-amz-target': 'AWSEvents.CreateEventBus', 'content-type': 'application/x-amz-json-1.1' },
      body: JSON.stringify({ Name: 'sneaky' }),
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ __type: 'MissingAuthenticationTokenException' });
    const buses = await client(EventBridgeClient).send(new ListEventBusesCommand({}));
    expect(buses.EventBuses?.map((b) => b.Name)).not.toContain('sneaky');
  });

  test('SQS: the SDK works when signed; an unsigned query-protocol call gets an XML error', async () => {
    const sqs = client(SQSClient);
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'signed' }));
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'hi' }));
    expect(sent.MessageId).toBeTruthy();
    const response = await fetch(eddy.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=ListQueues&Version=2012-11-05',
    });
    expect(response.status).toBe(403);
    const text = await response.text();
    expect(text).toContain('<Code>MissingAuthenticationToken</Code>');
    expect(text).toContain('<ErrorResponse');
  });

  test('S3: signed uploads and downloads work; a wrong secret gets SignatureDoesNotMatch', async () => {
    const s3 = client(S3Client);
    await s3.send(new CreateBucketCommand({ Bucket: 'signed-bucket' }));
    await s3.send(new PutObjectCommand({ Bucket: 'signed-bucket', Key: 'dir/a b+c.txt', Body: 'payload' }));
    const got = await s3.send(new GetObjectCommand({ Bucket: 'signed-bucket', Key: 'dir/a b+c.txt' }));
    expect(await got.Body?.transformToString()).toBe('payload');
    await expect(
      client(S3Client, WRONG_SECRET).send(
        new GetObjectCommand({ Bucket: 'signed-bucket', Key: 'dir/a b+c.txt' }),
      ),
    ).rejects.toMatchObject({ name: 'SignatureDoesNotMatch', $metadata: { httpStatusCode: 403 } });
    const anonymous = await fetch(`${eddy.endpoint}/signed-bucket/dir/a%20b%2Bc.txt`);
    expect(anonymous.status).toBe(403);
    expect(await anonymous.text()).toContain('<Code>AccessDenied</Code>');
  });

  test('handlers get the configured key, so their own SDK calls pass', async () => {
    const { result } = await eddy.invoke('WhoAmI');
    expect(result).toEqual({ key: GOOD.accessKeyId, secret: GOOD.secretAccessKey });
  });
});
