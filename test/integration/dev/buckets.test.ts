// `eddy dev --bucket name=./folder` (startEddy's `buckets`): an existing folder served as a bucket, in
// place; and paths with `..` never reach another bucket.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startEddy, type RunningEddy } from '../../../src/testing/index.js';
import { tempDir } from '../../helpers/temp.js';

let eddy: RunningEddy;
let s3: S3Client;
const data = tempDir('eddy-bucket-');

beforeAll(async () => {
  mkdirSync(join(data, '2024'), { recursive: true });
  writeFileSync(join(data, '2024/station.csv'), 'STATION,MAX\n1,80.5\n');
  eddy = await startEddy({ buckets: { 'noaa-gsod': data } });
  s3 = new S3Client({
    endpoint: eddy.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
});
afterAll(async () => {
  s3?.destroy();
  await eddy?.stop();
});

test('a mapped folder is a bucket whose objects are its files, used in place', async () => {
  const object = await s3.send(new GetObjectCommand({ Bucket: 'noaa-gsod', Key: '2024/station.csv' }));
  expect(await object.Body!.transformToString()).toBe('STATION,MAX\n1,80.5\n');
  const head = await s3.send(new HeadObjectCommand({ Bucket: 'noaa-gsod', Key: '2024/station.csv' }));
  expect(head.ContentLength).toBe(19);
  await s3.send(new PutObjectCommand({ Bucket: 'noaa-gsod', Key: 'out/result.json', Body: '{"ok":true}' }));
  expect(readFileSync(join(data, 'out/result.json'), 'utf8')).toBe('{"ok":true}');
});

test('a raw path with .. is refused, not resolved into another bucket', async () => {
  // fetch would resolve `..` itself; node:http sends the path exactly as written.
  const status = await new Promise<number>((resolve, reject) => {
    const url = new URL(eddy.endpoint);
    const req = httpRequest(
      { host: url.hostname, port: url.port, method: 'PUT', path: '/other/../noaa-gsod/escaped.txt' },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end('x');
  });
  expect(status).toBe(400);
  expect(existsSync(join(data, 'escaped.txt'))).toBe(false);
});
