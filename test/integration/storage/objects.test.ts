// The local S3 through @aws-sdk/client-s3, unmodified: buckets, objects, ranges, metadata, copy, errors.
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  PutObjectCommand,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3, type S3Harness } from './harness.js';

let h: S3Harness;
beforeAll(async () => {
  h = await startS3();
  await h.s3.send(new CreateBucketCommand({ Bucket: 'photos' }));
});
afterAll(async () => h?.stop());

const md5 = (text: string | Buffer) => `"${createHash('md5').update(text).digest('hex')}"`;

async function failure(promise: Promise<unknown>): Promise<S3ServiceException> {
  try {
    await promise;
  } catch (error) {
    return error as S3ServiceException;
  }
  throw new Error('expected the call to fail');
}

describe('buckets', () => {
  it('creates, heads, lists and deletes buckets', async () => {
    await h.s3.send(new CreateBucketCommand({ Bucket: 'temp-bucket' }));
    await h.s3.send(new HeadBucketCommand({ Bucket: 'temp-bucket' }));
    const { Buckets } = await h.s3.send(new ListBucketsCommand({}));
    expect(Buckets?.map((b) => b.Name)).toEqual(expect.arrayContaining(['photos', 'temp-bucket']));
    expect(Buckets?.[0].CreationDate).toBeInstanceOf(Date);
    await h.s3.send(new DeleteBucketCommand({ Bucket: 'temp-bucket' }));
    const missing = await failure(h.s3.send(new HeadBucketCommand({ Bucket: 'temp-bucket' })));
    expect(missing.$metadata.httpStatusCode).toBe(404);
  });

  it('answers S3 errors for an existing, missing, invalid or non-empty bucket', async () => {
    const again = await failure(h.s3.send(new CreateBucketCommand({ Bucket: 'photos' })));
    expect(again.name).toBe('BucketAlreadyOwnedByYou');
    expect(again.$metadata.httpStatusCode).toBe(409);
    const invalid = await failure(h.s3.send(new CreateBucketCommand({ Bucket: 'Not_Valid' })));
    expect(invalid.name).toBe('InvalidBucketName');
    const missing = await failure(h.s3.send(new GetObjectCommand({ Bucket: 'nope-bucket', Key: 'a' })));
    expect(missing.name).toBe('NoSuchBucket');
    expect(missing.message).toBe('The specified bucket does not exist');
    await h.s3.send(new PutObjectCommand({ Bucket: 'photos', Key: 'keep.txt', Body: 'x' }));
    const notEmpty = await failure(h.s3.send(new DeleteBucketCommand({ Bucket: 'photos' })));
    expect(notEmpty.name).toBe('BucketNotEmpty');
    expect(notEmpty.$metadata.httpStatusCode).toBe(409);
  });
});

describe('objects', () => {
  it('puts and gets an object with its ETag, type, metadata and Last-Modified', async () => {
    const put = await h.s3.send(
      new PutObjectCommand({
        Bucket: 'photos',
        Key: 'albums/2024/cat.json',
        Body: '{"cat":true}',
        ContentType: 'application/json',
        CacheControl: 'max-age=60',
        Metadata: { owner: 'ada', Camera: 'x100' },
      }),
    );
    expect(put.ETag).toBe(md5('{"cat":true}'));
    const got = await h.s3.send(new GetObjectCommand({ Bucket: 'photos', Key: 'albums/2024/cat.json' }));
    expect(await got.Body!.transformToString()).toBe('{"cat":true}');
    expect(got.ETag).toBe(put.ETag);
    expect(got.ContentType).toBe('application/json');
    expect(got.CacheControl).toBe('max-age=60');
    expect(got.ContentLength).toBe(12);
    expect(got.Metadata).toEqual({ owner: 'ada', camera: 'x100' });
    expect(Math.abs(got.LastModified!.getTime() - Date.now())).toBeLessThan(5000);
    const head = await h.s3.send(new HeadObjectCommand({ Bucket: 'photos', Key: 'albums/2024/cat.json' }));
    expect(head.ContentLength).toBe(12);
    expect(head.ETag).toBe(put.ETag);
    expect(head.Metadata).toEqual({ owner: 'ada', camera: 'x100' });
  });

  it('stores binary bodies byte for byte, and overwrites', async () => {
    const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7) % 256));
    await h.s3.send(new PutObjectCommand({ Bucket: 'photos', Key: 'raw.bin', Body: bytes }));
    const got = await h.s3.send(new GetObjectCommand({ Bucket: 'photos', Key: 'raw.bin' }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(bytes)).toBe(true);
    expect(got.ETag).toBe(md5(bytes));
    // The SDK labels a byte body application/octet-stream; S3 stores what it is sent.
    expect(got.ContentType).toBe('application/octet-stream');
    await h.s3.send(new PutObjectCommand({ Bucket: 'photos', Key: 'raw.bin', Body: 'small' }));
    const again = await h.s3.send(new GetObjectCommand({ Bucket: 'photos', Key: 'raw.bin' }));
    expect(await again.Body!.transformToString()).toBe('small');
  });

  it('serves byte ranges with 206 and Content-Range, and InvalidRange past the end', async () => {
    await h.s3.send(new PutObjectCommand({ Bucket: 'photos', Key: 'digits.txt', Body: '0123456789' }));
    const get = (Range: string) =>
      h.s3.send(new GetObjectCommand({ Bucket: 'photos', Key: 'digits.txt', Range }));
    const middle = await get('bytes=2-5');
    expect(middle.$metadata.httpStatusCode).toBe(206);
    expect(middle.ContentRange).toBe('bytes 2-5/10');
    expect(middle.ContentLength).toBe(4);
    expect(await middle.Body!.transformToString()).toBe('2345');
    expect(await (await get('bytes=7-')).Body!.transformToString()).toBe('789');
    expect(await (await get('bytes=-3')).Body!.transformToString()).toBe('789');
    expect(await (await get('bytes=8-100')).Body!.transformToString()).toBe('89');
    const invalid = await failure(get('bytes=10-12'));
    expect(invalid.name).toBe('InvalidRange');
    expect(invalid.$metadata.httpStatusCode).toBe(416);
  });

  it('answers NoSuchKey with S3 texts, and NotFound for HeadObject', async () => {
    const missing = await failure(h.s3.send(new GetObjectCommand({ Bucket: 'photos', Key: 'no/such.txt' })));
    expect(missing.name).toBe('NoSuchKey');
    expect(missing.message).toBe('The specified key does not exist.');
    expect(missing.$metadata.httpStatusCode).toBe(404);
    expect(missing.$metadata.requestId).toBeTruthy();
    const head = await failure(h.s3.send(new HeadObjectCommand({ Bucket: 'photos', Key: 'no/such.txt' })));
    expect(head.$metadata.httpStatusCode).toBe(404);
    expect(head.name).toBe('NotFound');
  });

  it('honours If-None-Match on GetObject (304) and on PutObject (412 when the key exists)', async () => {
    const put = await h.s3.send(new PutObjectCommand({ Bucket: 'photos', Key: 'cond.txt', Body: 'v1' }));
    const notModified = await failure(
      h.s3.send(new GetObjectCommand({ Bucket: 'photos', Key: 'cond.txt', IfNoneMatch: put.ETag })),
    );
    expect(notModified.$metadata.httpStatusCode).toBe(304);
    const exists = await failure(
      h.s3.send(new PutObjectCommand({ Bucket: 'photos', Key: 'cond.txt', Body: 'v2', IfNoneMatch: '*' })),
    );
    expect(exists.name).toBe('PreconditionFailed');
    expect(exists.$metadata.httpStatusCode).toBe(412);
  });

  it('copies an object with its metadata, or replaces the metadata', async () => {
    await h.s3.send(
      new PutObjectCommand({
        Bucket: 'photos',
        Key: 'src.txt',
        Body: 'copy me',
        ContentType: 'text/plain',
        Metadata: { a: '1' },
      }),
    );
    await h.s3.send(new CreateBucketCommand({ Bucket: 'copies' }));
    const copied = await h.s3.send(
      new CopyObjectCommand({ Bucket: 'copies', Key: 'dir/dst.txt', CopySource: 'photos/src.txt' }),
    );
    expect(copied.CopyObjectResult?.ETag).toBe(md5('copy me'));
    const got = await h.s3.send(new GetObjectCommand({ Bucket: 'copies', Key: 'dir/dst.txt' }));
    expect(await got.Body!.transformToString()).toBe('copy me');
    expect(got.ContentType).toBe('text/plain');
    expect(got.Metadata).toEqual({ a: '1' });
    await h.s3.send(
      new CopyObjectCommand({
        Bucket: 'copies',
        Key: 'dir/dst.txt',
        CopySource: 'photos/src.txt',
        MetadataDirective: 'REPLACE',
        Metadata: { b: '2' },
        ContentType: 'text/markdown',
      }),
    );
    const replaced = await h.s3.send(new HeadObjectCommand({ Bucket: 'copies', Key: 'dir/dst.txt' }));
    expect(replaced.Metadata).toEqual({ b: '2' });
    expect(replaced.ContentType).toBe('text/markdown');
    const missing = await failure(
      h.s3.send(new CopyObjectCommand({ Bucket: 'copies', Key: 'x', CopySource: 'photos/none.txt' })),
    );
    expect(missing.name).toBe('NoSuchKey');
  });

  it('deletes one object (204 even when missing) and many with DeleteObjects', async () => {
    for (const Key of ['del/a', 'del/b', 'del/c d+e']) {
      await h.s3.send(new PutObjectCommand({ Bucket: 'photos', Key, Body: Key }));
    }
    const one = await h.s3.send(new DeleteObjectCommand({ Bucket: 'photos', Key: 'del/a' }));
    expect(one.$metadata.httpStatusCode).toBe(204);
    await h.s3.send(new DeleteObjectCommand({ Bucket: 'photos', Key: 'del/never-was' }));
    const many = await h.s3.send(
      new DeleteObjectsCommand({
        Bucket: 'photos',
        Delete: { Objects: [{ Key: 'del/b' }, { Key: 'del/c d+e' }, { Key: 'del/../../x' }] },
      }),
    );
    expect(many.Deleted?.map((d) => d.Key).sort()).toEqual(['del/b', 'del/c d+e']);
    expect(many.Errors?.map((e) => [e.Key, e.Code])).toEqual([['del/../../x', 'InvalidArgument']]);
    const gone = await failure(h.s3.send(new GetObjectCommand({ Bucket: 'photos', Key: 'del/b' })));
    expect(gone.name).toBe('NoSuchKey');
    const quiet = await h.s3.send(
      new DeleteObjectsCommand({
        Bucket: 'photos',
        Delete: { Objects: [{ Key: 'digits.txt' }], Quiet: true },
      }),
    );
    expect(quiet.Deleted ?? []).toEqual([]);
  });
});

describe('large objects', () => {
  it('uploads 5 MB (the SDK may send Expect: 100-continue) and reads a range from its end', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024, 7);
    big.write('tail', big.length - 4);
    const put = await h.s3.send(new PutObjectCommand({ Bucket: 'photos', Key: 'big.bin', Body: big }));
    expect(put.ETag).toBe(md5(big));
    const head = await h.s3.send(new HeadObjectCommand({ Bucket: 'photos', Key: 'big.bin' }));
    expect(head.ContentLength).toBe(big.length);
    const tail = await h.s3.send(
      new GetObjectCommand({ Bucket: 'photos', Key: 'big.bin', Range: 'bytes=-4' }),
    );
    expect(await tail.Body!.transformToString()).toBe('tail');
  });
});

describe('key encoding', () => {
  it('round-trips keys with spaces, reserved URL characters and non-ASCII text', async () => {
    const keys = [
      'with space.txt',
      'plus+sign',
      'q?mark&x=1#hash',
      'ünï/日本/😀',
      `quote'"`,
      'semi;colon~*',
      'pct%41',
    ];
    for (const Key of keys) await h.s3.send(new PutObjectCommand({ Bucket: 'photos', Key, Body: Key }));
    for (const Key of keys) {
      const got = await h.s3.send(new GetObjectCommand({ Bucket: 'photos', Key }));
      expect(await got.Body!.transformToString()).toBe(Key);
    }
  });

  it('rejects a body that does not match its Content-MD5 with BadDigest', async () => {
    const res = await fetch(`${h.endpoint}/photos/md5.txt`, {
      method: 'PUT',
      body: 'hello',
      headers: { 'content-md5': createHash('md5').update('other').digest('base64') },
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('<Code>BadDigest</Code>');
  });
});

describe('virtual-hosted addressing', () => {
  /** A request with a `<bucket>.localhost` Host header, as an SDK sends for a localhost endpoint. */
  function hosted(method: string, host: string, path: string, body?: string) {
    return new Promise<{ status: number; text: string }>((resolve, reject) => {
      const url = new URL(h.endpoint);
      const req = request({ host: url.hostname, port: url.port, method, path, headers: { host } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  it('reads the bucket from a <bucket>.localhost Host header', async () => {
    const put = await hosted('PUT', 'photos.localhost:4949', '/hosted/one.txt', 'one');
    expect(put.status).toBe(200);
    const got = await h.s3.send(new GetObjectCommand({ Bucket: 'photos', Key: 'hosted/one.txt' }));
    expect(await got.Body!.transformToString()).toBe('one');
    const listed = await hosted('GET', 'photos.localhost', '/?list-type=2&prefix=hosted/');
    expect(listed.text).toContain('<Key>hosted/one.txt</Key>');
    expect((await hosted('GET', 'photos.localhost', '/hosted/one.txt')).text).toBe('one');
  });
});

describe('requests for other services', () => {
  it('answers a request signed for another service with a JSON unknown-operation error, not S3 XML', async () => {
    const res = await fetch(`${h.endpoint}/2015-03-31/functions/nope/configuration`, {
      headers: {
        authorization:
          'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=x',
      },
    });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ __type: 'UnknownOperationException' });
  });
});
