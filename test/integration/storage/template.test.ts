// Template buckets through the whole of eddy (startEddy): AWS::S3::Bucket resources become folders
// under the state folder, served at eddy's one endpoint beside the other services.
import { GetObjectCommand, ListBucketsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEddy, type RunningEddy } from '../../../src/testing/index.js';
import { s3ClientConfig } from './harness.js';

let dir: string;
let eddy: RunningEddy;
let s3: S3Client;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eddy-s3-template-'));
  writeFileSync(
    join(dir, 'template.yaml'),
    [
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Resources:',
      '  Data:',
      '    Type: AWS::S3::Bucket',
      '    Properties:',
      '      BucketName: weather-data',
      '  Results:',
      '    Type: AWS::S3::Bucket',
      '',
    ].join('\n'),
  );
  eddy = await startEddy({ template: join(dir, 'template.yaml'), state: join(dir, '.eddy') });
  s3 = new S3Client(s3ClientConfig(eddy.endpoint));
});
afterAll(async () => {
  s3?.destroy();
  await eddy?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('template buckets', () => {
  it('creates a folder per AWS::S3::Bucket and serves it through the SDK', async () => {
    const { Buckets } = await s3.send(new ListBucketsCommand({}));
    const names = Buckets?.map((b) => b.Name) ?? [];
    expect(names).toContain('weather-data');
    expect(names).toHaveLength(2);
    expect(existsSync(join(dir, '.eddy', 's3', 'weather-data'))).toBe(true);
    await s3.send(new PutObjectCommand({ Bucket: 'weather-data', Key: 'a/b.csv', Body: 'x,y\n1,2\n' }));
    const got = await s3.send(new GetObjectCommand({ Bucket: 'weather-data', Key: 'a/b.csv' }));
    expect(await got.Body!.transformToString()).toBe('x,y\n1,2\n');
    expect(existsSync(join(dir, '.eddy', 's3', 'weather-data', 'a', 'b.csv'))).toBe(true);
  });
});
