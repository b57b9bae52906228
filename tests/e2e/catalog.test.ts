import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { manifestSchema } from '../../src/schemas/manifest.ts';
import { readAllMetadata } from '../../src/shared/metadata.ts';
import { SECRET_MARKERS, UNAPPROVED_TABLES, UNPUBLISHED_COLUMNS } from '../../scripts/demo-db/markers.ts';
import { useBrowser } from '../helpers/browser.ts';
import { PROJECT_ROOT } from '../helpers/workspace.ts';
import { countCsvRecords } from '../helpers/csv.ts';
import { unzipEntries } from '../helpers/zip.ts';

const siteUrl = inject('siteUrl');
const dist = path.join(PROJECT_ROOT, 'dist');

let page: Page;
useBrowser((_browser, p) => {
  page = p;
});

async function searchTarget() {
  const metadata = await readAllMetadata(PROJECT_ROOT);
  const hit = metadata.find((m) => m.dataset.fields.some((f) => f.description.includes('arboriculturist')));
  if (!hit) throw new Error('No demo field description contains "arboriculturist"; the search test needs one.');
  return hit.dataset;
}

describe('the built catalog', () => {
  it('finds a dataset by a word that appears only in a field description, with the keyboard', async () => {
    const dataset = await searchTarget();
    await page.goto(`${siteUrl}/`);
    const box = page.getByRole('searchbox').first();
    await box.focus();
    await page.keyboard.type('arboriculturist');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\/\?q=arboriculturist/);
    const result = page.getByRole('link', { name: dataset.title, exact: true }).first();
    await result.waitFor({ timeout: 15_000 });
    await result.click();
    await page.waitForURL(new RegExp(`/datasets/${dataset.id}/$`));
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(dataset.title);
  });

  it('serves a CSV download whose rows and SHA-256 equal the manifest', async () => {
    const dataset = await searchTarget();
    await page.goto(`${siteUrl}/datasets/${dataset.id}/`);
    const link = page.getByRole('link', { name: /Download CSV/ }).first();
    const href = await link.getAttribute('href');
    expect(href).toBeTruthy();
    const response = await page.request.get(new URL(href!, page.url()).href);
    expect(response.status()).toBe(200);
    const bytes = await response.body();
    const manifest = manifestSchema.parse(await (await page.request.get(`${siteUrl}/datasets/${dataset.id}/latest/manifest.json`)).json());
    const csv = manifest.files.find((f) => f.name === 'data.csv')!;
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(csv.sha256);
    expect(countCsvRecords(bytes.toString('utf8')) - 1).toBe(manifest.rowCount);
    // The checksum shown to readers is the real one.
    await expect(page.locator('body').textContent()).resolves.toContain(csv.sha256);
  });

  it('publishes a page for every approved dataset and none for the others', async () => {
    const metadata = await readAllMetadata(PROJECT_ROOT);
    for (const { dataset } of metadata) {
      const response = await page.request.get(`${siteUrl}/datasets/${dataset.id}/`);
      const published = dataset.status === 'approved' || dataset.status === 'retired';
      expect(response.status(), `${dataset.id} (${dataset.status})`).toBe(published ? 200 : 404);
    }
  });

  it('contains nothing of unpublished columns or unapproved tables anywhere in dist/', async () => {
    const needles = [...SECRET_MARKERS, ...UNPUBLISHED_COLUMNS.map((c) => c.column), ...UNAPPROVED_TABLES.map((t) => t.split('.').pop()!)];
    const entries = await readdir(dist, { recursive: true, withFileTypes: true });
    let checked = 0;
    for (const entry of entries.filter((e) => e.isFile())) {
      const file = path.join(entry.parentPath, entry.name);
      let bytes = await readFile(file);
      // Pagefind's index fragments are gzip-compressed; read what they hold.
      if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
      // XLSX workbooks are zip files of XML: read the text they hold.
      if (file.endsWith('.xlsx')) bytes = Buffer.concat([...unzipEntries(bytes).values()]);
      const text = bytes.toString('utf8');
      for (const needle of needles) expect(text.includes(needle), `"${needle}" found in ${path.relative(dist, file)}`).toBe(false);
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('serves a useful 404 page', async () => {
    const response = await page.goto(`${siteUrl}/no-such-page/`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('searchbox').count()).resolves.toBeGreaterThan(0);
    await expect(page.getByRole('link', { name: /datasets/i }).count()).resolves.toBeGreaterThan(0);
  });

  it('lists every page in the sitemap', async () => {
    const index = await (await page.request.get(`${siteUrl}/sitemap-index.xml`)).text();
    expect(index).toContain('sitemap-0.xml');
    const sitemap = await (await page.request.get(`${siteUrl}/sitemap-0.xml`)).text();
    const dataset = await searchTarget();
    expect(sitemap).toContain(`/datasets/${dataset.id}/`);
  });
});
