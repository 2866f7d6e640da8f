// The limits the weather example is measured against: a plain Node program that lists the same folder,
// hands batches of the same size to the same number of worker processes as eddy runs handler
// instances, and merges their per-month totals into the same averages. No Step Functions, no Lambda.
// `plain`: the workers read the files from disk. `sdk`: the workers run the example's map handler, which
// reads each file with @aws-sdk/client-s3 GetObject from a bare HTTP file server in its own process
// (file-server.ts): the floor for any S3 emulator serving this handler.
import { fork, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  mergeTotals,
  monthlyHighs,
  type MonthlyHigh,
  type MonthTotals,
} from '../../../templates/weather/src/handlers/gsod.js';

/** How the workers read the station files. */
export type BaselineKind = 'plain' | 'sdk';

/** The baseline's answer. */
export interface BaselineResult {
  months: MonthlyHigh[];
  files: number;
  /** CPU ms of the file server process (the `sdk` baseline only). */
  serverCpuMs?: number;
}

function listKeys(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.csv'))
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

const TSX = { execArgv: ['--import', 'tsx'] };

/** The file server of the `sdk` baseline, listening; `stop()` resolves with the CPU ms it used. */
async function startFileServer(dir: string): Promise<{ endpoint: string; stop(): Promise<number> }> {
  const server = fork(join(import.meta.dirname, 'file-server.ts'), [dir], TSX);
  const port = await new Promise<number>((resolve, reject) => {
    server.once('message', (m: { port: number }) => resolve(m.port));
    server.once('exit', (code) => reject(new Error(`file server exited ${code}`)));
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<number>((resolve) => {
        server.once('message', (m: { cpuMs: number }) => resolve(m.cpuMs));
        server.send('stop');
      }),
  };
}

/** The environment of a worker: the SDK's settings as eddy gives a handler, or none at all. */
function workerEnv(endpoint: string | undefined): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.AWS_ENDPOINT_URL;
  if (endpoint === undefined) return env;
  return {
    ...env,
    AWS_ENDPOINT_URL: endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_SESSION_TOKEN: 'test',
  };
}

/** Runs a baseline over `dir` with `workers` processes and batches of `batchSize` files. */
export async function runBaseline(
  kind: BaselineKind,
  dir: string,
  workers: number,
  batchSize: number,
): Promise<BaselineResult> {
  const server = kind === 'sdk' ? await startFileServer(dir) : undefined;
  const keys = listKeys(dir);
  const batches: string[][] = [];
  for (let i = 0; i < keys.length; i += batchSize) batches.push(keys.slice(i, i + batchSize));
  const totals: MonthTotals = {};
  let read = 0;
  let nextBatch = 0;
  const work = (child: ChildProcess) =>
    new Promise<void>((resolve, reject) => {
      // The SDK's warnings (its Node.js version notice) would repeat once per worker: kept for failures.
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const feed = () => child.send(nextBatch < batches.length ? batches[nextBatch++] : []);
      child.on('message', (part: { months: MonthTotals; files: number }) => {
        mergeTotals(totals, part.months);
        read += part.files;
        feed();
      });
      child.on('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`worker exited ${code}\n${stderr}`)),
      );
      feed();
    });
  let serverCpuMs: number | undefined;
  try {
    await Promise.all(
      Array.from({ length: Math.min(workers, batches.length) }, () =>
        work(
          fork(join(import.meta.dirname, 'baseline-worker.ts'), [dir], {
            ...TSX,
            env: workerEnv(server?.endpoint),
            stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
          }),
        ),
      ),
    );
  } finally {
    serverCpuMs = await server?.stop();
  }
  return { months: monthlyHighs(totals), files: read, ...(serverCpuMs === undefined ? {} : { serverCpuMs }) };
}
