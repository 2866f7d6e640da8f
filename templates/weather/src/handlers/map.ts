// The map step: one batch of station files (listed by the Distributed Map's ItemReader) in, per-month
// sums and counts of the daily highs out. Reads each object with the ordinary S3 client; eddy sets
// AWS_ENDPOINT_URL locally, so the same code reads the local bucket or the real one.
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { addStationFile, type MonthTotals } from './gsod.js';

/** What ItemBatcher hands the map function: the listed objects and the BatchInput. */
export interface MapBatch {
  BatchInput: { Bucket: string };
  Items: { Key: string; Size?: number }[];
}

/** The batch's partial result. */
export interface MapResult {
  months: MonthTotals;
  files: number;
  rows: number;
  missing: number;
}

// One client per instance: warm invocations reuse its connections.
const s3 = new S3Client({});

/** Files read at a time within one batch: enough to overlap requests, few enough to bound memory. */
const PARALLEL_READS = 8;

async function read(bucket: string, key: string): Promise<string> {
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return object.Body!.transformToString();
}

/** Lambda handler for the map step. */
export async function handler(batch: MapBatch): Promise<MapResult> {
  const result: MapResult = { months: {}, files: 0, rows: 0, missing: 0 };
  // `aws s3 sync` of GSOD can bring other files (and folder markers) along: only CSVs are stations.
  const keys = batch.Items.map((item) => item.Key).filter((key) => key.endsWith('.csv'));
  let next = 0;
  const reader = async () => {
    while (next < keys.length) {
      const text = await read(batch.BatchInput.Bucket, keys[next++]);
      const { used, missing } = addStationFile(text, result.months);
      result.files++;
      result.rows += used;
      result.missing += missing;
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_READS, keys.length) }, reader));
  return result;
}
