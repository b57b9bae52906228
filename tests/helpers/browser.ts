import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Launches Debian's Chromium; fails with what to install when it is missing. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. The browser tests drive Debian's Chromium: run \`apt-get install -y chromium\` ` +
        '(or `bash scripts/setup-test-machine.sh`), or set CHROMIUM_PATH to a Chromium binary.',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * For a test file: launches Chromium with one page before its tests and closes it after them.
 * `onOpen` hands both to the file's own variables, so its tests read as before.
 */
export function useBrowser(onOpen: (browser: Browser, page: Page) => void): void {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
    onOpen(browser, await browser.newPage());
  });
  afterAll(async () => {
    await browser?.close();
  });
}
