// The minimal project, run in-process from this checkout: a put event reaches its TypeScript handler.
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startEddy, type RunningEddy } from '../../../src/testing/index.js';
import { copyTemplate } from '../../helpers/temp.js';

let eddy: RunningEddy;
const project = copyTemplate('minimal');

beforeAll(async () => {
  eddy = await startEddy({ template: join(project, 'template.yaml') });
}, 60_000);
afterAll(() => eddy?.stop());

test('an OrderPlaced event on the app bus runs the hello handler', async () => {
  const bus = eddy.app.buses.find((b) => b.logicalId === 'AppBus')!;
  const put = await eddy.putEvents([
    { Source: 'app.orders', DetailType: 'OrderPlaced', Detail: { orderId: 'o-42' }, EventBusName: bus.name },
  ]);
  expect(put.FailedEntryCount).toBe(0);
  const log = await eddy.waitFor(
    (r) => r.kind === 'log' && JSON.stringify(r.payload).includes('order o-42 placed'),
    30_000,
  );
  expect(log.traceId).toBe(put.Entries[0].EventId);
});

test('an event of another source runs nothing', async () => {
  const bus = eddy.app.buses.find((b) => b.logicalId === 'AppBus')!;
  await eddy.putEvents([
    { Source: 'app.other', DetailType: 'OrderPlaced', Detail: { orderId: 'o-43' }, EventBusName: bus.name },
  ]);
  const { result } = await eddy.invoke('HelloFunction', { detail: { orderId: 'probe' } });
  expect(result).toEqual({ greeted: 'probe' });
  expect(eddy.records.some((r) => JSON.stringify(r.payload).includes('order o-43 placed'))).toBe(false);
});
