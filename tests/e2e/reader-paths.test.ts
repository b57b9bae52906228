import { createHash } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { manifestSchema } from '../../src/schemas/manifest.ts';
import { readAllMetadata } from '../../src/shared/metadata.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { PROJECT_ROOT } from '../helpers/workspace.ts';

const siteUrl = inject('siteUrl');

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function treeDataset() {
  const metadata = await readAllMetadata(PROJECT_ROOT);
  const hit = metadata.find((m) => m.dataset.fields.some((f) => f.description.includes('arboriculturist')));
  if (!hit) throw new Error('No demo field description contains "arboriculturist"; the keyboard test searches for it.');
  return hit.dataset;
}

interface Focused {
  tag: string;
  text: string;
  type: string | null;
  href: string | null;
  /** A focus indicator a sighted keyboard user can see: an outline of 2 px or more, or a box shadow. */
  visible: boolean;
  describe: string;
}

function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    const shadow = style.boxShadow !== 'none';
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    return {
      tag: el.tagName.toLowerCase(),
      text,
      type: el.getAttribute('type'),
      href: el.getAttribute('href'),
      visible: outline || shadow,
      describe: `<${el.tagName.toLowerCase()}${el.id ? ` id="${el.id}"` : ''}${el.className ? ` class="${el.className}"` : ''}> "${text.slice(0, 40)}"`,
    };
  });
}

/** Presses Tab until `wanted` matches the focused element; every element passed must show its focus. */
async function tabTo(page: Page, wanted: (el: Focused) => boolean, limit: number, invisible: string[]): Promise<Focused> {
  for (let presses = 0; presses < limit; presses += 1) {
    await page.keyboard.press('Tab');
    const el = await focused(page);
    if (!el.visible) invisible.push(`${new URL(page.url()).pathname}: ${el.describe}`);
    if (wanted(el)) return el;
  }
  throw new Error(`Not reached with ${limit} presses of Tab on ${page.url()}`);
}

describe('reading and downloading', () => {
  it('goes from the home page through search to a download with Tab and Enter alone, focus always visible', async () => {
    const dataset = await treeDataset();
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const invisible: string[] = [];

    await page.goto(`${siteUrl}/`);
    await tabTo(page, (el) => el.tag === 'input' && el.type === 'search', 30, invisible);
    await page.keyboard.type('arboriculturist');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\/\?q=arboriculturist/);
    await page.locator('[data-search-results] a').first().waitFor({ timeout: 15_000 });

    await tabTo(page, (el) => el.tag === 'a' && el.text === dataset.title, 80, invisible);
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/datasets/${dataset.id}/$`));

    const link = await tabTo(page, (el) => el.tag === 'a' && el.text.startsWith('Download CSV'), 400, invisible);
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), page.keyboard.press('Enter')]);
    expect(new URL(download.url()).pathname).toBe(link.href);
    const manifest = manifestSchema.parse(await (await page.request.get(`${siteUrl}/datasets/${dataset.id}/latest/manifest.json`)).json());
    const stream = await download.createReadStream();
    const hash = createHash('sha256');
    for await (const chunk of stream) hash.update(chunk as Buffer);
    expect(hash.digest('hex')).toBe(manifest.files.find((f) => f.name === 'data.csv')!.sha256);

    expect(invisible, 'elements that took focus without a visible indicator').toEqual([]);
    await context.close();
  });

  it('shows a dataset’s text, data dictionary, preview rows and download links with JavaScript off', async () => {
    const dataset = await treeDataset();
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${siteUrl}/datasets/${dataset.id}/`);
    const manifest = manifestSchema.parse(await (await page.request.get(`${siteUrl}/datasets/${dataset.id}/latest/manifest.json`)).json());

    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(dataset.title);
    await expect(page.getByText(dataset.rowMeaning).isVisible()).resolves.toBe(true);
    const dictionary = page.getByRole('table', { name: /columns of/ });
    await expect(dictionary.locator('tbody tr').count()).resolves.toBe(dataset.fields.length);
    await expect(dictionary.locator('tbody th').first().innerText()).resolves.toBe(dataset.fields[0]!.title);
    const preview = page.getByRole('table', { name: /^First .* rows of/ });
    await expect(preview.isVisible()).resolves.toBe(true);
    await expect(preview.locator('tbody tr').count()).resolves.toBe(manifest.preview.length);

    for (const file of manifest.files) {
      const link = page.getByRole('link', { name: new RegExp(`^Download ${file.format}\\b`) }).first();
      await expect(link.isVisible(), file.format).resolves.toBe(true);
      const response = await page.request.get(new URL((await link.getAttribute('href'))!, page.url()).href);
      expect(response.status(), file.name).toBe(200);
      expect((await response.body()).length, file.name).toBe(file.bytes);
    }
    await context.close();
  });

  it('prints a dataset page without the site chrome, its tables within the page', async () => {
    // The widest table is the hardest to print: take the published dataset with the most columns.
    const metadata = await readAllMetadata(PROJECT_ROOT);
    const dataset = metadata
      .map((m) => m.dataset)
      .filter((d) => d.status === 'approved')
      .sort((a, b) => b.fields.length - a.fields.length)[0]!;
    const page = await browser.newPage({ viewport: { width: 720, height: 1000 } });
    await page.goto(`${siteUrl}/datasets/${dataset.id}/`);
    await page.emulateMedia({ media: 'print' });
    const hidden = async (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((el) => getComputedStyle(el).display === 'none');
    for (const selector of ['nav[aria-label="Main"]', 'nav.toc', '.skip-link', 'nav.browse-similar']) {
      await expect(hidden(selector), selector).resolves.toBe(true);
    }
    for (const name of [/columns of/, /^First .* rows of/]) {
      const table = page.getByRole('table', { name });
      await expect(table.isVisible()).resolves.toBe(true);
      // Printed tables wrap instead of hiding columns behind a scroll bar paper does not have.
      const clipped = await table.evaluate((el) => el.parentElement!.scrollWidth > el.parentElement!.clientWidth + 1 && getComputedStyle(el.parentElement!).overflowX !== 'visible');
      expect(clipped).toBe(false);
      const overflow = await table.evaluate((el) => Math.round(el.getBoundingClientRect().right - document.documentElement.clientWidth));
      expect(overflow, 'pixels of the table beyond the printed page').toBeLessThanOrEqual(0);
    }
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.close();
  });
});
