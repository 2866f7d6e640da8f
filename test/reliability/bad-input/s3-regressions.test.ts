// S3 requests the fuzzer found answered with a 5xx, kept as regression tests: each gets S3's XML 4xx.
// (A POST on a two-segment path is SQS's query protocol at a queue URL, so the object case uses three.)
import { expect, test } from 'vitest';
import { raw, useFuzzEddy } from './eddy.js';

const eddy = useFuzzEddy();

function code(text: string): string | undefined {
  return /<Code>([^<]+)<\/Code>/.exec(text)?.[1];
}

test('POST on a bucket without ?delete, or on a key without ?uploads/uploadId, is a 405, not a 501', async () => {
  const bucket = await raw(eddy().endpoint, 'POST', '/fuzz-bucket', {}, '{}');
  expect([bucket.status, code(bucket.text)]).toEqual([405, 'MethodNotAllowed']);
  const object = await raw(eddy().endpoint, 'POST', '/fuzz-bucket/some/key', {}, '{}');
  expect([object.status, code(object.text)]).toEqual([405, 'MethodNotAllowed']);
});

test('a copy source with a broken percent-escape is InvalidArgument (it was "URI malformed", 500)', async () => {
  const res = await raw(eddy().endpoint, 'PUT', '/fuzz-bucket/copy', { 'x-amz-copy-source': '%zz' });
  expect([res.status, code(res.text)]).toEqual([400, 'InvalidArgument']);
});

test('concurrent DeleteBucket calls: one succeeds, the others get NoSuchBucket (one hit ENOENT, 500)', async () => {
  for (let round = 0; round < 5; round++) {
    const name = `race-${round}`;
    expect((await raw(eddy().endpoint, 'PUT', `/${name}`)).status).toBe(200);
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => raw(eddy().endpoint, 'DELETE', `/${name}`)),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 204)).toHaveLength(1);
    for (const a of answers.filter((x) => x.status !== 204))
      expect([a.status, code(a.text)]).toEqual([404, 'NoSuchBucket']);
  }
});
