// A worker of the plain-Node baselines: receives batches of keys (paths relative to the data folder),
// reads each station file and sums its daily highs per month with the example's own parser, and answers
// with the batch's totals. `baseline-worker.ts <dir>` reads from disk; with AWS_ENDPOINT_URL set (the
// SDK-floor baseline) it runs the example's map handler itself, which reads every object with
// @aws-sdk/client-s3 GetObject from that endpoint: the same code as in eddy, minus eddy.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { addStationFile, type MonthTotals } from '../../../templates/weather/src/handlers/gsod.js';

const dir = process.argv[2];
const viaSdk = process.env.AWS_ENDPOINT_URL !== undefined;
const mapHandler = viaSdk
  ? (await import('../../../templates/weather/src/handlers/map.js')).handler
  : undefined;

async function fromDisk(batch: string[]): Promise<{ months: MonthTotals; files: number }> {
  const months: MonthTotals = {};
  let files = 0;
  // The same overlap of reads as the map function (8 at a time), so both wait on I/O alike.
  let next = 0;
  const reader = async () => {
    while (next < batch.length) {
      addStationFile(await readFile(join(dir, batch[next++]), 'utf8'), months);
      files++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, batch.length) }, reader));
  return { months, files };
}

process.on('message', async (batch: string[]) => {
  // An empty batch: no more work.
  if (batch.length === 0) return process.disconnect();
  const part = mapHandler
    ? await mapHandler({ BatchInput: { Bucket: 'stations' }, Items: batch.map((Key) => ({ Key })) })
    : await fromDisk(batch);
  process.send!({ months: part.months, files: part.files });
});
