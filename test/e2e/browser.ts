// Headless Chromium for the console's e2e tests (Debian's chromium driven by playwright-core), and the
// folder screenshots go to for review.
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

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
