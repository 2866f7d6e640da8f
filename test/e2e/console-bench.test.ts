// The console with many events in the store: a correctness test by default (5,000 events) and a
// benchmark with EDDY_CONSOLE_BENCH=1 (100,000 events, or EDDY_CONSOLE_BENCH_EVENTS). It prints the time
// to the first rows, to page every event into the list, to filter, and per phase the frame gaps and
// long tasks measured inside the page (page-metrics.ts) while scrolling with the mouse wheel, jumping
// through the list and scrolling while new events stream in. It asserts only what the list shows.
//
// The store is filled fast: one event goes through PutEvents and the rest are copies of its trace
// record, written to the trace log in one transaction (the console reads events only from that log;
// PutEvents over HTTP manages about 1,000 events/s here, so 100,000 would take minutes).
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DevEnvironment } from '../../src/dev/environment.js';
import { silentLogger } from '../../src/shared/logger.js';
import type { TraceRecord } from '../../src/trace/record.js';
import { hasChromium, launchBrowser, screenshotDir } from './browser.js';
import { formatMetrics, measure, measureLoad, recordMetrics } from './page-metrics.js';

const TEMPLATE = join(import.meta.dirname, 'fixtures/bench/template.yaml');
const BENCH = process.env.EDDY_CONSOLE_BENCH === '1';
const TOTAL = Number(process.env.EDDY_CONSOLE_BENCH_EVENTS ?? (BENCH ? 100_000 : 5_000));
const SOURCES = 7;
// The correctness run does less of each phase, to stay quick on a shared machine.
const LIVE = BENCH ? 200 : 50;
const WHEEL_STEPS = BENCH ? 60 : 20;
const JUMPS = BENCH ? 120 : 40;
/** Per test: a benchmark of 100,000 events takes longer than the suite's 30 s default. */
const TIMEOUT = BENCH ? 600_000 : 30_000;

const report = (line: string) => console.log(`bench (${TOTAL} events): ${line}`);

async function putEvents(endpoint: string, entries: object[]): Promise<string[]> {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'x-amz-target': 'AWSEvents.PutEvents', 'content-type': 'application/x-amz-json-1.1' },
    body: JSON.stringify({ Entries: entries }),
  });
  const out = (await res.json()) as { Entries: { EventId: string }[] };
  return out.Entries.map((e) => e.EventId);
}

const entry = (n: number, source = `bench.source${n % SOURCES}`) => ({
  EventBusName: 'orders',
  Source: source,
  DetailType: `Type${n % 13}`,
  Detail: JSON.stringify({ n }),
});

/** Copies of `template` (a real event record) with new ids, sources and details, in one transaction. */
function fill(env: DevEnvironment, template: TraceRecord, count: number): void {
  const event = template.payload.event as Record<string, unknown>;
  env.store.db.transaction(() => {
    for (let n = 1; n <= count; n++) {
      const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
      env.trace.publish({
        kind: 'event',
        traceId: id,
        resource: template.resource,
        payload: {
          ...template.payload,
          event: {
            ...event,
            id,
            source: `bench.source${n % SOURCES}`,
            'detail-type': `Type${n % 13}`,
            detail: { n },
          },
        },
      });
    }
  })();
}

describe.skipIf(!hasChromium)(`console with ${TOTAL} events${BENCH ? ' (benchmark)' : ''}`, () => {
  let env: DevEnvironment;
  let browser: Browser;
  let page: Page;
  let oldest: string;

  beforeAll(async () => {
    [env, browser] = await Promise.all([
      DevEnvironment.start({
        template: TEMPLATE,
        port: 0,
        inMemory: true,
        watch: false,
        logger: silentLogger,
      }),
      launchBrowser(),
    ]);
    const started = performance.now();
    [oldest] = await putEvents(env.endpoint, [entry(0)]);
    const [template] = env.trace.history({ afterSeq: 0, limit: 100 }).filter((r) => r.kind === 'event');
    fill(env, template, TOTAL - 1);
    report(`filled the store in ${Math.round(performance.now() - started)} ms`);
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await recordMetrics(page);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await env?.stop();
  });

  const count = () => page.locator('#event-count').textContent();
  const list = () => page.locator('.vlist');

  it(
    'opens on the newest events',
    async () => {
      const t = performance.now();
      const load = await measureLoad(page, async () => {
        await page.goto(`${env.endpoint}/#/events`);
        await page.locator('a.event-row').first().waitFor({ timeout: 60_000 });
      });
      report(`first rows shown ${Math.round(performance.now() - t)} ms after navigation`);
      report(formatMetrics('load', load));
      // Newest first: the last copy written is the first row.
      expect(await page.locator('a.event-row').first().textContent()).toContain(
        `8000-${String(TOTAL - 1).padStart(12, '0')}`,
      );
    },
    TIMEOUT,
  );

  it(
    'pages every event into the list when scrolled to the end, oldest last',
    async () => {
      const paging = await measure(page, async () => {
        // Each scroll to the end loads the next 1,000 older events.
        while ((await count()) !== `${TOTAL} of ${TOTAL} events`) {
          const before = await count();
          await list().evaluate((el) => (el.scrollTop = el.scrollHeight));
          await page
            .waitForFunction((text) => document.querySelector('#event-count')?.textContent !== text, before, {
              timeout: 30_000,
            })
            .catch(() => undefined);
        }
      });
      report(formatMetrics('paging all events in', paging));
      expect(await count()).toBe(`${TOTAL} of ${TOTAL} events`);
      await list().evaluate((el) => (el.scrollTop = el.scrollHeight));
      await expect.poll(() => page.locator('a.event-row').last().textContent()).toContain(oldest);
      const rows = await page.locator('a.event-row').count();
      expect(rows).toBeLessThan(100); // virtual: only the rows in view (and a few) are in the DOM
    },
    TIMEOUT,
  );

  it(
    'scrolls through every event (wheel and jumps), also while new events stream in',
    async () => {
      const box = (await list().boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      const wheel = await measure(page, async () => {
        for (let i = 0; i < WHEEL_STEPS; i++) await page.mouse.wheel(0, -1500);
      });
      report(formatMetrics('wheel scrolling', wheel));
      report(
        `wheel scrolling: ${(wheel.cpuMs / WHEEL_STEPS).toFixed(1)} ms of main-thread CPU per wheel step of 1,500 px`,
      );
      const jumps = await measure(page, () =>
        list().evaluate(async (el, n) => {
          // 37 is prime, so i * 37 mod n visits every n-th of the list in a scattered order.
          for (let i = 0; i <= n; i++) {
            el.scrollTop = (el.scrollHeight * ((i * 37) % n)) / n;
            await new Promise((r) => requestAnimationFrame(r));
          }
        }, JUMPS),
      );
      report(formatMetrics('jumping through the list', jumps));
      report(
        `jumping: ${(jumps.cpuMs / (JUMPS + 1)).toFixed(1)} ms of main-thread CPU per jump (a screenful of new rows)`,
      );
      // Rows drawn after a jump are the right ones: row i (newest first) is event TOTAL-1-i.
      const at = 1234 % TOTAL;
      await list().evaluate((el, top) => (el.scrollTop = top), at * 30);
      await expect
        .poll(() =>
          page
            .locator('a.event-row', { hasText: `8000-${String(TOTAL - 1 - at).padStart(12, '0')}` })
            .count(),
        )
        .toBe(1);
      const live = await measure(page, async () => {
        const puts: Promise<unknown>[] = [];
        for (let i = 0; i < LIVE / 10; i++) {
          puts.push(
            putEvents(
              env.endpoint,
              Array.from({ length: 10 }, (_, k) => entry(i * 10 + k, 'bench.live')),
            ),
          );
          for (let k = 0; k < 3; k++) await page.mouse.wheel(0, k % 2 ? 900 : -900);
        }
        await Promise.all(puts);
        await expect.poll(count, { timeout: 30_000 }).toBe(`${TOTAL + LIVE} of ${TOTAL + LIVE} events`);
      });
      report(formatMetrics(`scrolling while ${LIVE} events arrive`, live));
    },
    TIMEOUT,
  );

  it(
    'filters by source',
    async () => {
      const expected = Math.ceil((TOTAL - 3) / SOURCES); // n ≡ 3 (mod 7) for n in 0..TOTAL-1
      const t = performance.now();
      const filtering = await measure(page, async () => {
        await page.selectOption('select[name=source]', 'bench.source3');
        await expect.poll(count).toBe(`${expected} of ${TOTAL + LIVE} events`);
      });
      report(`source filter applied in ${Math.round(performance.now() - t)} ms`);
      report(formatMetrics('filtering', filtering));
      expect(await page.locator('a.event-row').first().textContent()).toContain('bench.source3');
      await page.screenshot({ path: join(screenshotDir(), 'events-many.png') });
    },
    TIMEOUT,
  );
});
