// Runs the shop in eddy, in-process: one CheckoutRequested flows through orders and payments, and
// invoicing and reporting receive what they subscribe to.
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startEddy, type RunningEddy } from 'eddy/testing';
import checkout from '../events/checkout-requested.json' with { type: 'json' };

let eddy: RunningEddy;
let events: EventBridgeClient;

beforeAll(async () => {
  eddy = await startEddy({ template: 'template.yaml' });
  events = new EventBridgeClient({
    endpoint: eddy.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
}, 60_000);

afterAll(async () => {
  events?.destroy();
  await eddy?.stop();
});

const invoked =
  (name: string) => (r: { kind: string; resource?: string; payload: Record<string, unknown> }) =>
    r.kind === 'invocation' && String(r.resource).includes(name) && r.payload.status === 'succeeded';

test('a checkout reaches invoicing and reporting', async () => {
  await events.send(
    new PutEventsCommand({ Entries: [{ ...checkout, Detail: JSON.stringify(checkout.Detail) }] }),
  );
  await eddy.waitFor(invoked('OrderFunction'), 30_000);
  await eddy.waitFor(invoked('PaymentFunction'), 30_000);
  await eddy.waitFor(invoked('InvoiceFunction'), 30_000);
  await expect
    .poll(() => eddy.records.filter(invoked('ReportingFunction')).length, { timeout: 30_000 })
    .toBe(2);
});
