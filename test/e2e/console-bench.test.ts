// Benchmark (opt-in: EDDY_CONSOLE_BENCH=1, it puts 100,000 events): the console with 100,000 events in
// the store. Prints how long the first page of events takes, how long paging all of them into the list
// takes, filtering, and frame times while scrolling the virtual list. Asserts only that it all works.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEddy, type RunningEddy } from '../../src/testing/index.js';
import { aws } from './aws.js';
import { hasChromium, launchBrowser } from './browser.js';

const TEMPLATE = join(import.meta.dirname, 'fixtures/bench/template.yaml');
const TOTAL = Number(process.env.EDDY_CONSOLE_BENCH_EVENTS ?? 100_000);
const enabled = hasChromium && process.env.EDDY_CONSOLE_BENCH === '1';

async function putMany(eddy: RunningEddy, total: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const start = next;
      next += 10;
      const Entries = Array.from({ length: Math.min(10, total - start) }, (_, i) => ({
        EventBusName: 'orders',
        Source: `bench.source${(start + i) % 7}`,
        DetailType: `Type${(start + i) % 13}`,
        Detail: JSON.stringify({ n: start + i }),
      }));
      await aws(eddy, 'AWSEvents.PutEvents', { Entries });
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

describe.skipIf(!enabled)(`console with ${TOTAL} events (benchmark)`, () => {
  let eddy: RunningEddy;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [eddy, browser] = await Promise.all([startEddy({ template: TEMPLATE }), launchBrowser()]);
    const started = performance.now();
    await putMany(eddy, TOTAL);
    console.log(`bench: put ${TOTAL} events in ${Math.round(performance.now() - started)} ms`);
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  }, 1_800_000);
  afterAll(async () => {
    await browser?.close();
    await eddy?.stop();
  });

  it('opens, pages every event into the list, filters and scrolls', async () => {
    let t = performance.now();
    await page.goto(`${eddy.endpoint}/#/events`);
    await page.locator('a.event-row').first().waitFor({ timeout: 60_000 });
    console.log(`bench: first events shown ${Math.round(performance.now() - t)} ms after navigation`);
    const count = () => page.locator('#event-count').textContent();
    t = performance.now();
    // Scrolling to the end pages older events in (1,000 per request).
    while (!(await count())?.startsWith(`${TOTAL} of ${TOTAL}`)) {
      await page.locator('.vlist').evaluate((el) => (el.scrollTop = el.scrollHeight));
      await page.waitForTimeout(20);
      if (performance.now() - t > 600_000) break;
    }
    expect(await count()).toBe(`${TOTAL} of ${TOTAL} events`);
    console.log(`bench: paged all ${TOTAL} events into the list in ${Math.round(performance.now() - t)} ms`);
    t = performance.now();
    await page.selectOption('select[name=source]', 'bench.source3');
    await expect.poll(count).toMatch(/^\d+ of \d+ events$/);
    console.log(
      `bench: source filter over ${TOTAL} events applied in ${Math.round(performance.now() - t)} ms`,
    );
    await page.selectOption('select[name=source]', '');
    const frames = await page.locator('.vlist').evaluate(async (el) => {
      const times: number[] = [];
      let last = performance.now();
      for (let i = 0; i < 120; i++) {
        el.scrollTop = (el.scrollHeight * i) / 120;
        await new Promise((r) => requestAnimationFrame(r));
        const now = performance.now();
        times.push(now - last);
        last = now;
      }
      times.sort((a, b) => a - b);
      return { median: times[60], p95: times[114], rows: el.querySelectorAll('a.row').length };
    });
    console.log(
      `bench: scrolling ${TOTAL} rows: median frame ${frames.median.toFixed(1)} ms, p95 ${frames.p95.toFixed(1)} ms, ${frames.rows} rows in the DOM`,
    );
    expect(frames.rows).toBeLessThan(200);
  }, 900_000);
});
