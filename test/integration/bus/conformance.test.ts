// The EventBridge API conformance suite: every case of api-errors.json (recorded against AWS) sent
// through @aws-sdk/client-eventbridge to eddy; rule targets point at a local HTTP server so delivered
// events can be checked. Setup steps that create a connection hand its ARN to the steps after them.
import {
  ListReplaysCommand,
  ListRulesCommand,
  DescribeReplayCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  call,
  concreteParams,
  expectShape,
  loadCases,
  namesFor,
  substitute,
  type ApiCase,
} from './conformance-support.js';
import { captureServer, startBus, type BusHarness, type CaptureServer } from './harness.js';

let bus: BusHarness;
let capture: CaptureServer;
beforeAll(async () => {
  bus = await startBus();
  capture = await captureServer();
});
afterAll(async () => {
  await bus.stop();
  await capture.close();
});

const cases = loadCases();

/** Cases where eddy differs from AWS on purpose. */
const KNOWN_DIFFERENCES: Record<string, string> = {
  'StartReplay/more-than-10-active-replays':
    'eddy runs a replay at once (AWS takes minutes), so ten replays are never in progress together',
};

describe('api-errors.json', () => {
  cases.forEach((raw, index) => {
    const skip = KNOWN_DIFFERENCES[raw.name];
    test.skipIf(skip !== undefined)(raw.name, async () => {
      capture.bodies.length = 0;
      const names = namesFor(index, capture.url);
      // The recorded message shows the EventBusName sent, `default` included.
      if (raw.name.endsWith('default-bus') && raw.operation === 'PutEvents') names['<bus-name>'] = 'default';
      const c = substitute(raw, names);
      // The recorded message stands for the over-long Id with this literal.
      const id = (c.request.Targets as { Id?: string }[] | undefined)?.[0]?.Id;
      if (id && c.expect.message) c.expect.message = c.expect.message.replace('second-invalid-target-id', id);
      await runCase(c, names);
    });
  });
});

async function runCase(c: ApiCase, names: Record<string, string>): Promise<void> {
  const now = Math.floor(Date.now() / 1000);
  // Some recordings created their bus in a fixture outside the case's setup.
  const setupText = JSON.stringify(c.setup ?? []);
  if (setupText.includes(`event-bus/${names['<event-bus-name>']}`) && !setupText.includes('CreateEventBus')) {
    await call(bus.events, 'CreateEventBus', { Name: names['<event-bus-name>'] });
  }
  let request = c.request;
  for (const step of c.setup ?? []) {
    if (!step.operation) continue;
    const params = substitute(concreteParams(step.operation, step.params, names), names);
    const outcome = await call(bus.events, step.operation, params);
    if (!step.ignoreError) expect(outcome, `setup ${step.operation}`).toMatchObject({ ok: true });
    // `returns: "<connection-arn>"`: later steps and the request use the ARN this step answered with.
    if (step.returns && outcome.ok) {
      names[step.returns] = String(outcome.body.ConnectionArn ?? outcome.body.ApiDestinationArn);
      request = substitute(request, names);
    }
  }
  if (c.name.startsWith('StartReplay/replay-flow')) {
    request = { ...request, EventStartTime: now - 30, EventEndTime: now + 30 };
    await expect.poll(() => capture.bodies.length).toBe(3);
    capture.bodies.length = 0;
  }
  if (c.expect.deliveredEventTime) await deliverTo(names, 'core.update-account-command');
  const outcome = await call(bus.events, c.operation, request);
  const want = c.expect;
  expect(outcome.status).toBe(want.httpStatus);
  if (want.code) {
    expect(outcome).toMatchObject({ ok: false, code: want.code, message: want.message });
    return;
  }
  expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
  if (!outcome.ok) return;
  if (want.response) expectShape(outcome.body, want.response);
  if (want.listRulesAfter) {
    const list = await bus.events.send(new ListRulesCommand({ NamePrefix: names['<rule-name>'] }));
    expectShape({ Rules: list.Rules }, want.listRulesAfter);
  }
  if (want.sqsMessagesOnDefaultBusRuleTarget) {
    await expect.poll(() => capture.bodies.length).toBe(1);
    expectShape(capture.bodies, want.sqsMessagesOnDefaultBusRuleTarget);
    const ids = (outcome.body.Entries as { EventId: string }[]).map((e) => e.EventId);
    expect((capture.bodies[0] as { id: string }).id).toBe(ids[0]);
  }
  if (want.deliveredEventTime) {
    // Other cases' rules on the default bus may deliver here too: pick this case's event.
    const mine = () =>
      capture.bodies.find((b) => (b as { detail: { message?: string } }).detail.message === 'short time');
    await expect.poll(mine).toBeDefined();
    expect((mine() as { time: string }).time).toBe(want.deliveredEventTime);
  }
  if (want.replayedEventsReceivedBySqsTarget) await checkReplay(want, names);
}

async function deliverTo(names: Record<string, string>, source: string): Promise<void> {
  await bus.events.send(
    new PutRuleCommand({ Name: names['<rule-name>'], EventPattern: JSON.stringify({ source: [source] }) }),
  );
  await bus.events.send(
    new PutTargetsCommand({ Rule: names['<rule-name>'], Targets: [{ Id: 't', Arn: capture.url }] }),
  );
}

async function checkReplay(want: ApiCase['expect'], names: Record<string, string>): Promise<void> {
  await expect.poll(() => capture.bodies.length).toBe(3);
  expectShape(capture.bodies, want.replayedEventsReceivedBySqsTarget);
  for (const body of capture.bodies)
    expect((body as Record<string, unknown>)['replay-name']).toBe(names['<replay-name>']);
  const then = want.thenListReplays as { request: Record<string, unknown>; response: unknown };
  await expect
    .poll(
      async () =>
        (await bus.events.send(new DescribeReplayCommand({ ReplayName: names['<replay-name>'] }))).State,
    )
    .toBe('COMPLETED');
  const listed = await bus.events.send(new ListReplaysCommand(then.request));
  expectShape({ Replays: listed.Replays }, then.response);
  const described = await bus.events.send(new DescribeReplayCommand({ ReplayName: names['<replay-name>'] }));
  const { $metadata: _m, ...body } = described;
  const expected = (want.thenDescribeReplay as { response: Record<string, unknown> }).response;
  // EddyProgress is eddy's own addition; the SDK drops unknown members, so the shapes must agree.
  expectShape(body, expected);
}
