// `eddy events put` and `eddy replay` against an eddy started in-process (the built CLI, via execa).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateArchiveCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { eddy } from '../../helpers/cli.js';
import { captureServer, startBus, type BusHarness, type CaptureServer } from './harness.js';

let bus: BusHarness;
let capture: CaptureServer;
let dir: string;
beforeAll(async () => {
  bus = await startBus();
  capture = await captureServer();
  dir = mkdtempSync(join(tmpdir(), 'eddy-bus-cli-'));
  await bus.events.send(new PutRuleCommand({ Name: 'cart', EventPattern: '{"source":["shop.cart"]}' }));
  await bus.events.send(new PutTargetsCommand({ Rule: 'cart', Targets: [{ Id: 't', Arn: capture.url }] }));
  await bus.events.send(
    new CreateArchiveCommand({
      ArchiveName: 'all',
      EventSourceArn: 'arn:aws:events:us-east-1:000000000000:event-bus/default',
    }),
  );
});
afterAll(async () => {
  await bus.stop();
  await capture.close();
  rmSync(dir, { recursive: true, force: true });
});

test('events put with flags prints the event id', async () => {
  const result = await eddy([
    'events',
    'put',
    '--endpoint',
    bus.eddy.endpoint,
    '--source',
    'shop.cart',
    '--detail-type',
    'CheckoutRequested',
    '--detail',
    '{"cartId":"c1"}',
  ]);
  expect(result.exitCode).toBe(0);
  const id = result.stdout.trim();
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  await expect.poll(() => capture.bodies.some((b) => (b as { id: string }).id === id)).toBe(true);
});

test('events put --file takes one entry, an array, or a PutEvents request; --json', async () => {
  const one = join(dir, 'one.json');
  writeFileSync(one, JSON.stringify({ source: 'shop.cart', 'detail-type': 'A', detail: { n: 1 } }));
  const many = join(dir, 'many.json');
  writeFileSync(
    many,
    JSON.stringify({
      Entries: Array.from({ length: 12 }, (_, n) => ({
        Source: 'shop.cart',
        DetailType: 'B',
        Detail: JSON.stringify({ n }),
      })),
    }),
  );
  const first = await eddy(['events', 'put', '--endpoint', bus.eddy.endpoint, '--file', one, '--json']);
  expect(JSON.parse(first.stdout)).toMatchObject({
    failedEntryCount: 0,
    entries: [{ eventId: expect.any(String) }],
  });
  const second = await eddy(['events', 'put', '--endpoint', bus.eddy.endpoint, '--file', many]);
  expect(second.stdout.trim().split('\n')).toHaveLength(12);
  const bad = await eddy([
    'events',
    'put',
    '--endpoint',
    bus.eddy.endpoint,
    '--source',
    's',
    '--detail-type',
    'd',
    '--detail',
    '[1]',
  ]);
  expect(bad.exitCode).toBe(1);
  expect(bad.stdout).toContain('MalformedDetail: Detail is malformed.');
});

test('replay --wait replays the archive and prints a summary', async () => {
  await expect.poll(() => capture.bodies.length).toBeGreaterThanOrEqual(14);
  const before = capture.bodies.length;
  const result = await eddy([
    'replay',
    '--endpoint',
    bus.eddy.endpoint,
    '--from',
    '5m',
    '--rule',
    'cart',
    '--wait',
    '--json',
  ]);
  expect(result.exitCode, result.stderr).toBe(0);
  const summary = JSON.parse(result.stdout);
  expect(summary).toMatchObject({ archive: 'all', state: 'COMPLETED', failures: 0 });
  expect(summary.eventsReplayed).toBeGreaterThanOrEqual(14);
  expect(summary.deliveries).toBe(summary.eventsReplayed);
  expect(capture.bodies.length).toBe(before + summary.eventsReplayed);
});
