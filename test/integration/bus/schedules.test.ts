// Scheduled rules on the clock: a rate() rule created through the API and a template cron() rule emit
// AWS's "Scheduled Event" envelope to their targets only; EventBridge Scheduler schedules call their target.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DisableRuleCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { afterEach, expect, test } from 'vitest';
import { ManualClock } from '../../../src/shared/clock.js';
import { captureServer, startBus, type BusHarness, type CaptureServer } from './harness.js';

let bus: BusHarness | undefined;
let capture: CaptureServer;
let dir: string | undefined;
afterEach(async () => {
  await bus?.stop();
  await capture?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('rate() fires on the clock with the Scheduled Event envelope; disabling stops it', async () => {
  const clock = new ManualClock(Date.UTC(2026, 0, 1, 0, 0, 0));
  capture = await captureServer();
  bus = await startBus({ clock });
  await bus.events.send(new PutRuleCommand({ Name: 'tick', ScheduleExpression: 'rate(5 minutes)' }));
  await bus.events.send(new PutTargetsCommand({ Rule: 'tick', Targets: [{ Id: 't', Arn: capture.url }] }));
  clock.advance(4 * 60_000);
  await new Promise((r) => setTimeout(r, 50));
  expect(capture.bodies).toHaveLength(0);
  clock.advance(60_000);
  await expect.poll(() => capture.bodies.length).toBe(1);
  expect(capture.bodies[0]).toMatchObject({
    version: '0',
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '000000000000',
    time: '2026-01-01T00:05:00Z',
    region: 'us-east-1',
    resources: ['arn:aws:events:us-east-1:000000000000:rule/tick'],
    detail: {},
  });
  clock.advance(10 * 60_000);
  await expect.poll(() => capture.bodies.length).toBe(3);
  await bus.events.send(new DisableRuleCommand({ Name: 'tick' }));
  clock.advance(30 * 60_000);
  await new Promise((r) => setTimeout(r, 50));
  expect(capture.bodies).toHaveLength(3);
});

test('template cron() rule (AWS day-of-week numbering) and a Scheduler at() schedule in a time zone', async () => {
  // 2026-01-01 is a Thursday; cron day 6 is Friday in AWS's 1 = Sunday numbering.
  const clock = new ManualClock(Date.UTC(2026, 0, 1, 0, 0, 0));
  capture = await captureServer();
  dir = mkdtempSync(join(tmpdir(), 'eddy-bus-schedule-'));
  const file = join(dir, 'template.yaml');
  writeFileSync(
    file,
    `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Friday:
    Type: AWS::Events::Rule
    Properties:
      ScheduleExpression: cron(30 9 ? * 6 *)
      Targets:
        - Id: web
          Arn: ${capture.url}
  Once:
    Type: AWS::Scheduler::Schedule
    Properties:
      ScheduleExpression: at(2026-01-01T12:00:00)
      ScheduleExpressionTimezone: Europe/Paris
      FlexibleTimeWindow:
        Mode: 'OFF'
      Target:
        Arn: ${capture.url}
        RoleArn: arn:aws:iam::000000000000:role/scheduler
        Input: '{"once": true}'
`,
  );
  bus = await startBus({ template: file, clock });
  clock.advance(12 * 3_600_000);
  // Noon in Paris is 11:00 UTC.
  await expect.poll(() => capture.bodies).toEqual([{ once: true }]);
  clock.advance(24 * 3_600_000);
  await expect.poll(() => capture.bodies.length).toBe(2);
  expect((capture.bodies[1] as { time: string }).time).toBe('2026-01-02T09:30:00Z');
});
