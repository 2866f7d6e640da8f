// Headless Chromium for the console's e2e tests (Debian's chromium driven by playwright-core), and the
// folder screenshots go to for review.
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startEddy, type RunningEddy } from '../../src/testing/index.js';

/** Debian's chromium; the e2e suites skip (with a message) when it is not installed. */
export const CHROMIUM = '/usr/bin/chromium';

/** True when the e2e suites can run here. */
export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`e2e: skipped, ${CHROMIUM} is missing (apt-get install -y chromium)`);

/** Launches headless Chromium with the flags CI machines need. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The folder the tests write screenshots to (EDDY_SCREENSHOTS, else a temp folder); printed once. */
export function screenshotDir(): string {
  const dir = process.env.EDDY_SCREENSHOTS ?? join(tmpdir(), 'eddy-console-screenshots');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A running eddy, a Chromium page on it, and the errors the page raised. */
export interface ConsoleSession {
  eddy: RunningEddy;
  browser: Browser;
  page: Page;
  errors: string[];
}

/**
 * Registers a suite's setup: eddy on `template` and a browser page (errors collected) start before the
 * suite's tests and stop after them. The session's fields are set once `beforeAll` has run.
 */
export function useConsole(template: string, viewport = { width: 1400, height: 900 }): ConsoleSession {
  const session = { errors: [] as string[] } as ConsoleSession;
  beforeAll(async () => {
    [session.eddy, session.browser] = await Promise.all([startEddy({ template }), launchBrowser()]);
    session.page = await session.browser.newPage({ viewport });
    session.page.on('pageerror', (error) => session.errors.push(error.message));
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.eddy?.stop();
  });
  return session;
}
