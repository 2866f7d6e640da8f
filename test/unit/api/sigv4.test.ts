// SigV4 verification against signatures made by the SDK's own signer.
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, test } from 'vitest';
import { verifySignature } from '../../../src/api/auth/sigv4.js';
import type { ApiRequest } from '../../../src/api/protocol.js';
import { signedHeaders } from '../../../src/shared/sign-request.js';

const KEYS = new Map([['AKIDTEST', 'sekrit']]);
const KEY = { accessKeyId: 'AKIDTEST', secretAccessKey: 'sekrit' };
const URL_BASE = 'http://127.0.0.1:4949';

async function signed(
  path: string,
  body: string,
  service: string,
  key = KEY,
  headers: Record<string, string> = {},
): Promise<ApiRequest> {
  const url = new URL(path, URL_BASE);
  const signedWith = await signedHeaders({ url: url.href, method: 'POST', headers, body, service }, key);
  return {
    method: 'POST',
    path: url.pathname,
    rawPath: url.pathname,
    query: url.searchParams,
    headers: { ...signedWith, host: url.host },
    body: Buffer.from(body),
    requestId: 'r',
  };
}

describe('verifySignature', () => {
  test('accepts a request signed with a configured key', async () => {
    const request = await signed('/', '{"Entries":[]}', 'events', KEY, {
      'x-amz-target': 'AWSEvents.PutEvents',
    });
    expect(await verifySignature(request, KEYS, Date.now())).toBeUndefined();
  });

  test('accepts a path with characters SigV4 encodes twice (non-S3) and once (S3)', async () => {
    const lambda = await signed('/2015-03-31/functions/my%3Afn/invocations', '{}', 'lambda');
    expect(await verifySignature(lambda, KEYS, Date.now())).toBeUndefined();
    const s3 = await signed('/bucket/a%20key%2Bplus', 'data', 's3');
    // The SDK's S3 client signs the path as sent; eddy must check it the same way.
    const s3Signer = new SignatureV4({
      credentials: KEY,
      region: 'us-east-1',
      service: 's3',
      sha256: Hash.bind(null, 'sha256'),
      uriEscapePath: false,
    });
    const signedS3 = await s3Signer.sign({
      method: 'POST',
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: 4949,
      path: '/bucket/a%20key%2Bplus',
      query: {},
      headers: { host: '127.0.0.1:4949' },
      body: 'data',
    });
    s3.headers = { ...(signedS3.headers as Record<string, string>) };
    expect(await verifySignature(s3, KEYS, Date.now())).toBeUndefined();
  });

  test('refuses a changed body, another secret, an unknown key and no signature', async () => {
    const request = await signed('/', '{"a":1}', 'events');
    expect(await verifySignature({ ...request, body: Buffer.from('{"a":2}') }, KEYS, Date.now())).toEqual({
      kind: 'mismatch',
      service: 'events',
    });
    const wrongSecret = await signed('/', '{}', 'states', { ...KEY, secretAccessKey: 'nope' });
    expect(await verifySignature(wrongSecret, KEYS, Date.now())).toMatchObject({ kind: 'mismatch' });
    const unknown = await signed('/', '{}', 'sqs', { accessKeyId: 'AKIDOTHER', secretAccessKey: 'x' });
    expect(await verifySignature(unknown, KEYS, Date.now())).toEqual({ kind: 'unknown-key', service: 'sqs' });
    const { authorization: _a, ...bare } = request.headers;
    expect(await verifySignature({ ...request, headers: bare }, KEYS, Date.now())).toEqual({
      kind: 'missing',
    });
  });

  test('refuses a signature made more than 15 minutes from now', async () => {
    const request = await signed('/', '{}', 'events');
    const later = Date.now() + 16 * 60 * 1000;
    expect(await verifySignature(request, KEYS, later)).toMatchObject({ kind: 'expired' });
  });

  test('refuses a malformed Authorization header as incomplete', async () => {
    const request = await signed('/', '{}', 'events');
    request.headers.authorization =
      'AWS4-HMAC-SHA256 Credential=AKIDTEST/20260101/us-east-1/events/aws4_request';
    expect(await verifySignature(request, KEYS, Date.now())).toMatchObject({ kind: 'incomplete' });
  });

  test('accepts a presigned URL until it expires', async () => {
    const signer = new SignatureV4({
      credentials: KEY,
      region: 'us-east-1',
      service: 's3',
      sha256: Hash.bind(null, 'sha256'),
      uriEscapePath: false,
    });
    const presigned = await signer.presign(
      {
        method: 'GET',
        protocol: 'http:',
        hostname: '127.0.0.1',
        port: 4949,
        path: '/bucket/key.txt',
        query: {},
        headers: { host: '127.0.0.1:4949' },
      },
      { expiresIn: 60 },
    );
    const query = new URLSearchParams(presigned.query as Record<string, string>);
    const request: ApiRequest = {
      method: 'GET',
      path: '/bucket/key.txt',
      rawPath: '/bucket/key.txt',
      query,
      headers: { host: '127.0.0.1:4949' },
      body: Buffer.alloc(0),
      requestId: 'r',
    };
    expect(await verifySignature(request, KEYS, Date.now())).toBeUndefined();
    expect(await verifySignature(request, KEYS, Date.now() + 120_000)).toMatchObject({ kind: 'expired' });
    query.set('X-Amz-Expires', '3600');
    expect(await verifySignature(request, KEYS, Date.now())).toMatchObject({ kind: 'mismatch' });
  });
});
