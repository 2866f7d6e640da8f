// The console in headless Chromium against a running eddy (startEddy) on the e2e shop app: the
// topology, live trace records, putting an event from the UI and following it to its deliveries, the
// workflow graph, the queues with their DLQ, and screenshots of the main views for review.
import { request } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { putEvent } from './aws.js';
import { hasChromium, screenshotDir, useConsole } from './browser.js';

const TEMPLATE = join(import.meta.dirname, 'fixtures/shop/template.yaml');

describe.skipIf(!hasChromium)('console (headless Chromium)', () => {
  const session = useConsole(TEMPLATE);
  const shots = screenshotDir();
  console.log(`e2e: console screenshots in ${shots}`);

  it('draws the topology from the template', async () => {
    await session.page.goto(`${session.eddy.endpoint}/`);
    const nodes = session.page.locator('#architecture g.node');
    await expect.poll(() => nodes.count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(8);
    const titles = await session.page.locator('#architecture g.node text.title').allTextContents();
    expect(titles).toEqual(
      expect.arrayContaining(['orders', 'orders-queue', 'orders-dlq', 'OrderWorkflow', 'ToQueueRule']),
    );
    await expect
      .poll(() => session.page.locator('#architecture path.edge').count())
      .toBeGreaterThanOrEqual(7);
    await session.page.screenshot({ path: join(shots, 'architecture.png'), fullPage: true });
  });

  it('shows a live event as it is put, with counts on the bus node', async () => {
    await session.page.goto(`${session.eddy.endpoint}/#/events`);
    await session.page.locator('#event-count').waitFor();
    const id = await putEvent(session.eddy, { Source: 'shop.live', DetailType: 'LiveCheck' });
    const row = session.page.locator('a.event-row', { hasText: id });
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain('shop.live');
    await putEvent(session.eddy, { Source: 'shop.other', DetailType: 'Other' });
    await session.page.locator('a.event-row', { hasText: 'shop.other' }).waitFor({ timeout: 15_000 });
    // An event pattern narrows the list with eddy's own matcher; a bad one shows AWS's message.
    await session.page.fill('input[name=pattern]', '{"source":["shop.live"]}');
    await session.page.press('input[name=pattern]', 'Enter');
    await expect
      .poll(() => session.page.locator('#event-count').textContent())
      .toBe('1 events match the pattern');
    await session.page.fill('input[name=pattern]', '{"source":"shop.live"}');
    await session.page.press('input[name=pattern]', 'Enter');
    await expect.poll(() => session.page.locator('#pattern-error').textContent()).not.toBe('');
    await session.page.goto(`${session.eddy.endpoint}/#/architecture`);
    const bus = session.page.locator('#architecture g.node.kind-bus', { hasText: 'orders' });
    await putEvent(session.eddy, { Source: 'shop.live', DetailType: 'LiveCheck' });
    await expect.poll(() => bus.locator('text.count').textContent(), { timeout: 15_000 }).toMatch(/events/);
    // The queue ToQueueRule feeds shows its messages waiting (SQS GetQueueAttributes).
    await putEvent(session.eddy, { Source: 'shop.orders', DetailType: 'Queued' });
    const queue = session.page.locator('#architecture g.node.kind-queue', { hasText: 'orders-queue' });
    await expect
      .poll(() => queue.locator('text.count').textContent(), { timeout: 15_000 })
      .toMatch(/\d+ waiting/);
    await session.page.screenshot({ path: join(shots, 'architecture-live.png'), fullPage: true });
  });

  it('puts an event from the UI and follows it to its deliveries', async () => {
    await session.page.goto(`${session.eddy.endpoint}/#/actions`);
    // The fixture from events/ fills the form; the test then edits the detail.
    await session.page.selectOption('#put-event select[name=fixture]', 'order-placed.json');
    expect(await session.page.inputValue('#put-event input[name=source]')).toBe('shop.orders');
    expect(await session.page.inputValue('#put-event input[name=detail-type]')).toBe('OrderPlaced');
    await session.page.selectOption('#put-event select[name=bus]', 'orders');
    await session.page.fill('#put-event textarea[name=detail]', '{"orderId":"o-9"}');
    await session.page.click('#put-event button[type=submit]');
    const link = session.page.locator('#put-event a.event-link');
    await link.waitFor({ timeout: 15_000 });
    const id = (await link.textContent())!;
    await session.eddy.waitFor((r) => r.kind === 'delivery' && r.traceId === id);
    await session.page.screenshot({ path: join(shots, 'actions.png'), fullPage: true });
    await link.click();
    await session.page
      .locator('#deliveries tr', { hasText: 'OrdersQueueTarget' })
      .waitFor({ timeout: 15_000 });
    await expect.poll(() => session.page.locator('#deliveries').textContent()).toContain('succeeded');
    expect(await session.page.locator('#matched').textContent()).toContain('ToQueueRule');
    expect(await session.page.locator('#timeline').textContent()).toContain('queue orders-queue: sent');
    await session.page.screenshot({ path: join(shots, 'event.png'), fullPage: true });
    await session.page.goto(`${session.eddy.endpoint}/#/events`);
    await session.page.locator('a.event-row').first().waitFor();
    await session.page.screenshot({ path: join(shots, 'events.png') });
  });

  it('streams every trace record into the activity view', async () => {
    await session.page.goto(`${session.eddy.endpoint}/#/activity`);
    await session.page.locator('#activity').waitFor();
    await putEvent(session.eddy, { Source: 'shop.activity', DetailType: 'Seen' });
    await session.page
      .locator('#activity .tl-row', { hasText: 'event shop.activity / Seen on orders' })
      .waitFor({ timeout: 15_000 });
    await session.page
      .locator('#activity .tl-row', { hasText: 'queue orders-queue: sent' })
      .first()
      .waitFor({ timeout: 15_000 });
  });

  it('draws the state machine as a graph', async () => {
    await session.page.goto(`${session.eddy.endpoint}/#/executions`);
    const states = session.page.locator('#execution-graph g.node text.title');
    await expect
      .poll(() => states.allTextContents(), { timeout: 15_000 })
      .toEqual(expect.arrayContaining(['Validate', 'IsBig', 'Pay', 'Done']));
    await session.page.screenshot({ path: join(shots, 'executions.png'), fullPage: true });
  });

  it('lists the queues with the DLQ and its redrive button', async () => {
    await session.page.goto(`${session.eddy.endpoint}/#/queues`);
    const queue = session.page.locator('#queues tr[data-queue=orders-queue]');
    await queue.waitFor({ timeout: 15_000 });
    await expect
      .poll(async () => Number(await queue.locator('td.num').first().textContent()))
      .toBeGreaterThanOrEqual(1);
    await expect(
      session.page.locator('#queues tr[data-queue=orders-dlq] button.redrive').count(),
    ).resolves.toBe(1);
    await session.page.screenshot({ path: join(shots, 'queues.png'), fullPage: true });
  });

  it('is refused to other hosts (DNS rebinding) and to cross-site writes (CSRF)', async () => {
    const url = new URL(session.eddy.endpoint);
    const status = (method: string, headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const req = request({ host: url.hostname, port: url.port, path: '/', method, headers }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end(method === 'POST' ? '{}' : undefined);
      });
    expect(await status('GET', { host: `localhost:${url.port}` })).toBe(200);
    expect(await status('GET', { host: `rebind.example:${url.port}` })).toBe(403);
    const put = { 'x-amz-target': 'AWSEvents.PutEvents', 'content-type': 'application/x-amz-json-1.1' };
    expect(await status('POST', { ...put, host: url.host, origin: 'https://evil.example' })).toBe(403);
    expect(await status('POST', { ...put, host: url.host, origin: session.eddy.endpoint })).not.toBe(403);
  });

  it('raised no error in the page', () => {
    expect(session.errors).toEqual([]);
  });
});
