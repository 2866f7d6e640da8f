// Lambda runtime figures: the overhead of a warm no-op invocation (median and p99) beside a direct
// in-process call of the same handler in the same run; hot-reload latency from the file write to the
// first invocation that returns the new code's result (median of 20 edits; target < 100 ms, aim 50 ms);
// and the cold start of an instance (wall time of the first invocation, and the Init Duration).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ManualClock } from '../../src/shared/clock.js';
import { cleanup, fnModel, project, startFunctions } from '../integration/functions/harness.js';

const WARM_RUNS = 2000;
const EDITS = 20;
const COLD_STARTS = 10;

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function line(label: string, samples: number[]): string {
  const f = (n: number) => n.toFixed(3).padStart(9);
  return `${label.padEnd(34)} median ${f(percentile(samples, 50))} ms   p99 ${f(percentile(samples, 99))} ms`;
}

const noop = (version: string) =>
  `export const handler = async (event) => ({ ok: true, version: '${version}', n: event.n });\n`;

async function warmOverhead(dir: string): Promise<void> {
  const h = await startFunctions([fnModel('Noop', dir, { handler: 'noop.handler' })]);
  try {
    const direct = async (event: { n: number }) => ({ ok: true, version: 'v0', n: event.n });
    const directSamples: number[] = [];
    const eddySamples: number[] = [];
    for (let i = 0; i < 200; i++) await h.service.invoke('Noop', { n: i });
    for (let i = 0; i < WARM_RUNS; i++) {
      const payload = JSON.stringify({ n: i });
      let t = performance.now();
      JSON.stringify(await direct(JSON.parse(payload) as { n: number }));
      directSamples.push(performance.now() - t);
      t = performance.now();
      await h.service.invoke('Noop', payload);
      eddySamples.push(performance.now() - t);
    }
    console.log(line('direct in-process call', directSamples));
    console.log(line('eddy warm invocation (no-op)', eddySamples));
    const overhead = percentile(eddySamples, 50) - percentile(directSamples, 50);
    console.log(`warm invocation overhead: ${overhead.toFixed(3)} ms median over ${WARM_RUNS} invocations`);
  } finally {
    await h.stop();
  }
}

async function hotReload(dir: string): Promise<void> {
  const h = await startFunctions([fnModel('Reload', dir, { handler: 'reload.handler' })], { watch: true });
  try {
    const latencies: number[] = [];
    await h.service.invoke('Reload', { n: 0 });
    for (let i = 1; i <= EDITS; i++) {
      // Saves a person makes are seconds apart; 250 ms lets the watcher throttle (50 ms) and the standby
      // process boot (see function-runtime.ts) settle, as they would between two saves.
      await new Promise((r) => setTimeout(r, 250));
      const version = `v${i}`;
      const started = performance.now();
      writeFileSync(join(dir, 'reload.mjs'), noop(version));
      for (;;) {
        const result = JSON.parse((await h.service.invoke('Reload', { n: i })).payload) as {
          version: string;
        };
        if (result.version === version) break;
        if (performance.now() - started > 10_000) throw new Error(`edit ${i} never took effect`);
      }
      latencies.push(performance.now() - started);
    }
    console.log(line(`hot reload, write → new result (${EDITS})`, latencies));
    console.log(`hot reload target: < 100 ms (aim 50 ms); median ${percentile(latencies, 50).toFixed(1)} ms`);
  } finally {
    await h.stop();
  }
}

async function coldStart(dir: string): Promise<void> {
  const clock = new ManualClock();
  const h = await startFunctions([fnModel('Cold', dir, { handler: 'noop.handler' })], {
    clock,
    idleMs: 1000,
  });
  try {
    const wall: number[] = [];
    const init: number[] = [];
    for (let i = 0; i < COLD_STARTS; i++) {
      clock.advance(1000); // reaps the idle instance: the next invocation starts a new one
      await new Promise((r) => setTimeout(r, 20));
      const started = performance.now();
      const result = await h.service.invoke('Cold', { n: i });
      wall.push(performance.now() - started);
      const report = result.logs.at(-1) ?? '';
      init.push(Number(/Init Duration: ([\d.]+) ms/.exec(report)?.[1] ?? NaN));
    }
    console.log(line(`cold start, first invocation (${COLD_STARTS})`, wall));
    console.log(line('cold start, Init Duration', init));
  } finally {
    await h.stop();
  }
}

/** Runs the three measurements and prints them. */
export default async function run(): Promise<void> {
  const dir = project({ 'noop.mjs': noop('v0'), 'reload.mjs': noop('v0') });
  try {
    await warmOverhead(dir);
    await hotReload(dir);
    await coldStart(dir);
  } finally {
    cleanup(dir);
  }
}
