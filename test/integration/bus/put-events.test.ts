import { PutEventsCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
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

describe('PutEvents', () => {
  test('delivers the envelope AWS builds to a matching rule target, with trace records', async () => {
    await bus.events.send(
      new PutRuleCommand({ Name: 'orders', EventPattern: JSON.stringify({ source: ['shop'] }) }),
    );
    await bus.events.send(
      new PutTargetsCommand({ Rule: 'orders', Targets: [{ Id: 'web', Arn: capture.url }] }),
    );
    const out = await bus.events.send(
      new PutEventsCommand({
        Entries: [
          {
            Source: 'shop',
            DetailType: 'OrderPlaced',
            Detail: '{"id":1}',
            Time: new Date('2022-01-01T00:00:00Z'),
          },
          { Source: 'other', DetailType: 'X', Detail: '{}' },
          { Source: 'shop', DetailType: 'X', Detail: '[]' },
        ],
      }),
    );
    expect(out.FailedEntryCount).toBe(1);
    expect(out.Entries?.[2]).toEqual({ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' });
    const id = out.Entries![0].EventId!;
    await expect.poll(() => capture.bodies.length).toBe(1);
    expect(capture.bodies[0]).toEqual({
      version: '0',
      id,
      'detail-type': 'OrderPlaced',
      source: 'shop',
      account: '000000000000',
      time: '2022-01-01T00:00:00Z',
      region: 'us-east-1',
      resources: [],
      detail: { id: 1 },
    });
    await bus.eddy.waitFor(
      (r) => r.kind === 'delivery' && r.traceId === id && r.payload.outcome === 'succeeded',
    );
    const kinds = bus.eddy.records.filter((r) => r.traceId === id).map((r) => r.kind);
    expect(kinds).toEqual(['event', 'match', 'delivery']);
    const event = bus.eddy.records.find((r) => r.kind === 'event' && r.traceId === id)!;
    expect((event.payload.event as { source: string }).source).toBe('shop');
  });

  test('applies an InputTransformer', async () => {
    await bus.events.send(new PutRuleCommand({ Name: 'r', EventPattern: '{"detail-type":["A"]}' }));
    await bus.events.send(
      new PutTargetsCommand({
        Rule: 'r',
        Targets: [
          {
            Id: 't',
            Arn: capture.url,
            InputTransformer: {
              InputPathsMap: { n: '$.detail.n' },
              InputTemplate: '{"count": <n>, "rule": "<aws.events.rule-name>"}',
            },
          },
        ],
      }),
    );
    await bus.events.send(
      new PutEventsCommand({ Entries: [{ Source: 's', DetailType: 'A', Detail: '{"n":3}' }] }),
    );
    await expect.poll(() => capture.bodies).toEqual([{ count: 3, rule: 'r' }]);
  });
});
