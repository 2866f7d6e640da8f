// CI-sized fuzz run: a few thousand malformed requests against every API of a running eddy. Set
// EDDY_FUZZ_SEED to replay a failing run (the seed is printed when it fails), EDDY_FUZZ_CASES to size it.
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startEddy, type RunningEddy } from '../../../src/testing/index.js';
import { runFuzz } from './run-fuzz.js';

// A fixed seed keeps CI repeatable; EDDY_FUZZ_SEED=random (or a number) explores, as `npm run soak` does.
const SEED =
  process.env.EDDY_FUZZ_SEED === 'random' ? Date.now() % 2 ** 31 : Number(process.env.EDDY_FUZZ_SEED ?? 1);
const CASES = Number(process.env.EDDY_FUZZ_CASES ?? 3000);

let eddy: RunningEddy;
const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort();

beforeAll(async () => {
  eddy = await startEddy({ template: join(import.meta.dirname, 'fixture/template.yaml') });
});

afterAll(async () => {
  await eddy?.stop();
});

test(`every malformed request gets an AWS-shaped 4xx (seed ${SEED})`, { timeout: 180_000 }, async () => {
  const rssBefore = process.memoryUsage().rss;
  const report = await runFuzz({
    endpoint: eddy.endpoint,
    cases: CASES,
    seed: SEED,
    sampleRss: () => process.memoryUsage().rss,
  });
  const summary = {
    seed: SEED,
    tried: report.tried,
    fiveXX: report.fiveXX,
    hangs: report.hangs,
    badShapes: report.badShapes,
    dropped: report.dropped,
    byApi: report.byApi,
    maxHealthMs: Math.round(report.maxHealthMs),
    peakRssMB: Math.round((report.peakRssBytes ?? 0) / 2 ** 20),
  };
  console.log(`fuzz: ${JSON.stringify(summary)}`);
  const failed = report.fiveXX + report.hangs + report.badShapes + report.dropped + report.healthFailures;
  expect(failed, `replay with EDDY_FUZZ_SEED=${SEED}:\n${JSON.stringify(report.failures, null, 1)}`).toBe(0);
  expect(report.tried).toBeGreaterThan(CASES * 0.9);
  // Memory stays bounded: a few thousand requests (16 MB bodies among them) must not pile up.
  expect(report.peakRssBytes ?? 0).toBeLessThan(rssBefore + 1024 * 2 ** 20);
  // A request that smuggled a key onto Object.prototype would change every object in the process.
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoBefore);
});
