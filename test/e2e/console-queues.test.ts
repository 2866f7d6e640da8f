// The console's queue and replay actions in headless Chromium: a message dead-lettered from a queue is
// redriven from the queues view, and a time range of the archive is replayed from the actions view.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEddy, type RunningEddy } from '../../src/testing/index.js';
import { aws, putEvent, queueUrl } from './aws.js';
import { hasChromium, launchBrowser, screenshotDir } from './browser.js';

const TEMPLATE = join(import.meta.dirname, 'fixtures/shop/template.yaml');

describe.skipIf(!hasChromium)('console queues and replays (headless Chromium)', () => {
  let eddy: RunningEddy;
  let browser: Browser;
  let page: Page;
  const shots = screenshotDir();

  beforeAll(async () => {
    [eddy, browser] = await Promise.all([startEddy({ template: TEMPLATE }), launchBrowser()]);
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
    await eddy?.stop();
  });

  const waiting = (name: string) => page.locator(`#queues tr[data-queue=${name}] td.num`).first();

  it('redrives a dead-lettered message back to its queue', async () => {
    const url = queueUrl(eddy, 'orders-queue');
    await aws(eddy, 'AmazonSQS.SendMessage', { QueueUrl: url, MessageBody: '{"poison":true}' });
    // maxReceiveCount is 1: the second receive moves the message to orders-dlq.
    for (let i = 0; i < 2; i++)
      await aws(eddy, 'AmazonSQS.ReceiveMessage', {
        QueueUrl: url,
        VisibilityTimeout: 0,
        MaxNumberOfMessages: 1,
      });
    await page.goto(`${eddy.endpoint}/#/queues`);
    await expect.poll(() => waiting('orders-dlq').textContent(), { timeout: 15_000 }).toBe('1');
    expect(await waiting('orders-queue').textContent()).toBe('0');
    await page.screenshot({ path: join(shots, 'queues-dlq.png'), fullPage: true });
    await page.click('#queues tr[data-queue=orders-dlq] button.redrive');
    await expect
      .poll(() => page.locator('#queue-status').textContent(), { timeout: 15_000 })
      .toContain('Redrive started');
    await expect.poll(() => waiting('orders-queue').textContent(), { timeout: 20_000 }).toBe('1');
    await expect.poll(() => waiting('orders-dlq').textContent(), { timeout: 20_000 }).toBe('0');
  });

  it('replays the last minutes of the archive onto the bus', async () => {
    const id = await putEvent(eddy, { Source: 'shop.replay', DetailType: 'Archived' });
    for (let i = 0; i < 4; i++) await putEvent(eddy, { Source: 'shop.orders', DetailType: 'Replayable' });
    await eddy.waitFor((r) => r.kind === 'event' && r.traceId === id);
    // The archive holds every event put on the bus so far (this test's and the redrive test's).
    const archived = eddy.records.filter(
      (r) => r.kind === 'event' && (r.payload as { bus?: string }).bus === 'orders',
    ).length;
    await page.goto(`${eddy.endpoint}/#/actions`);
    await page.fill('#replay input[name=minutes]', '5');
    await page.click('#replay button[type=submit]');
    await expect
      .poll(() => page.locator('#replay-status').textContent(), { timeout: 30_000 })
      .toMatch(/COMPLETED/);
    // Progress: every archived event of the range replayed, and the bar full.
    expect(await page.locator('#replay-status').textContent()).toContain(`${archived} of ${archived} events`);
    expect(await page.locator('#replay-progress').evaluate((el) => (el as HTMLProgressElement).value)).toBe(
      1,
    );
    await page.screenshot({ path: join(shots, 'replay.png'), fullPage: true });
    // A replayed event keeps its id and carries `replay-name`.
    const replayed = await eddy.waitFor(
      (r) => r.kind === 'event' && r.traceId === id && JSON.stringify(r.payload).includes('replay-name'),
      15_000,
    );
    expect(replayed.payload).toMatchObject({ bus: 'orders' });
  });
});
