// The reduce step: reads the map run's results where ResultWriter stored them (a manifest naming the
// SUCCEEDED_/FAILED_ files, each a JSON array of child executions) and combines the batches into the
// average high per month. The results stay in S3 because a map run's outputs together can exceed the
// 256 KiB a state may pass on.
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mergeTotals, monthlyHighs, type MonthlyHigh, type MonthTotals } from './gsod.js';
import type { MapResult } from './map.js';

/** The Distributed Map's result when it has a ResultWriter. */
export interface ReduceInput {
  MapRunArn: string;
  ResultWriterDetails: { Bucket: string; Key: string };
}

/** The answer. */
export interface ReduceResult {
  months: MonthlyHigh[];
  files: number;
  rows: number;
  missing: number;
  batches: number;
  failedBatches: number;
}

interface Manifest {
  ResultFiles: Partial<Record<'SUCCEEDED' | 'FAILED' | 'PENDING', { Key: string; Size: number }[]>>;
}

const s3 = new S3Client({});

async function readJson<T>(bucket: string, key: string): Promise<T> {
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return JSON.parse(await object.Body!.transformToString()) as T;
}

/** Lambda handler for the reduce step. */
export async function handler(input: ReduceInput): Promise<ReduceResult> {
  const { Bucket, Key } = input.ResultWriterDetails;
  const manifest = await readJson<Manifest>(Bucket, Key);
  const totals: MonthTotals = {};
  const result: ReduceResult = { months: [], files: 0, rows: 0, missing: 0, batches: 0, failedBatches: 0 };
  for (const file of manifest.ResultFiles.SUCCEEDED ?? []) {
    const children = await readJson<{ Output: string }[]>(Bucket, file.Key);
    for (const child of children) {
      const part = JSON.parse(child.Output) as MapResult;
      mergeTotals(totals, part.months);
      result.files += part.files;
      result.rows += part.rows;
      result.missing += part.missing;
      result.batches++;
    }
  }
  for (const file of manifest.ResultFiles.FAILED ?? []) {
    result.failedBatches += (await readJson<unknown[]>(Bucket, file.Key)).length;
  }
  result.months = monthlyHighs(totals);
  return result;
}
