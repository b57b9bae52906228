import type { Browser, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readAllMetadata } from '../../src/shared/metadata.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { PROJECT_ROOT } from '../helpers/workspace.ts';

/**
 * The performance budget: a dataset page's HTML, CSS and JavaScript as transferred before
 * any interaction stays under 100 KB. The local server sends files uncompressed, so this is the
 * worst case: a host that compresses (every CDN does) sends far less.
 */
const BUDGET_BYTES = 100 * 1000;
const counted = new Set(['document', 'stylesheet', 'script']);

const siteUrl = inject('siteUrl');

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('page weight', () => {
  it('keeps every dataset page’s HTML+CSS+JS before interaction under 100 KB', async () => {
    const metadata = await readAllMetadata(PROJECT_ROOT);
    const ids = metadata.filter((m) => m.dataset.status === 'approved' || m.dataset.status === 'retired').map((m) => m.dataset.id);
    const report: { id: string; bytes: number; files: string[] }[] = [];
    for (const id of ids) {
      // A fresh context each time: nothing comes from the cache.
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const finished: Request[] = [];
      page.on('requestfinished', (request) => finished.push(request));
      await page.goto(`${siteUrl}/datasets/${id}/`, { waitUntil: 'networkidle' });
      const responses = await Promise.all(
        finished.map(async (request) => {
          const sizes = await request.sizes();
          return { url: request.url(), type: request.resourceType(), bytes: sizes.responseBodySize + sizes.responseHeadersSize };
        }),
      );
      await context.close();
      expect(
        responses.some((r) => r.type === 'document' && r.bytes > 1000),
        `${id}: the page itself was not measured`,
      ).toBe(true);
      const weighed = responses.filter((r) => counted.has(r.type));
      report.push({
        id,
        bytes: weighed.reduce((sum, r) => sum + r.bytes, 0),
        files: weighed.map((r) => `${new URL(r.url).pathname} ${(r.bytes / 1000).toFixed(1)} kB`),
      });
    }
    report.sort((a, b) => b.bytes - a.bytes);
    console.log(
      `Dataset page weight (HTML+CSS+JS transferred before interaction, uncompressed; budget ${BUDGET_BYTES / 1000} kB):\n` +
        report.map((r) => `  ${r.id}: ${(r.bytes / 1000).toFixed(1)} kB (${r.files.join(', ')})`).join('\n'),
    );
    const over = report.filter((r) => r.bytes > BUDGET_BYTES).map((r) => `${r.id}: ${(r.bytes / 1000).toFixed(1)} kB`);
    expect(over, `over the ${BUDGET_BYTES / 1000} kB budget`).toEqual([]);
  });
});
