// Distributed Map's ItemReader and ResultWriter over an in-memory S3 twin: every input type, MaxItems,
// CSV headers and delimiters, listObjectsV2 paging, and the files and result a ResultWriter produces.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/services/workflows/distributed/csv.js';
import { mapRunInfo, outcomesOf } from '../../../src/services/workflows/distributed/hooks.js';
import { readItems } from '../../../src/services/workflows/distributed/item-reader.js';
import type { MapObjectStore } from '../../../src/services/workflows/distributed/object-store.js';
import { writeResults } from '../../../src/services/workflows/distributed/result-writer.js';
import { StatesError } from '../../../src/services/workflows/index.js';

/** An in-memory bucket store that pages listings by `maxKeys`, like S3. */
function memoryStore(objects: Record<string, string | Buffer> = {}, pageSize = 2) {
  const files = new Map(Object.entries(objects).map(([k, v]) => [k, Buffer.from(v)]));
  const store: MapObjectStore & { files: Map<string, Buffer> } = {
    files,
    async listObjects(bucket, { prefix = '', continuationToken }) {
      const keys = [...files.keys()].filter((k) => k.startsWith(`${bucket}/${prefix}`)).sort();
      const start = continuationToken ? Number(continuationToken) : 0;
      const page = keys.slice(start, start + pageSize);
      return {
        objects: page.map((k) => ({
          key: k.slice(bucket.length + 1),
          size: files.get(k)!.length,
          etag: '"e"',
          lastModified: new Date(1_700_000_000_000),
        })),
        isTruncated: start + pageSize < keys.length,
        nextContinuationToken: String(start + pageSize),
      };
    },
    async getObject(bucket, key) {
      const body = files.get(`${bucket}/${key}`);
      if (!body) throw Object.assign(new Error('The specified key does not exist.'), { name: 'NoSuchKey' });
      return { body };
    },
    async putObject(bucket, key, body) {
      files.set(`${bucket}/${key}`, Buffer.from(body));
    },
  };
  return store;
}

const getObject = (Key: string, ReaderConfig: object) => ({
  Resource: 'arn:aws:states:::s3:getObject',
  ReaderConfig,
  Parameters: { Bucket: 'b', Key },
});

describe('ItemReader', () => {
  it('lists objects through every page as AWS shapes them, honouring Prefix and MaxItems', async () => {
    const store = memoryStore({ 'b/in/1.csv': 'x', 'b/in/2.csv': 'yy', 'b/in/3.csv': 'z', 'b/other': 'o' });
    const reader = {
      Resource: 'arn:aws:states:::s3:listObjectsV2',
      Parameters: { Bucket: 'b', Prefix: 'in/' },
    };
    const items = await readItems(store, reader);
    expect(items).toEqual([
      { Etag: '"e"', Key: 'in/1.csv', LastModified: 1_700_000_000, Size: 1, StorageClass: 'STANDARD' },
      { Etag: '"e"', Key: 'in/2.csv', LastModified: 1_700_000_000, Size: 2, StorageClass: 'STANDARD' },
      { Etag: '"e"', Key: 'in/3.csv', LastModified: 1_700_000_000, Size: 1, StorageClass: 'STANDARD' },
    ]);
    expect(await readItems(store, { ...reader, ReaderConfig: { MaxItems: 2 } })).toHaveLength(2);
  });

  it('reads CSV with the first row as headers, given headers and other delimiters', async () => {
    const store = memoryStore({
      'b/a.csv': 'STATION,NAME,MAX\r\n1,"Oslo, NO",12.5\n2,"say ""hi""",\n\n',
      'b/p.csv': '1|x\n2|y\n3|z\n',
    });
    expect(
      await readItems(store, getObject('a.csv', { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' })),
    ).toEqual([
      { STATION: '1', NAME: 'Oslo, NO', MAX: '12.5' },
      { STATION: '2', NAME: 'say "hi"', MAX: '' },
    ]);
    const given = getObject('p.csv', {
      InputType: 'CSV',
      CSVHeaderLocation: 'GIVEN',
      CSVHeaders: ['id', 'v'],
      CSVDelimiter: 'PIPE',
      MaxItems: 2,
    });
    expect(await readItems(store, given)).toEqual([
      { id: '1', v: 'x' },
      { id: '2', v: 'y' },
    ]);
  });

  it('reads JSON arrays (and ItemsPointer), JSON Lines, and S3 Inventory manifests', async () => {
    const store = memoryStore({
      'b/a.json': '[1,{"a":2},"three"]',
      'b/o.json': '{"data":{"rows":[4,5]}}',
      'b/l.jsonl': '{"n":1}\n\n{"n":2}\r\n',
      'b/inv/manifest.json': JSON.stringify({
        destinationBucket: 'arn:aws:s3:::b',
        fileFormat: 'CSV',
        fileSchema: 'Bucket, Key, Size',
        files: [{ key: 'inv/data/1.csv.gz' }, { key: 'inv/data/2.csv' }],
      }),
      'b/inv/data/1.csv.gz': gzipSync('"src","k1","10"\n"src","k2","20"\n'),
      'b/inv/data/2.csv': 'src,k3,30\n',
    });
    expect(await readItems(store, getObject('a.json', { InputType: 'JSON' }))).toEqual([
      1,
      { a: 2 },
      'three',
    ]);
    expect(
      await readItems(store, getObject('o.json', { InputType: 'JSON', ItemsPointer: '/data/rows' })),
    ).toEqual([4, 5]);
    expect(await readItems(store, getObject('l.jsonl', { InputType: 'JSONL' }))).toEqual([
      { n: 1 },
      { n: 2 },
    ]);
    expect(
      await readItems(store, getObject('inv/manifest.json', { InputType: 'MANIFEST', MaxItems: 3 })),
    ).toEqual([
      { Bucket: 'src', Key: 'k1', Size: '10' },
      { Bucket: 'src', Key: 'k2', Size: '20' },
      { Bucket: 'src', Key: 'k3', Size: '30' },
    ]);
  });

  it('fails with States.ItemReaderFailed for a missing object, bad JSON or an unknown resource', async () => {
    const store = memoryStore({ 'b/bad.json': '{"not":"an array"}' });
    for (const reader of [
      getObject('missing.json', { InputType: 'JSON' }),
      getObject('bad.json', { InputType: 'JSON' }),
      { Resource: 'arn:aws:states:::s3:headObject', Parameters: { Bucket: 'b' } },
    ]) {
      const error = await readItems(store, reader).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StatesError);
      expect((error as StatesError).error).toBe('States.ItemReaderFailed');
    }
  });
});

describe('ResultWriter', () => {
  const ctx = {
    executionArn: 'arn:aws:states:us-east-1:000000000000:execution:weather:run-1',
    stateName: 'Months',
    signal: new AbortController().signal,
  };
  const run = mapRunInfo(ctx, 'abc');

  it('names the map run after the parent machine and the Map state', () => {
    expect(run).toEqual({
      mapRunArn: 'arn:aws:states:us-east-1:000000000000:mapRun:weather/Months:abc',
      stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:weather/Months',
    });
  });

  it('writes SUCCEEDED and FAILED files and a manifest, and returns where they are', async () => {
    const store = memoryStore();
    const outcomes = outcomesOf([{ sum: 1 }, { Error: 'Boom', Cause: 'bad item' }, [1, 2]]);
    const writer = {
      Resource: 'arn:aws:states:::s3:putObject',
      Parameters: { Bucket: 'out', Prefix: 'runs' },
    };
    const result = await writeResults(store, writer, outcomes, run);
    expect(result).toEqual({
      MapRunArn: run.mapRunArn,
      ResultWriterDetails: { Bucket: 'out', Key: 'runs/abc/manifest.json' },
    });
    const manifest = JSON.parse(store.files.get('out/runs/abc/manifest.json')!.toString());
    expect(manifest.DestinationBucket).toBe('out');
    expect(manifest.ResultFiles.SUCCEEDED).toEqual([
      { Key: 'runs/abc/SUCCEEDED_0.json', Size: store.files.get('out/runs/abc/SUCCEEDED_0.json')!.length },
    ]);
    expect(manifest.ResultFiles.PENDING).toEqual([]);
    const succeeded = JSON.parse(store.files.get('out/runs/abc/SUCCEEDED_0.json')!.toString());
    expect(succeeded.map((s: { Output: string }) => JSON.parse(s.Output))).toEqual([{ sum: 1 }, [1, 2]]);
    expect(succeeded[0]).toMatchObject({
      Status: 'SUCCEEDED',
      StateMachineArn: run.stateMachineArn,
      InputDetails: { Included: true },
    });
    const failed = JSON.parse(store.files.get('out/runs/abc/FAILED_0.json')!.toString());
    expect(failed).toEqual([expect.objectContaining({ Status: 'FAILED', Error: 'Boom', Cause: 'bad item' })]);
  });

  it('applies COMPACT and FLATTEN, as JSON or JSONL, and returns them when nothing is exported', async () => {
    const store = memoryStore();
    const outcomes = outcomesOf([[1, 2], { a: 3 }]);
    const compactLines = {
      Resource: 'arn:aws:states:::s3:putObject',
      Parameters: { Bucket: 'out' },
      WriterConfig: { Transformation: 'COMPACT', OutputType: 'JSONL' },
    };
    await writeResults(store, compactLines, outcomes, run);
    expect(store.files.get('out/abc/SUCCEEDED_0.jsonl')!.toString()).toBe('[1,2]\n{"a":3}\n');
    const flatten = { WriterConfig: { Transformation: 'FLATTEN', OutputType: 'JSON' } };
    expect(await writeResults(store, flatten, outcomes, run)).toEqual([1, 2, { a: 3 }]);
  });
});

describe('CSV', () => {
  it('keeps delimiters and line breaks inside quotes and drops a byte order mark', () => {
    expect(parseCsv('\ufeffa,b\n"x\ny","1,2"\n')).toEqual([
      ['a', 'b'],
      ['x\ny', '1,2'],
    ]);
    expect(parseCsv('a\tb', '\t')).toEqual([['a', 'b']]);
  });
});
