// The executions view in headless Chromium: an execution started from the UI is drawn as a graph with
// each state coloured by its status (succeeded, caught, failed), its input and output, the panel of a
// state clicked (its input, output and error), the history table, and its Distributed Map runs with
// their item counts, live while a run goes on.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasChromium, screenshotDir, useConsole } from './browser.js';

const TEMPLATE = join(import.meta.dirname, 'fixtures/workflows/template.yaml');

describe.skipIf(!hasChromium)('console executions (headless Chromium)', () => {
  const session = useConsole(TEMPLATE, { width: 1400, height: 1000 });
  const shots = screenshotDir();

  const state = (name: string) => session.page.locator('#execution-graph g.node', { hasText: name }).first();
  const classOf = (name: string) => state(name).getAttribute('class');

  /** Starts an execution from the actions view and opens it; returns its ARN. */
  async function startFromUi(input: object, machine = 'CheckoutWorkflow'): Promise<string> {
    await session.page.goto(`${session.eddy.endpoint}/#/actions`);
    await session.page.selectOption('#start-execution select[name=stateMachine]', { label: machine });
    await session.page.fill('#start-execution textarea[name=input]', JSON.stringify(input));
    await session.page.click('#start-execution button[type=submit]');
    const link = session.page.locator('#start-execution .result a');
    await link.waitFor({ timeout: 15_000 });
    const arn = (await link.textContent())!;
    await link.click();
    return arn;
  }

  it('colours a caught failure and the succeeded states, and shows input, output and history', async () => {
    const arn = await startFromUi({ cartId: 'c-42', decline: true, items: ['mug', 'pen', 'book'] });
    expect(arn).toContain(':execution:checkout-workflow:');
    const summary = session.page.locator('#execution-summary');
    await expect.poll(() => summary.textContent(), { timeout: 20_000 }).toContain('SUCCEEDED');
    expect(await summary.locator('pre').first().textContent()).toContain('"cartId": "c-42"');
    await expect.poll(() => classOf('Done')).toContain('status-succeeded');
    expect(await classOf('Prepare')).toContain('status-succeeded');
    // Charge threw, its Catch went to ChargeDeclined: caught, not failed.
    expect(await classOf('Charge')).toContain('status-caught');
    expect(await classOf('ChargeDeclined')).toContain('status-succeeded');
    // The Fail state was never entered.
    expect(await classOf('Abort')).not.toContain('status-');
    const rows = session.page.locator('#history tr');
    expect(await session.page.locator('#history').textContent()).toContain('LambdaFunctionFailed');
    expect(await rows.count()).toBeGreaterThan(15);
    expect(await session.page.locator('#history tr.status-failed').first().textContent()).toContain(
      'card declined for c-42',
    );
    await state('Charge').click();
    const panel = session.page.locator('#state-panel');
    await expect.poll(() => panel.textContent()).toContain('card declined for c-42');
    expect(await panel.textContent()).toContain('1 attempt');
    expect(await panel.locator('pre').first().textContent()).toContain('"decline": true');
    await session.page.screenshot({ path: join(shots, 'execution-caught.png'), fullPage: true });
  });

  it('shows the Distributed Map run with its item counts', async () => {
    const row = session.page.locator('#map-runs tr[data-state=ShipItems]');
    await row.waitFor({ timeout: 15_000 });
    expect(await row.locator('td.status').textContent()).toBe('SUCCEEDED');
    expect(await row.locator('td.total').textContent()).toBe('3');
    expect(await row.locator('td.succeeded').textContent()).toBe('3');
    expect(await state('ShipItems').locator('text.count').textContent()).toBe('3/3 items');
    await session.page.screenshot({ path: join(shots, 'execution-map-run.png'), fullPage: true });
  });

  it('counts a running map run live, from its map-run records', async () => {
    await startFromUi({ items: [1, 2, 3, 4, 5, 6, 7, 8] }, 'BulkShipWorkflow');
    const row = session.page.locator('#map-runs tr[data-state=ShipAll]');
    const line = state('ShipAll').locator('text.count');
    // Two items at a time, a second each: about 4 s, seen while it runs and then done.
    await expect.poll(() => row.locator('td.status').textContent(), { timeout: 15_000 }).toBe('RUNNING');
    await expect.poll(() => line.textContent()).toMatch(/^[0-7]\/8 items/);
    await session.page.screenshot({ path: join(shots, 'execution-map-run-live.png'), fullPage: true });
    await expect.poll(() => row.locator('td.status').textContent(), { timeout: 20_000 }).toBe('SUCCEEDED');
    expect(await row.locator('td.succeeded').textContent()).toBe('8');
    expect(await line.textContent()).toBe('8/8 items');
    await expect.poll(() => classOf('ShipAll')).toContain('status-succeeded');
  });

  it('colours the state that failed the execution, with the error', async () => {
    await startFromUi({ cartId: 'c-43', items: [], fatal: true });
    await session.page.locator('#execution-summary h2').waitFor({ timeout: 15_000 });
    const summary = session.page.locator('#execution-summary');
    await expect.poll(() => summary.textContent(), { timeout: 20_000 }).toContain('FAILED');
    expect(await summary.textContent()).toContain('Checkout.Fatal: the input asked for a failure');
    await expect.poll(() => classOf('Abort')).toContain('status-failed');
    expect(await classOf('Charge')).toContain('status-succeeded');
    expect(await classOf('Done')).not.toContain('status-');
    // Both executions are listed; the open one is marked.
    const list = session.page.locator('.exec-list a.exec');
    await expect.poll(() => list.count()).toBe(2);
    expect(await session.page.locator('.exec-list a.exec.active').textContent()).toContain('FAILED');
    await session.page.screenshot({ path: join(shots, 'execution-failed.png'), fullPage: true });
  });

  it('raised no error in the page', () => {
    expect(session.errors).toEqual([]);
  });
});
