// The storm against `eddy dev` as a user runs it: its own process, started from the built CLI, with the
// health checks sent from this process. The in-process storm (handler-storm.test.ts) checks every
// answer and the log lines; this one measures what a user sees, without the test helper's memory (it
// keeps every trace record) or this test's own work sharing eddy's event loop. Latency is a printed
// figure, never asserted; failed health checks and eddy dying are.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { EddyProcess } from '../crash/eddy-process.js';
import { healthLoop, invoke } from './storm-client.js';
import { stormProject } from './storm-project.js';

const state = mkdtempSync(join(tmpdir(), 'eddy-storm-state-'));
const eddy = new EddyProcess({ template: stormProject(), state });

afterAll(async () => {
  await eddy.stop();
  rmSync(state, { recursive: true, force: true });
});

test(
  'eddy dev keeps answering its health check through a storm of failing handlers',
  { timeout: 180_000 },
  async () => {
    const endpoint = await eddy.start();
    const health = await healthLoop(endpoint);
    const answers = await Promise.all(
      ['throws', 'rejects', 'exits', 'hangs', 'hogs', 'chatty', 'bigresult'].map((name) =>
        invoke(endpoint, name),
      ),
    );
    const figures = await health.stop();
    eddy.sampleMemory();
    console.log(
      `handler storm (eddy dev in its own process): health checks ${figures.checks}, failed ${figures.failures}, ` +
        `max latency ${Math.round(figures.maxMs)} ms, p99 ${Math.round(figures.p99Ms)} ms; ` +
        `eddy peak RSS ${Math.round(eddy.peakRssKb / 1024)} MB; load average ${loadavg()[0].toFixed(2)} ` +
        `(target: every health check within 100 ms)`,
    );
    const errorTypes = answers.map((a) => (JSON.parse(a.text) as { errorType?: string }).errorType);
    expect(errorTypes).toEqual([
      'TypeError',
      'Error',
      'Runtime.ExitError',
      'Sandbox.Timedout',
      'Runtime.OutOfMemory',
      undefined,
      'Function.ResponseSizeTooLarge',
    ]);
    expect(figures.failures).toBe(0);
    expect(eddy.running).toBe(true);
  },
);
