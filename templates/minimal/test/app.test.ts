// Runs the app's template in eddy, in-process: an OrderPlaced event put on the bus reaches the handler.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startEddy, type RunningEddy } from 'eddy/testing';

let eddy: RunningEddy;

beforeAll(async () => {
  eddy = await startEddy({ template: 'template.yaml' });
}, 60_000);

afterAll(async () => {
  await eddy?.stop();
});

test('the rule sends OrderPlaced events to the hello function', () => {
  const rule = eddy.app.rules.find((r) => r.logicalId === 'HelloFunctionOrderPlaced');
  const hello = eddy.app.functions.find((f) => f.logicalId === 'HelloFunction');
  expect(JSON.parse(rule?.eventPattern ?? '{}')).toEqual({
    source: ['app.orders'],
    'detail-type': ['OrderPlaced'],
  });
  expect(rule?.targets.map((t) => t.arn)).toEqual([hello?.arn]);
});

test('an OrderPlaced event runs the handler, which logs the order id', async () => {
  const fixture = JSON.parse(readFileSync('events/order-placed.json', 'utf8'));
  const bus = eddy.app.buses.find((b) => b.logicalId === 'AppBus')!;
  const put = await eddy.putEvents([{ ...fixture, EventBusName: bus.name }]);
  expect(put.FailedEntryCount).toBe(0);
  const log = await eddy.waitFor(
    (r) => r.kind === 'log' && JSON.stringify(r.payload).includes('order o-1001 placed'),
    30_000,
  );
  expect(log.traceId).toBeTruthy();
});

test('the handler can be invoked directly', async () => {
  const { result } = await eddy.invoke('HelloFunction', { detail: { orderId: 'o-7' } });
  expect(result).toEqual({ greeted: 'o-7' });
});
