// Durability: eddy is killed with SIGKILL in the middle of a PutEvents burst, then started again on the
// same state folder; every acknowledged event still reaches its target (at-least-once), and rules
// created through the API survive the restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { execa } from 'execa';
import { afterEach, expect, test } from 'vitest';
import { captureServer, clientConfig, startBus, type CaptureServer } from './harness.js';

let state: string;
let capture: CaptureServer;
afterEach(async () => {
  await capture?.close();
  rmSync(state, { recursive: true, force: true });
});

test('kill -9 during a burst loses no acknowledged event', async () => {
  state = mkdtempSync(join(tmpdir(), 'eddy-bus-durable-'));
  capture = await captureServer();
  // A target slower than the burst, so deliveries are still pending when the process dies.
  capture.delayMs = 3_000;
  const child = execa('node', ['--import', 'tsx', join(import.meta.dirname, 'fixtures/serve.ts'), state], {
    reject: false,
  });
  const endpoint = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.on('exit', () => reject(new Error('eddy exited early')));
  });
  const events = new EventBridgeClient(clientConfig(endpoint));
  await events.send(new PutRuleCommand({ Name: 'all', EventPattern: '{"source":["burst"]}' }));
  await events.send(new PutTargetsCommand({ Rule: 'all', Targets: [{ Id: 'web', Arn: capture.url }] }));
  const acked: string[] = [];
  const burst = (async () => {
    for (let i = 0; ; i++) {
      const entries = Array.from({ length: 10 }, (_, j) => ({
        Source: 'burst',
        DetailType: 'T',
        Detail: JSON.stringify({ i, j }),
      }));
      try {
        const out = await events.send(new PutEventsCommand({ Entries: entries }));
        acked.push(...out.Entries!.map((e) => e.EventId!));
      } catch {
        return;
      }
    }
  })();
  await expect.poll(() => acked.length, { timeout: 10_000 }).toBeGreaterThan(300);
  child.kill('SIGKILL');
  await burst;
  await child;
  events.destroy();
  const before = capture.bodies.length;
  capture.delayMs = 0;

  const restarted = await startBus({ state });
  try {
    const delivered = () => new Set(capture.bodies.map((b) => (b as { id: string }).id));
    await expect.poll(() => acked.filter((id) => !delivered().has(id)).length, { timeout: 20_000 }).toBe(0);
    expect(acked.length).toBeGreaterThan(300);
    // The kill left deliveries pending: the restarted eddy made them.
    expect(before).toBeLessThan(acked.length);
  } finally {
    await restarted.stop();
  }
}, 60_000);
