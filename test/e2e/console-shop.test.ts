// The console on the shop example itself (templates/shop, the template `eddy new --template shop`
// scaffolds, with its real TypeScript handlers): its topology, a checkout put from the UI with a fixture
// from events/, the events it causes appearing live in an already open list, the event's page with its
// deliveries and what the handlers put, and a crashing payment retried into the dead-letter queue.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEddy, type RunningEddy } from '../../src/testing/index.js';
import { hasChromium, launchBrowser, screenshotDir } from './browser.js';

const SHOP = join(import.meta.dirname, '../../templates/shop/template.yaml');

describe.skipIf(!hasChromium)('console on the shop example (headless Chromium)', () => {
  let eddy: RunningEddy;
  let browser: Browser;
  let page: Page;
  const shots = screenshotDir();
  const errors: string[] = [];

  beforeAll(async () => {
    [eddy, browser] = await Promise.all([startEddy({ template: SHOP }), launchBrowser()]);
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (error) => errors.push(error.message));
  });
  afterAll(async () => {
    await browser?.close();
    await eddy?.stop();
  });

  /** Puts an events/ fixture from the actions view; returns the event id the page links to. */
  async function putFixture(file: string): Promise<string> {
    await page.goto(`${eddy.endpoint}/#/actions`);
    await page.selectOption('#put-event select[name=fixture]', file);
    expect(await page.inputValue('#put-event select[name=bus]')).toBe('shop-bus');
    await page.click('#put-event button[type=submit]');
    const link = page.locator('#put-event a.event-link');
    await link.waitFor({ timeout: 15_000 });
    return (await link.textContent())!;
  }

  it('draws the shop: bus, rules, the four handlers, the archive and the DLQ', async () => {
    await page.goto(`${eddy.endpoint}/`);
    const titles = () => page.locator('#architecture g.node text.title').allTextContents();
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
    expect(await page.locator('#architecture path.edge.dashed').count()).toBeGreaterThanOrEqual(1);
    await page.screenshot({ path: join(shots, 'shop-architecture.png'), fullPage: true });
  });

  it('puts a checkout from the UI and shows it live, with its deliveries and what it caused', async () => {
    // A second tab keeps the event list open: the events must appear there without a reload.
    const list = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    list.on('pageerror', (error) => errors.push(error.message));
    await list.goto(`${eddy.endpoint}/#/events`);
    await list.locator('#event-count').waitFor();
    const id = await putFixture('checkout-requested.json');
    await list.locator('a.event-row', { hasText: id }).waitFor({ timeout: 15_000 });
    // The order handler puts OrderPlaced; payments then put PaymentSucceeded (real handlers, real SDK).
    for (const type of ['OrderPlaced', 'PaymentSucceeded'])
      await list.locator('a.event-row', { hasText: type }).first().waitFor({ timeout: 30_000 });
    await list.screenshot({ path: join(shots, 'shop-events.png') });
    await list.close();

    await page.goto(`${eddy.endpoint}/#/events/${id}`);
    await expect
      .poll(() => page.locator('#deliveries').textContent(), { timeout: 15_000 })
      .toMatch(/OrderFunction.*succeeded/);
    expect(await page.locator('#matched').textContent()).toContain('OrderFunctionCheckoutRequested');
    // The timeline follows the chain by trace id: the handler's logs and the event it put.
    await expect
      .poll(() => page.locator('#timeline').textContent(), { timeout: 15_000 })
      .toContain('event shop.orders / OrderPlaced on shop-bus');
    expect(await page.locator('#timeline').textContent()).toMatch(
      /invoked shop-OrderFunction-\w+: succeeded/,
    );
    await page.screenshot({ path: join(shots, 'shop-event.png'), fullPage: true });
  });

  it('shows a crashing payment retried, then dead-lettered, and the DLQ holding it', async () => {
    await putFixture('checkout-crash.json');
    // RetryPolicy: 3 retries with backoff (about 1 + 2 + 4 s), then the DLQ.
    const dead = await eddy.waitFor(
      (r) => r.kind === 'delivery' && r.payload.final === 'dead-lettered',
      25_000,
    );
    await page.goto(`${eddy.endpoint}/#/events/${dead.traceId}`);
    const payment = page.locator('#deliveries tr', { hasText: 'PaymentFunction' });
    await expect.poll(() => payment.textContent(), { timeout: 15_000 }).toContain('#4');
    expect(await payment.textContent()).toContain('payment provider unavailable');
    expect(await payment.textContent()).toContain('dead-lettered');
    await page.screenshot({ path: join(shots, 'shop-dead-letter.png'), fullPage: true });
    await page.goto(`${eddy.endpoint}/#/queues`);
    const waiting = page.locator('#queues tr[data-queue=shop-payment-dlq] td.num').first();
    await expect.poll(() => waiting.textContent(), { timeout: 15_000 }).toBe('1');
  });

  it('raised no error in the page', () => {
    expect(errors).toEqual([]);
  });
});
