// Archives and replays through the SDK: an archive holds matching events as soon as they are committed;
// a replay re-sends a time window to the archive's bus, limited to FilterArns, with `replay-name` set,
// and replayed events are not archived again.
import {
  CancelReplayCommand,
  CreateArchiveCommand,
  DescribeArchiveCommand,
  DescribeReplayCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  StartReplayCommand,
} from '@aws-sdk/client-eventbridge';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { captureServer, startBus, type BusHarness, type CaptureServer } from './harness.js';

let bus: BusHarness;
let one: CaptureServer;
let two: CaptureServer;
beforeEach(async () => {
  bus = await startBus();
  one = await captureServer();
  two = await captureServer();
});
afterEach(async () => {
  await bus.stop();
  await one.close();
  await two.close();
});

const busArn = 'arn:aws:events:us-east-1:000000000000:event-bus/default';

test('archive, replay to one rule, replay-name, no re-archiving', async () => {
  await bus.events.send(new PutRuleCommand({ Name: 'one', EventPattern: '{"source":["shop"]}' }));
  await bus.events.send(new PutTargetsCommand({ Rule: 'one', Targets: [{ Id: 't', Arn: one.url }] }));
  await bus.events.send(new PutRuleCommand({ Name: 'two', EventPattern: '{"source":["shop"]}' }));
  await bus.events.send(new PutTargetsCommand({ Rule: 'two', Targets: [{ Id: 't', Arn: two.url }] }));
  await bus.events.send(
    new CreateArchiveCommand({
      ArchiveName: 'shop',
      EventSourceArn: busArn,
      EventPattern: '{"detail-type":["Order"]}',
    }),
  );
  const start = new Date(Date.now() - 1000);
  await bus.events.send(
    new PutEventsCommand({
      Entries: [
        { Source: 'shop', DetailType: 'Order', Detail: '{"n":1}' },
        { Source: 'shop', DetailType: 'Order', Detail: '{"n":2}' },
        { Source: 'shop', DetailType: 'Other', Detail: '{"n":3}' },
      ],
    }),
  );
  const archive = await bus.events.send(new DescribeArchiveCommand({ ArchiveName: 'shop' }));
  expect(archive.EventCount).toBe(2);
  expect(archive.SizeBytes).toBeGreaterThan(0);
  await expect.poll(() => one.bodies.length).toBe(3);
  await expect.poll(() => two.bodies.length).toBe(3);

  const started = await bus.events.send(
    new StartReplayCommand({
      ReplayName: 'again',
      EventSourceArn: 'arn:aws:events:us-east-1:000000000000:archive/shop',
      EventStartTime: start,
      EventEndTime: new Date(Date.now() + 1000),
      Destination: { Arn: busArn, FilterArns: ['arn:aws:events:us-east-1:000000000000:rule/one'] },
    }),
  );
  expect(started.State).toBe('STARTING');
  await expect
    .poll(async () => (await bus.events.send(new DescribeReplayCommand({ ReplayName: 'again' }))).State)
    .toBe('COMPLETED');
  await expect.poll(() => one.bodies.length).toBe(5);
  const replayed = one.bodies.slice(3) as Record<string, unknown>[];
  expect(replayed.map((e) => (e.detail as { n: number }).n)).toEqual([1, 2]);
  expect(replayed.every((e) => e['replay-name'] === 'again')).toBe(true);
  expect(Object.keys(replayed[0])).toEqual([
    'version',
    'id',
    'detail-type',
    'source',
    'account',
    'time',
    'region',
    'replay-name',
    'resources',
    'detail',
  ]);
  // Only rule `one` was replayed to, and the archive did not grow.
  await new Promise((r) => setTimeout(r, 100));
  expect(two.bodies).toHaveLength(3);
  expect((await bus.events.send(new DescribeArchiveCommand({ ArchiveName: 'shop' }))).EventCount).toBe(2);
  const described = await bus.events.send(new DescribeReplayCommand({ ReplayName: 'again' }));
  expect(described.EventLastReplayedTime).toBeInstanceOf(Date);
  await expect(bus.events.send(new CancelReplayCommand({ ReplayName: 'again' }))).rejects.toThrow(
    /not in a state/,
  );
});
