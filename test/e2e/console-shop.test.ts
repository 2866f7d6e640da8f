// The console on the shop example itself (templates/shop, the template `eddy new --template shop`
// scaffolds, with its real TypeScript handlers): its topology, a checkout put from the UI with a fixture
// from events/, the events it causes appearing live in an already open list, the event's page with its
// deliveries and what the handlers put, and a crashing payment retried into the dead-letter queue.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasChromium, screenshotDir, useConsole } from './browser.js';

const SHOP = join(import.meta.dirname, '../../templates/shop/template.yaml');

describe.skipIf(!hasChromium)('console on the shop example (headless Chromium)', () => {
  const session = useConsole(SHOP);
  const shots = screenshotDir();

  /** Puts an events/ fixture from the actions view; returns the event id the page links to. */
  async function putFixture(file: string): Promise<string> {
    await session.page.goto(`${session.eddy.endpoint}/#/actions`);
    await session.page.selectOption('#put-event select[name=fixture]', file);
    expect(await session.page.inputValue('#put-event select[name=bus]')).toBe('shop-bus');
    await session.page.click('#put-event button[type=submit]');
    const link = session.page.locator('#put-event a.event-link');
    await link.waitFor({ timeout: 15_000 });
    return (await link.textContent())!;
  }

  it('draws the shop: bus, rules, the four handlers, the archive and the DLQ', async () => {
    await session.page.goto(`${session.eddy.endpoint}/`);
    const titles = () => session.page.locator('#architecture g.node text.title').allTextContents();
    await expect
      .poll(titles, { timeout: 20_000 })
      .toEqual(
        expect.arrayContaining([
          'shop-bus',
          'OrderFunction',
          'PaymentFunction',
          'InvoiceFunction',
          'ReportingFunction',
          'shop-payment-dlq',
          'ShopArchive',
        ]),
      );
    // The payment rule's dead-letter queue is drawn as a dashed edge.
    expect(await session.page.locator('#architecture path.edge.dashed').count()).toBeGreaterThanOrEqual(1);
    await session.page.screenshot({ path: join(shots, 'shop-architecture.png'), fullPage: true });
  });

  it('puts a checkout from the UI and shows it live, with its deliveries and what it caused', async () => {
    // A second tab keeps the event list open: the events must appear there without a reload.
    const list = await session.browser.newPage({ viewport: { width: 1400, height: 900 } });
    list.on('pageerror', (error) => session.errors.push(error.message));
    await list.goto(`${session.eddy.endpoint}/#/events`);
    await list.locator('#event-count').waitFor();
    const id = await putFixture('checkout-requested.json');
    await list.locator('a.event-row', { hasText: id }).waitFor({ timeout: 15_000 });
    // The order handler puts OrderPlaced; payments then put PaymentSucceeded (real handlers, real SDK).
    for (const type of ['OrderPlaced', 'PaymentSucceeded'])
      await list.locator('a.event-row', { hasText: type }).first().waitFor({ timeout: 30_000 });
    await list.screenshot({ path: join(shots, 'shop-events.png') });
    await list.close();

    await session.page.goto(`${session.eddy.endpoint}/#/events/${id}`);
    await expect
      .poll(() => session.page.locator('#deliveries').textContent(), { timeout: 15_000 })
      .toMatch(/OrderFunction.*succeeded/);
    expect(await session.page.locator('#matched').textContent()).toContain('OrderFunctionCheckoutRequested');
    // The timeline follows the chain by trace id: the handler's logs and the event it put.
    await expect
      .poll(() => session.page.locator('#timeline').textContent(), { timeout: 15_000 })
      .toContain('event shop.orders / OrderPlaced on shop-bus');
    expect(await session.page.locator('#timeline').textContent()).toMatch(
      /invoked shop-OrderFunction-\w+: succeeded/,
    );
    await session.page.screenshot({ path: join(shots, 'shop-event.png'), fullPage: true });
  });

  it('shows a crashing payment retried, then dead-lettered, and the DLQ holding it', async () => {
    await putFixture('checkout-crash.json');
    // RetryPolicy: 3 retries with backoff (about 1 + 2 + 4 s), then the DLQ.
    const dead = await session.eddy.waitFor(
      (r) => r.kind === 'delivery' && r.payload.final === 'dead-lettered',
      25_000,
    );
    await session.page.goto(`${session.eddy.endpoint}/#/events/${dead.traceId}`);
    const payment = session.page.locator('#deliveries tr', { hasText: 'PaymentFunction' });
    await expect.poll(() => payment.textContent(), { timeout: 15_000 }).toContain('#4');
    expect(await payment.textContent()).toContain('payment provider unavailable');
    expect(await payment.textContent()).toContain('dead-lettered');
    await session.page.screenshot({ path: join(shots, 'shop-dead-letter.png'), fullPage: true });
    await session.page.goto(`${session.eddy.endpoint}/#/queues`);
    const waiting = session.page.locator('#queues tr[data-queue=shop-payment-dlq] td.num').first();
    await expect.poll(() => waiting.textContent(), { timeout: 15_000 }).toBe('1');
  });

  it('raised no error in the page', () => {
    expect(session.errors).toEqual([]);
  });
});
