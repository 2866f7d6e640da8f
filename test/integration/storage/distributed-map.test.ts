// Distributed Map over the real local S3: the workflow engine lists a mapped folder of station files,
// batches them, runs a "map" task per batch that reads each object, tolerates a failing batch, and a
// ResultWriter exports the results into another bucket, read back through @aws-sdk/client-s3.
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMapRunHooks } from '../../../src/services/workflows/distributed/hooks.js';
import type { MapObjectStore } from '../../../src/services/workflows/distributed/object-store.js';
import { parseDefinition, startExecution, type TaskInvoker } from '../../../src/services/workflows/index.js';
import { startS3, type S3Harness } from './harness.js';

let dir: string;
let h: S3Harness;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eddy-dmap-'));
  const data = join(dir, 'gsod');
  mkdirSync(join(data, '2024'), { recursive: true });
  for (let s = 1; s <= 7; s++) {
    const rows = [1, 2, 3].map((m) => `${s},2024-0${m}-01,${10 * m + s}`);
    writeFileSync(join(data, '2024', `station-${s}.csv`), ['STATION,DATE,MAX', ...rows].join('\n'));
  }
  h = await startS3({ buckets: { 'noaa-gsod': data } });
  await h.service.createBucket('results');
});
afterAll(async () => {
  await h?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The "map" function: sums of MAX per month over a batch of listed objects; fails on station 7. */
function mapFunction(store: MapObjectStore): TaskInvoker {
  return {
    async invoke(_resource, input) {
      const { Items } = input as { Items: { Key: string }[] };
      const sums: Record<string, { sum: number; count: number }> = {};
      for (const item of Items) {
        if (item.Key.endsWith('station-7.csv')) throw new Error('corrupt file');
        const text = (await store.getObject('noaa-gsod', item.Key)).body.toString();
        for (const line of text.split('\n').slice(1)) {
          const [, date, max] = line.split(',');
          const month = date.slice(0, 7);
          sums[month] ??= { sum: 0, count: 0 };
          sums[month].sum += Number(max);
          sums[month].count++;
        }
      }
      return sums;
    },
  } as TaskInvoker;
}

describe('Distributed Map over the local S3', () => {
  it('lists, batches, maps, tolerates a failure and exports results', async () => {
    // Compile-time check: the storage service is what Distributed Map's hooks need.
    const store: MapObjectStore = h.service;
    const definition = parseDefinition({
      StartAt: 'Stations',
      States: {
        Stations: {
          Type: 'Map',
          ItemReader: {
            Resource: 'arn:aws:states:::s3:listObjectsV2',
            Parameters: { Bucket: 'noaa-gsod', Prefix: '2024/' },
          },
          ItemBatcher: { MaxItemsPerBatch: 2 },
          MaxConcurrency: 2,
          ToleratedFailureCount: 1,
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
            StartAt: 'MapMonth',
            States: {
              MapMonth: {
                Type: 'Task',
                Resource: 'arn:aws:lambda:us-east-1:000000000000:function:map',
                End: true,
              },
            },
          },
          ResultWriter: {
            Resource: 'arn:aws:states:::s3:putObject',
            Parameters: { Bucket: 'results', Prefix: 'weather' },
          },
          End: true,
        },
      },
    });
    const execution = startExecution(
      definition,
      {},
      {
        invoker: mapFunction(store),
        mapRuns: createMapRunHooks(store),
        stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:weather',
      },
    );
    const result = await execution.result;
    expect(result.status).toBe('SUCCEEDED');
    const output = result.output as {
      MapRunArn: string;
      ResultWriterDetails: { Bucket: string; Key: string };
    };
    expect(output.MapRunArn).toMatch(/^arn:aws:states:us-east-1:000000000000:mapRun:weather\/Stations:/);
    expect(output.ResultWriterDetails.Bucket).toBe('results');
    const read = async (Key: string) =>
      JSON.parse(
        await (await h.s3.send(new GetObjectCommand({ Bucket: 'results', Key }))).Body!.transformToString(),
      );
    const manifest = await read(output.ResultWriterDetails.Key);
    expect(manifest.ResultFiles.SUCCEEDED).toHaveLength(1);
    expect(manifest.ResultFiles.FAILED).toHaveLength(1);
    const succeeded = (await read(manifest.ResultFiles.SUCCEEDED[0].Key)) as { Output: string }[];
    expect(succeeded).toHaveLength(3);
    const total = succeeded
      .map((s) => JSON.parse(s.Output) as Record<string, { sum: number; count: number }>)
      .reduce((acc, part) => acc + part['2024-01'].count, 0);
    expect(total).toBe(6);
    const failed = await read(manifest.ResultFiles.FAILED[0].Key);
    // Each batch ran as an EXPRESS child execution of `weather/Stations`; the file names it.
    expect(failed[0]).toMatchObject({
      Status: 'FAILED',
      Error: 'Lambda.Unknown',
      StateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:weather/Stations',
    });
    expect(failed[0].ExecutionArn).toMatch(/:express:weather\/Stations:[0-9a-f-]{36}:/);
    expect(JSON.parse(failed[0].Input).Items.map((i: { Key: string }) => i.Key)).toContain(
      '2024/station-7.csv',
    );
    expect(failed[0].Cause).toContain('corrupt file');
  });
});
