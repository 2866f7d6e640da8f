// The fuzzer's part of the soak: its own `eddy dev` child (the fuzz fixture app on a temp state
// folder), `cases` malformed requests through test/reliability/fuzz/run-fuzz.ts, the child's peak RSS.
// When that module is not there, the fuzz is reported as not run.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EddyProcess } from '../reliability/crash/eddy-process.js';

const FUZZ_DIR = join(import.meta.dirname, '../reliability/fuzz');

/** What the soak reports of the fuzz. */
export type FuzzFigures =
  | { run: false; reason: string }
  | {
      run: true;
      tried: number;
      fiveXX: number;
      hangs: number;
      dropped: number;
      badShapes: number;
      healthFailures: number;
      maxHealthMs: number;
      peakRssKb: number;
      /** eddy died while being fuzzed. */
      crashed: boolean;
      failures: unknown[];
    };

/** Runs the fuzzer against a fresh eddy child. */
export async function soakFuzz(cases: number, seed: number): Promise<FuzzFigures> {
  const module = join(FUZZ_DIR, 'run-fuzz.ts');
  if (cases === 0) return { run: false, reason: 'skipped (--fuzz 0)' };
  if (!existsSync(module)) return { run: false, reason: 'test/reliability/fuzz/run-fuzz.ts not found' };
  const { runFuzz } =
    (await import('../reliability/fuzz/run-fuzz.js')) as typeof import('../reliability/fuzz/run-fuzz.js');
  const state = mkdtempSync(join(tmpdir(), 'eddy-soak-fuzz-'));
  const eddy = new EddyProcess({ template: join(FUZZ_DIR, 'fixture/template.yaml'), state });
  try {
    const endpoint = await eddy.start();
    const report = await runFuzz({
      endpoint,
      cases,
      seed,
      sampleRss: () => {
        eddy.sampleMemory();
        return eddy.peakRssKb * 1024;
      },
    });
    const crashed = !eddy.running;
    eddy.sampleMemory();
    return {
      run: true,
      tried: report.tried,
      fiveXX: report.fiveXX,
      hangs: report.hangs,
      dropped: report.dropped,
      badShapes: report.badShapes,
      healthFailures: report.healthFailures,
      maxHealthMs: Math.round(report.maxHealthMs),
      peakRssKb: eddy.peakRssKb,
      crashed,
      failures: report.failures.slice(0, 5),
    };
  } finally {
    await eddy.stop();
    rmSync(state, { recursive: true, force: true });
  }
}

/** Runs soakFuzz in a child process (fuzz-main.ts) and resolves with its figures. */
export function soakFuzzInChild(cases: number, seed: number): Promise<FuzzFigures> {
  const main = join(import.meta.dirname, 'fuzz-main.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', main, String(cases), String(seed)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      try {
        resolve(JSON.parse(last) as FuzzFigures);
      } catch {
        resolve({ run: false, reason: `the fuzz process exited ${code} without figures` });
      }
    }),
  );
}
