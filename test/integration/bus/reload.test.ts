// Evolvable while running: a rule added to the template while eddy runs takes effect on the next event,
// events keep flowing during the reload, and a rule removed from the template stops matching.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { afterEach, expect, test } from 'vitest';
import { captureServer, startBus, type BusHarness, type CaptureServer } from './harness.js';

let dir: string;
let bus: BusHarness | undefined;
let capture: CaptureServer;
afterEach(async () => {
  await bus?.stop();
  await capture?.close();
  rmSync(dir, { recursive: true, force: true });
});

function template(rules: Record<string, string>): string {
  const resources = Object.entries(rules)
    .map(
      ([id, source]) => `  ${id}:
    Type: AWS::Events::Rule
    Properties:
      EventPattern:
        source: [${source}]
      Targets:
        - Id: web
          Arn: ${capture.url}
`,
    )
    .join('');
  return `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n${resources}`;
}

test('a rule added mid-stream matches the next events; a removed one stops', async () => {
  dir = mkdtempSync(join(tmpdir(), 'eddy-bus-reload-'));
  capture = await captureServer();
  const file = join(dir, 'template.yaml');
  writeFileSync(file, template({ First: 'a' }));
  bus = await startBus({ template: file, watch: true });
  const put = (source: string, n: number) =>
    bus!.events.send(
      new PutEventsCommand({ Entries: [{ Source: source, DetailType: 'T', Detail: JSON.stringify({ n }) }] }),
    );
  const got = (source: string) =>
    capture.bodies.filter((b) => (b as { source: string }).source === source).length;

  await put('a', 0);
  await expect.poll(() => got('a')).toBe(1);
  // Keep a stream of events flowing while the template changes.
  let sent = 1;
  const stream = setInterval(() => void put('a', sent++), 5);
  writeFileSync(file, template({ First: 'a', Second: 'b' }));
  await expect
    .poll(async () => (await bus!.events.send(new ListRulesCommand({}))).Rules?.length, { timeout: 10_000 })
    .toBe(2);
  clearInterval(stream);
  await put('b', 1);
  await expect.poll(() => got('b')).toBe(1);
  // Every event of the stream was delivered across the reload.
  await expect.poll(() => got('a')).toBe(sent);

  writeFileSync(file, template({ Second: 'b' }));
  await expect
    .poll(async () => (await bus!.events.send(new ListRulesCommand({}))).Rules?.map((r) => r.Name).length, {
      timeout: 10_000,
    })
    .toBe(1);
  await put('a', 99);
  await put('b', 2);
  await expect.poll(() => got('b')).toBe(2);
  expect(got('a')).toBe(sent);
});

test('API-created rules live beside template rules; the template wins for what it declares', async () => {
  dir = mkdtempSync(join(tmpdir(), 'eddy-bus-reload-'));
  capture = await captureServer();
  const file = join(dir, 'template.yaml');
  writeFileSync(file, template({ First: 'a' }));
  bus = await startBus({ template: file, watch: true });
  const events = bus.events;
  await events.send(new PutRuleCommand({ Name: 'mine', EventPattern: '{"source":["api"]}' }));
  const templateRule = (await events.send(new ListRulesCommand({}))).Rules!.find((r) => r.Name !== 'mine')!;
  // Changing the template's rule through the API lasts until the template is applied again.
  await events.send(
    new PutTargetsCommand({ Rule: templateRule.Name, Targets: [{ Id: 'extra', Arn: capture.url }] }),
  );
  expect((await events.send(new ListTargetsByRuleCommand({ Rule: templateRule.Name }))).Targets).toHaveLength(
    2,
  );
  writeFileSync(file, template({ First: 'a', Second: 'b' }));
  await expect
    .poll(async () => (await events.send(new ListRulesCommand({}))).Rules?.length, { timeout: 10_000 })
    .toBe(3);
  const names = (await events.send(new ListRulesCommand({}))).Rules!.map((r) => r.Name);
  expect(names).toContain('mine');
  expect(
    (await events.send(new ListTargetsByRuleCommand({ Rule: templateRule.Name }))).Targets!.map((t) => t.Id),
  ).toEqual(['web']);
});
