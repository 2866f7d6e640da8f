// ListObjectsV2 (and ListObjects) through @aws-sdk/client-s3: order, prefix, delimiter, pages.
import {
  CreateBucketCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  paginateListObjectsV2,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3, type S3Harness } from './harness.js';

const KEYS = [
  'a.txt',
  'a/b.txt',
  'a/c/d.txt',
  'a-b.txt',
  'logs/2024/01/x.log',
  'logs/2024/02/y.log',
  'logs/2025/01/z.log',
  'z',
  'é.txt',
  '日本.txt',
  '😀.txt',
];
/** S3 orders keys by their UTF-8 bytes. */
const SORTED = [...KEYS].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));

let h: S3Harness;
beforeAll(async () => {
  h = await startS3();
  await h.s3.send(new CreateBucketCommand({ Bucket: 'list' }));
  for (const Key of KEYS) await h.s3.send(new PutObjectCommand({ Bucket: 'list', Key, Body: Key }));
});
afterAll(async () => h?.stop());

describe('ListObjectsV2', () => {
  it('lists every key in UTF-8 byte order with sizes, ETags and KeyCount', async () => {
    const page = await h.s3.send(new ListObjectsV2Command({ Bucket: 'list' }));
    expect(page.Contents?.map((o) => o.Key)).toEqual(SORTED);
    expect(page.KeyCount).toBe(KEYS.length);
    expect(page.IsTruncated).toBe(false);
    const a = page.Contents?.find((o) => o.Key === 'a/c/d.txt');
    expect(a?.Size).toBe(Buffer.byteLength('a/c/d.txt'));
    expect(a?.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(a?.StorageClass).toBe('STANDARD');
  });

  it('filters by prefix and groups by delimiter into CommonPrefixes', async () => {
    const logs = await h.s3.send(new ListObjectsV2Command({ Bucket: 'list', Prefix: 'logs/2024/' }));
    expect(logs.Contents?.map((o) => o.Key)).toEqual(['logs/2024/01/x.log', 'logs/2024/02/y.log']);
    const top = await h.s3.send(new ListObjectsV2Command({ Bucket: 'list', Delimiter: '/' }));
    expect(top.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['a/', 'logs/']);
    expect(top.Contents?.map((o) => o.Key)).toEqual(SORTED.filter((k) => !k.includes('/')));
    expect(top.KeyCount).toBe(2 + SORTED.filter((k) => !k.includes('/')).length);
    const years = await h.s3.send(
      new ListObjectsV2Command({ Bucket: 'list', Prefix: 'logs/', Delimiter: '/' }),
    );
    expect(years.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['logs/2024/', 'logs/2025/']);
    expect(years.Contents ?? []).toEqual([]);
    const partial = await h.s3.send(
      new ListObjectsV2Command({ Bucket: 'list', Prefix: 'a', Delimiter: '/' }),
    );
    expect(partial.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['a/']);
    expect(partial.Contents?.map((o) => o.Key)).toEqual(['a-b.txt', 'a.txt']);
    const dash = await h.s3.send(new ListObjectsV2Command({ Bucket: 'list', Delimiter: '.' }));
    expect(dash.CommonPrefixes?.map((p) => p.Prefix)).toContain('a-b.');
  });

  it('pages with MaxKeys and continuation tokens, with and without a delimiter', async () => {
    const keys: string[] = [];
    let pages = 0;
    for await (const page of paginateListObjectsV2({ client: h.s3, pageSize: 3 }, { Bucket: 'list' })) {
      pages++;
      expect(page.KeyCount).toBeLessThanOrEqual(3);
      keys.push(...(page.Contents ?? []).map((o) => o.Key!));
    }
    expect(keys).toEqual(SORTED);
    expect(pages).toBe(Math.ceil(KEYS.length / 3));
    const entries: string[] = [];
    for await (const page of paginateListObjectsV2(
      { client: h.s3, pageSize: 1 },
      { Bucket: 'list', Delimiter: '/' },
    )) {
      entries.push(
        ...(page.CommonPrefixes ?? []).map((p) => p.Prefix!),
        ...(page.Contents ?? []).map((o) => o.Key!),
      );
    }
    expect(entries.sort()).toEqual(
      ['a-b.txt', 'a.txt', 'a/', 'logs/', 'z', 'é.txt', '日本.txt', '😀.txt'].sort(),
    );
    const first = await h.s3.send(new ListObjectsV2Command({ Bucket: 'list', MaxKeys: 2 }));
    expect(first.IsTruncated).toBe(true);
    expect(first.NextContinuationToken).toBeTruthy();
    const zero = await h.s3.send(new ListObjectsV2Command({ Bucket: 'list', MaxKeys: 0 }));
    expect(zero.KeyCount).toBe(0);
  });

  it('starts after StartAfter', async () => {
    const page = await h.s3.send(new ListObjectsV2Command({ Bucket: 'list', StartAfter: 'a/c/d.txt' }));
    expect(page.Contents?.map((o) => o.Key)).toEqual(SORTED.slice(SORTED.indexOf('a/c/d.txt') + 1));
    expect(page.StartAfter).toBe('a/c/d.txt');
  });

  it('rejects a bad continuation token', async () => {
    await expect(
      h.s3.send(new ListObjectsV2Command({ Bucket: 'list', ContinuationToken: 'garbage!' })),
    ).rejects.toMatchObject({ name: 'InvalidArgument' });
  });
});

describe('ListObjects (version 1)', () => {
  it('pages with Marker and NextMarker', async () => {
    const first = await h.s3.send(new ListObjectsCommand({ Bucket: 'list', MaxKeys: 4 }));
    expect(first.Contents?.map((o) => o.Key)).toEqual(SORTED.slice(0, 4));
    expect(first.IsTruncated).toBe(true);
    const next = await h.s3.send(new ListObjectsCommand({ Bucket: 'list', Marker: first.NextMarker }));
    expect(next.Contents?.map((o) => o.Key)).toEqual(SORTED.slice(4));
  });
});
