// Requests the fuzzer found crashing or mis-answered at the HTTP layer (src/api/server.ts), kept as
// regression tests: each must get an AWS-shaped 4xx and leave the server answering.
import { expect, test } from 'vitest';
import { MAX_BODY_BYTES } from '../../../src/api/server.js';
import { raw, useFuzzEddy } from './eddy.js';

const eddy = useFuzzEddy();

async function healthy(): Promise<void> {
  expect((await raw(eddy().endpoint, 'GET', '/_eddy/health')).status).toBe(200);
}

test('a request target of "//" is refused with 400 (URL parsing threw outside the handler and killed eddy)', async () => {
  for (const target of ['//', '//evil.example/x', '//_eddy/health']) {
    const res = await raw(eddy().endpoint, 'GET', target);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toMatchObject({ __type: 'InvalidURI' });
  }
  await healthy();
});

test("requests Node's parser refuses (unknown method, raw non-ASCII path) get a JSON 400, HEAD without a body", async () => {
  const unknown = await raw(eddy().endpoint, 'FOO', '/');
  expect(unknown.status).toBe(400);
  expect(JSON.parse(unknown.text)).toMatchObject({ __type: 'BadRequest' });
  const nonAscii = await raw(eddy().endpoint, 'GET', '/fuzz-bucket/é');
  expect(nonAscii.status).toBe(400);
  expect(JSON.parse(nonAscii.text).__type).toBe('BadRequest');
  const head = await raw(eddy().endpoint, 'HEAD', '/fuzz-bucket/é');
  expect(head.status).toBe(400);
  expect(head.text).toBe('');
  await healthy();
});

test('a body past the 16 MB limit is answered 413, not cut off mid-upload', async () => {
  const body = Buffer.alloc(MAX_BODY_BYTES + 1, 0x20);
  const res = await raw(
    eddy().endpoint,
    'POST',
    '/',
    { 'x-amz-target': 'AWSEvents.PutEvents', 'content-type': 'application/x-amz-json-1.1' },
    body,
  );
  expect(res.status).toBe(413);
  expect(JSON.parse(res.text)).toMatchObject({ __type: 'RequestEntityTooLarge' });
  await healthy();
});
