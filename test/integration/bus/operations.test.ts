// The rule, target, bus and archive operations end to end through @aws-sdk/client-eventbridge.
import {
  CreateArchiveCommand,
  CreateEventBusCommand,
  DeleteArchiveCommand,
  DeleteEventBusCommand,
  DeleteRuleCommand,
  DescribeEventBusCommand,
  DescribeRuleCommand,
  DisableRuleCommand,
  EnableRuleCommand,
  ListArchivesCommand,
  ListEventBusesCommand,
  ListReplaysCommand,
  ListRuleNamesByTargetCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  TestEventPatternCommand,
  UpdateArchiveCommand,
} from '@aws-sdk/client-eventbridge';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { captureServer, startBus, type BusHarness, type CaptureServer } from './harness.js';

let bus: BusHarness;
let capture: CaptureServer;
beforeEach(async () => {
  bus = await startBus();
  capture = await captureServer();
});
afterEach(async () => {
  await bus.stop();
  await capture.close();
});

test('buses, rules and targets: create, describe, list, change and delete', async () => {
  const { EventBusArn } = await bus.events.send(
    new CreateEventBusCommand({ Name: 'orders', Description: 'd' }),
  );
  expect(EventBusArn).toBe('arn:aws:events:us-east-1:000000000000:event-bus/orders');
  expect((await bus.events.send(new DescribeEventBusCommand({ Name: 'orders' }))).Description).toBe('d');
  expect((await bus.events.send(new ListEventBusesCommand({}))).EventBuses?.map((b) => b.Name)).toEqual([
    'default',
    'orders',
  ]);

  const { RuleArn } = await bus.events.send(
    new PutRuleCommand({
      Name: 'big',
      EventBusName: 'orders',
      EventPattern: '{"detail":{"total":[{"numeric":[">",100]}]}}',
    }),
  );
  expect(RuleArn).toBe('arn:aws:events:us-east-1:000000000000:rule/orders/big');
  await bus.events.send(
    new PutTargetsCommand({
      Rule: 'big',
      EventBusName: 'orders',
      Targets: [
        { Id: 'a', Arn: capture.url },
        { Id: 'b', Arn: capture.url, Input: '{"fixed":1}' },
      ],
    }),
  );
  const described = await bus.events.send(new DescribeRuleCommand({ Name: 'big', EventBusName: 'orders' }));
  expect(described).toMatchObject({
    Name: 'big',
    State: 'ENABLED',
    EventBusName: 'orders',
    CreatedBy: '000000000000',
  });
  expect(
    (await bus.events.send(new ListRulesCommand({ EventBusName: 'orders' }))).Rules?.map((r) => r.Name),
  ).toEqual(['big']);
  const targets = await bus.events.send(
    new ListTargetsByRuleCommand({ Rule: 'big', EventBusName: 'orders' }),
  );
  expect(targets.Targets).toEqual([
    { Id: 'a', Arn: capture.url },
    { Id: 'b', Arn: capture.url, Input: '{"fixed":1}' },
  ]);
  const names = await bus.events.send(
    new ListRuleNamesByTargetCommand({ TargetArn: capture.url, EventBusName: 'orders' }),
  );
  expect(names.RuleNames).toEqual(['big']);

  const put = (total: number) =>
    bus.events.send(
      new PutEventsCommand({
        Entries: [
          { EventBusName: 'orders', Source: 's', DetailType: 'T', Detail: JSON.stringify({ total }) },
        ],
      }),
    );
  await put(50);
  await put(150);
  await expect.poll(() => capture.bodies.length).toBe(2);
  expect(capture.bodies).toContainEqual({ fixed: 1 });

  await bus.events.send(new DisableRuleCommand({ Name: 'big', EventBusName: 'orders' }));
  await put(200);
  await bus.events.send(new RemoveTargetsCommand({ Rule: 'big', EventBusName: 'orders', Ids: ['b'] }));
  await bus.events.send(new EnableRuleCommand({ Name: 'big', EventBusName: 'orders' }));
  await put(300);
  await expect.poll(() => capture.bodies.length).toBe(3);
  expect((capture.bodies[2] as { detail: { total: number } }).detail.total).toBe(300);

  await expect(
    bus.events.send(new DeleteRuleCommand({ Name: 'big', EventBusName: 'orders' })),
  ).rejects.toThrow("Rule can't be deleted since it has targets.");
  await bus.events.send(new RemoveTargetsCommand({ Rule: 'big', EventBusName: 'orders', Ids: ['a'] }));
  await bus.events.send(new DeleteRuleCommand({ Name: 'big', EventBusName: 'orders' }));
  expect((await bus.events.send(new ListRulesCommand({ EventBusName: 'orders' }))).Rules).toEqual([]);
  await bus.events.send(new DeleteEventBusCommand({ Name: 'orders' }));
  await expect(bus.events.send(new DescribeEventBusCommand({ Name: 'orders' }))).rejects.toThrow(
    'Event bus orders does not exist.',
  );
});

test('TestEventPattern, archives listing, update and delete, ListReplays', async () => {
  const event = JSON.stringify({
    id: '1',
    account: '1',
    source: 'shop',
    time: '2022-01-01T00:00:00Z',
    region: 'us-east-1',
    'detail-type': 'x',
    detail: { n: 5 },
  });
  const test = (pattern: string) =>
    bus.events.send(new TestEventPatternCommand({ EventPattern: pattern, Event: event }));
  expect((await test('{"detail":{"n":[{"numeric":[">",1]}]}}')).Result).toBe(true);
  expect((await test('{"source":[{"anything-but":"shop"}]}')).Result).toBe(false);
  await expect(test('{"source":"shop"}')).rejects.toThrow(/^Event pattern is not valid. Reason: /);

  const source = 'arn:aws:events:us-east-1:000000000000:event-bus/default';
  await bus.events.send(
    new CreateArchiveCommand({ ArchiveName: 'a1', EventSourceArn: source, RetentionDays: 3 }),
  );
  await bus.events.send(new UpdateArchiveCommand({ ArchiveName: 'a1', Description: 'new' }));
  const listed = await bus.events.send(new ListArchivesCommand({ EventSourceArn: source }));
  expect(listed.Archives).toMatchObject([
    { ArchiveName: 'a1', RetentionDays: 3, State: 'ENABLED', EventCount: 0 },
  ]);
  await bus.events.send(new DeleteArchiveCommand({ ArchiveName: 'a1' }));
  expect((await bus.events.send(new ListArchivesCommand({}))).Archives).toEqual([]);
  expect((await bus.events.send(new ListReplaysCommand({}))).Replays).toEqual([]);
});
