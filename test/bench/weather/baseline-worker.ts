// A worker of the plain-Node baseline: receives batches of file paths, reads each file from disk and
// sums its daily highs per month with the example's own parser, and answers with the batch's totals.
import { readFile } from 'node:fs/promises';
import { addStationFile, type MonthTotals } from '../../../templates/weather/src/handlers/gsod.js';

process.on('message', async (batch: string[]) => {
  // An empty batch: no more work.
  if (batch.length === 0) return process.disconnect();
  const months: MonthTotals = {};
  let files = 0;
  // The same overlap of reads as the map function (8 at a time), so both wait on I/O alike.
  let next = 0;
  const reader = async () => {
    while (next < batch.length) {
      addStationFile(await readFile(batch[next++], 'utf8'), months);
      files++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, batch.length) }, reader));
  process.send!({ months, files });
});
