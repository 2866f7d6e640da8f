// Idle instances are stopped after the idle period (on the Clock); the next invocation starts a new one.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ManualClock } from '../../../src/shared/clock.js';
import { cleanup, fnModel, type Harness, project, startFunctions } from './harness.js';

let dir: string;
let h: Harness;
const clock = new ManualClock();

beforeAll(async () => {
  dir = project({ 'app.js': 'exports.handler = async () => process.pid;\n' });
  h = await startFunctions([fnModel('Fn', dir)], { clock, idleMs: 10_000 });
});

afterAll(async () => {
  await h?.stop();
  cleanup(dir);
});

test('an idle instance is reaped after the idle period and replaced on demand', async () => {
  const first = JSON.parse((await h.service.invoke('Fn', {})).payload);
  expect(h.service.instanceCount('Fn')).toBe(1);
  clock.advance(9_000);
  expect(JSON.parse((await h.service.invoke('Fn', {})).payload)).toBe(first);
  // The idle period restarts with each invocation.
  clock.advance(9_000);
  expect(h.service.instanceCount('Fn')).toBe(1);
  clock.advance(1_000);
  expect(h.service.instanceCount('Fn')).toBe(0);
  const second = JSON.parse((await h.service.invoke('Fn', {})).payload);
  expect(second).not.toBe(first);
});
