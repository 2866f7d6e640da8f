// The console's queue and replay actions in headless Chromium: a message dead-lettered from a queue is
// redriven from the queues view, and a time range of the archive is replayed from the actions view.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aws, putEvent, queueUrl } from './aws.js';
import { hasChromium, screenshotDir, useConsole } from './browser.js';

const TEMPLATE = join(import.meta.dirname, 'fixtures/shop/template.yaml');

describe.skipIf(!hasChromium)('console queues and replays (headless Chromium)', () => {
  const session = useConsole(TEMPLATE);
  const shots = screenshotDir();

  const waiting = (name: string) => session.page.locator(`#queues tr[data-queue=${name}] td.num`).first();

  it('redrives a dead-lettered message back to its queue', async () => {
    const url = queueUrl(session.eddy, 'orders-queue');
    await aws(session.eddy, 'AmazonSQS.SendMessage', { QueueUrl: url, MessageBody: '{"poison":true}' });
    // maxReceiveCount is 1: the second receive moves the message to orders-dlq.
    for (let i = 0; i < 2; i++)
      await aws(session.eddy, 'AmazonSQS.ReceiveMessage', {
        QueueUrl: url,
        VisibilityTimeout: 0,
        MaxNumberOfMessages: 1,
      });
    await session.page.goto(`${session.eddy.endpoint}/#/queues`);
    await expect.poll(() => waiting('orders-dlq').textContent(), { timeout: 15_000 }).toBe('1');
    expect(await waiting('orders-queue').textContent()).toBe('0');
    await session.page.screenshot({ path: join(shots, 'queues-dlq.png'), fullPage: true });
    await session.page.click('#queues tr[data-queue=orders-dlq] button.redrive');
    await expect
      .poll(() => session.page.locator('#queue-status').textContent(), { timeout: 15_000 })
      .toContain('Redrive started');
    await expect.poll(() => waiting('orders-queue').textContent(), { timeout: 20_000 }).toBe('1');
    await expect.poll(() => waiting('orders-dlq').textContent(), { timeout: 20_000 }).toBe('0');
  });

  it('replays the last minutes of the archive onto the bus', async () => {
    const id = await putEvent(session.eddy, { Source: 'shop.replay', DetailType: 'Archived' });
    for (let i = 0; i < 4; i++)
      await putEvent(session.eddy, { Source: 'shop.orders', DetailType: 'Replayable' });
    await session.eddy.waitFor((r) => r.kind === 'event' && r.traceId === id);
    // The archive holds every event put on the bus so far (this test's and the redrive test's).
    const archived = session.eddy.records.filter(
      (r) => r.kind === 'event' && (r.payload as { bus?: string }).bus === 'orders',
    ).length;
    await session.page.goto(`${session.eddy.endpoint}/#/actions`);
    await session.page.fill('#replay input[name=minutes]', '5');
    await session.page.click('#replay button[type=submit]');
    await expect
      .poll(() => session.page.locator('#replay-status').textContent(), { timeout: 30_000 })
      .toMatch(/COMPLETED/);
    // Progress: every archived event of the range replayed, and the bar full.
    expect(await session.page.locator('#replay-status').textContent()).toContain(
      `${archived} of ${archived} events`,
    );
    expect(
      await session.page.locator('#replay-progress').evaluate((el) => (el as HTMLProgressElement).value),
    ).toBe(1);
    await session.page.screenshot({ path: join(shots, 'replay.png'), fullPage: true });
    // A replayed event keeps its id and carries `replay-name`.
    const replayed = await session.eddy.waitFor(
      (r) => r.kind === 'event' && r.traceId === id && JSON.stringify(r.payload).includes('replay-name'),
      15_000,
    );
    expect(replayed.payload).toMatchObject({ bus: 'orders' });
  });
});
