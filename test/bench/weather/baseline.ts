// The physical limit the weather example is measured against: a plain Node program that lists the same
// folder, hands batches of the same size to the same number of worker processes as eddy runs handler
// instances, and merges their per-month totals into the same averages. No S3, no HTTP, no Step Functions.
import { fork, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  mergeTotals,
  monthlyHighs,
  type MonthlyHigh,
  type MonthTotals,
} from '../../../templates/weather/src/handlers/gsod.js';

/** The baseline's answer. */
export interface BaselineResult {
  months: MonthlyHigh[];
  files: number;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.csv'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** Runs the baseline over `dir` with `workers` processes and batches of `batchSize` files. */
export async function runBaseline(dir: string, workers: number, batchSize: number): Promise<BaselineResult> {
  const files = listFiles(dir);
  const batches: string[][] = [];
  for (let i = 0; i < files.length; i += batchSize) batches.push(files.slice(i, i + batchSize));
  const totals: MonthTotals = {};
  let read = 0;
  let nextBatch = 0;
  const work = (child: ChildProcess) =>
    new Promise<void>((resolve, reject) => {
      const feed = () => child.send(nextBatch < batches.length ? batches[nextBatch++] : []);
      child.on('message', (part: { months: MonthTotals; files: number }) => {
        mergeTotals(totals, part.months);
        read += part.files;
        feed();
      });
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited ${code}`))));
      feed();
    });
  await Promise.all(
    Array.from({ length: Math.min(workers, batches.length) }, () =>
      work(fork(join(import.meta.dirname, 'baseline-worker.ts'), [], { execArgv: ['--import', 'tsx'] })),
    ),
  );
  return { months: monthlyHighs(totals), files: read };
}
