// The architecture view redraws when the template reloads: a queue added to the template appears
// without reloading the page.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEddy, type RunningEddy } from '../../src/testing/index.js';
import { hasChromium, launchBrowser } from './browser.js';

describe.skipIf(!hasChromium)('console after a template reload (headless Chromium)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'eddy-console-reload-'));
  const template = join(dir, 'template.yaml');
  let eddy: RunningEddy;
  let browser: Browser;

  beforeAll(async () => {
    cpSync(join(import.meta.dirname, 'fixtures/shop'), dir, { recursive: true });
    [eddy, browser] = await Promise.all([startEddy({ template, watch: true }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await eddy?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('draws a queue added to the template', async () => {
    const page = await browser.newPage();
    await page.goto(`${eddy.endpoint}/#/architecture`);
    const titles = () => page.locator('#architecture g.node text.title').allTextContents();
    await expect.poll(titles, { timeout: 20_000 }).toContain('orders-queue');
    expect(await titles()).not.toContain('audit-queue');
    const text = readFileSync(template, 'utf8').replace(
      'Resources:\n',
      'Resources:\n  AuditQueue:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: audit-queue\n\n',
    );
    writeFileSync(template, text);
    await expect.poll(titles, { timeout: 30_000 }).toContain('audit-queue');
  });
});
