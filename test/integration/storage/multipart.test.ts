// Multipart uploads through @aws-sdk/client-s3: parts joined in order with S3's multipart ETag, part
// checks (order, ETag, minimum size), abort, and no bucket made of the uploads folder.
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListBucketsCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3, type S3Harness } from './harness.js';

let h: S3Harness;
beforeAll(async () => {
  h = await startS3();
  await h.s3.send(new CreateBucketCommand({ Bucket: 'uploads' }));
});
afterAll(async () => h?.stop());

const MiB = 1024 * 1024;

async function begin(Key: string): Promise<string> {
  const created = await h.s3.send(
    new CreateMultipartUploadCommand({
      Bucket: 'uploads',
      Key,
      ContentType: 'text/csv',
      Metadata: { job: 'j1' },
    }),
  );
  return created.UploadId!;
}

async function part(Key: string, UploadId: string, PartNumber: number, Body: Buffer) {
  const { ETag } = await h.s3.send(
    new UploadPartCommand({ Bucket: 'uploads', Key, UploadId, PartNumber, Body }),
  );
  return { ETag, PartNumber };
}

describe('multipart uploads', () => {
  it('joins parts into one object with the multipart ETag and the upload metadata', async () => {
    const UploadId = await begin('big/data.csv');
    const a = Buffer.alloc(5 * MiB, 'a');
    const b = Buffer.from('tail');
    const parts = [await part('big/data.csv', UploadId, 1, a), await part('big/data.csv', UploadId, 2, b)];
    const done = await h.s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: 'uploads',
        Key: 'big/data.csv',
        UploadId,
        MultipartUpload: { Parts: parts },
      }),
    );
    const md5 = (x: Buffer) => createHash('md5').update(x).digest();
    const expected = `"${createHash('md5')
      .update(Buffer.concat([md5(a), md5(b)]))
      .digest('hex')}-2"`;
    expect(done.ETag).toBe(expected);
    const got = await h.s3.send(new GetObjectCommand({ Bucket: 'uploads', Key: 'big/data.csv' }));
    const body = Buffer.from(await got.Body!.transformToByteArray());
    expect(body.length).toBe(a.length + b.length);
    expect(body.subarray(-4).toString()).toBe('tail');
    expect(got.ETag).toBe(expected);
    expect(got.ContentType).toBe('text/csv');
    expect(got.Metadata).toEqual({ job: 'j1' });
    const { Buckets } = await h.s3.send(new ListBucketsCommand({}));
    expect(Buckets?.map((x) => x.Name)).toEqual(['uploads']);
  });

  it('refuses small middle parts, wrong ETags, out-of-order parts and unknown uploads', async () => {
    const UploadId = await begin('k');
    const small = [
      await part('k', UploadId, 1, Buffer.from('x')),
      await part('k', UploadId, 2, Buffer.from('y')),
    ];
    const complete = (Parts: { ETag?: string; PartNumber: number }[], id = UploadId) =>
      h.s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: 'uploads',
          Key: 'k',
          UploadId: id,
          MultipartUpload: { Parts },
        }),
      );
    await expect(complete(small)).rejects.toMatchObject({ name: 'EntityTooSmall' });
    await expect(complete([{ ETag: '"00"', PartNumber: 2 }])).rejects.toMatchObject({ name: 'InvalidPart' });
    await expect(complete([small[1], small[0]])).rejects.toMatchObject({ name: 'InvalidPartOrder' });
    await expect(complete([small[1]], '00000000-0000-0000-0000-000000000000')).rejects.toMatchObject({
      name: 'NoSuchUpload',
    });
    expect((await complete([small[1]])).ETag).toMatch(/-1"$/);
  });

  it('aborts an upload', async () => {
    const UploadId = await begin('gone');
    await part('gone', UploadId, 1, Buffer.from('x'));
    await h.s3.send(new AbortMultipartUploadCommand({ Bucket: 'uploads', Key: 'gone', UploadId }));
    await expect(part('gone', UploadId, 2, Buffer.from('y'))).rejects.toMatchObject({ name: 'NoSuchUpload' });
  });
});
