import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { downloadFormats } from '../../src/shared/download-formats.ts';
import { manifestSchema, type Manifest } from '../../src/schemas/manifest.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { countCsvRecords } from '../helpers/csv.ts';

const siteUrl = inject('siteUrl');
/** A demo dataset under the spreadsheet row limit, so every format is written. */
const DATASET = 'street-trees';

let browser: Browser;
let context: BrowserContext;
let page: Page;
let manifest: Manifest;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  page = await context.newPage();
  manifest = manifestSchema.parse(await (await page.request.get(`${siteUrl}/datasets/${DATASET}/latest/manifest.json`)).json());
});

afterAll(async () => {
  await browser?.close();
});

describe('downloads in every format', () => {
  it('links each format from the dataset page, served with its media type, size and checksum', async () => {
    await page.goto(`${siteUrl}/datasets/${DATASET}/`);
    const section = page.getByRole('region', { name: 'Download' });
    for (const format of downloadFormats) {
      const file = manifest.files.find((f) => f.name === format.name);
      expect(file, `${format.name} in the manifest`).toBeDefined();
      const link = section.getByRole('link', { name: new RegExp(`^Download ${format.format} of`) });
      await expect(link.count(), format.format).resolves.toBe(1);
      const href = await link.getAttribute('href');
      expect(href).toBe(`/datasets/${DATASET}/latest/${format.name}`);
      const response = await page.request.get(new URL(href!, page.url()).href);
      expect(response.status(), href!).toBe(200);
      expect(response.headers()['content-type']?.split(';')[0], href!).toBe(format.mediaType);
      const body = await response.body();
      expect(body.length, `${href} size`).toBe(file!.bytes);
      expect(createHash('sha256').update(body).digest('hex'), `${href} sha256`).toBe(file!.sha256);
      await expect(section.textContent()).resolves.toContain(file!.sha256);
    }
  });

  it('serves the Excel CSV as the CSV with a byte order mark, and a workbook with every row', async () => {
    const csv = await (await page.request.get(`${siteUrl}/datasets/${DATASET}/latest/data.csv`)).body();
    const excel = await (await page.request.get(`${siteUrl}/datasets/${DATASET}/latest/data-excel.csv`)).body();
    expect([...excel.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(excel.subarray(3).equals(csv)).toBe(true);
    expect(countCsvRecords(csv.toString('utf8')) - 1).toBe(manifest.rowCount);
    const workbook = new ExcelJS.Workbook();
    const xlsx = await (await page.request.get(`${siteUrl}/datasets/${DATASET}/latest/data.xlsx`)).body();
    await workbook.xlsx.load(new Uint8Array(xlsx).buffer);
    expect(workbook.worksheets[0]!.rowCount).toBe(manifest.rowCount + 1);
    const xml = await (await page.request.get(`${siteUrl}/datasets/${DATASET}/latest/data.xml`)).text();
    expect(xml.match(/<row>/g)).toHaveLength(manifest.rowCount);
  });

  it('tells spreadsheet users about the encoding and the formula apostrophe', async () => {
    await page.goto(`${siteUrl}/datasets/${DATASET}/`);
    await expect(page.getByRole('heading', { name: 'Opening the data in a spreadsheet', level: 3 }).count()).resolves.toBe(1);
    const note = page.locator('.spreadsheet-note');
    await expect(note.textContent()).resolves.toMatch(/UTF-8[\s\S]*CSV for Excel[\s\S]*apostrophe/);
  });

  it('says why a table over the row limit has no XLSX or XML', async () => {
    const big = manifestSchema.parse(await (await page.request.get(`${siteUrl}/datasets/311-service-requests/latest/manifest.json`)).json());
    if (!big.notWritten) return; // built with a raised CATALOG_SPREADSHEET_ROW_LIMIT
    await page.goto(`${siteUrl}/datasets/311-service-requests/`);
    await expect(page.getByRole('region', { name: 'Download' }).textContent()).resolves.toContain('XLSX and XML are offered for tables of up to');
    await expect(page.getByRole('link', { name: /^Download XLSX/ }).count()).resolves.toBe(0);
  });
});

describe('versions and citations', () => {
  it('shows what changed in the version history and on the version page', async () => {
    await page.goto(`${siteUrl}/datasets/${DATASET}/`);
    const history = page.getByRole('table', { name: /versions? of/ });
    await expect(history.getByRole('columnheader', { name: 'What changed' }).count()).resolves.toBe(1);
    await page.goto(`${siteUrl}/datasets/${DATASET}/versions/${manifest.version}/`);
    await expect(page.getByRole('heading', { name: 'What changed', level: 2 }).count()).resolves.toBe(1);
    await expect(page.getByRole('heading', { name: 'Cite this version', level: 2 }).count()).resolves.toBe(1);
  });

  it('copies the citation with the keyboard and announces it', async () => {
    await page.goto(`${siteUrl}/datasets/${DATASET}/`);
    const citation = page.locator('#cite-apa');
    const today = await page.evaluate(() => new Date().toLocaleDateString('en', { day: 'numeric', month: 'long', year: 'numeric' }));
    await expect(citation.textContent()).resolves.toContain(`Retrieved ${today}, from `);
    // Reach the button the way a keyboard user does: Tab from the element before it.
    await page.locator('#cite-apa-heading').evaluate((h) => {
      h.setAttribute('tabindex', '-1');
      (h as HTMLElement).focus();
    });
    let focused = '';
    for (let i = 0; i < 10 && focused !== 'Copy APA citation'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    }
    expect(focused).toBe('Copy APA citation');
    await page.keyboard.press('Enter');
    const status = page.getByRole('status').filter({ hasText: 'Copied' });
    await status.waitFor({ timeout: 5000 });
    await expect(status.textContent()).resolves.toBe('Copied the APA citation.');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(/^City of Riverton, .+\. \(\d{4}\)\. .+ \(Version \d{4}-\d{2}-\d{2}(-\d+)?\) \[Data set\]\. .+\. Retrieved .+, from https?:\/\/\S+\/versions\/\S+\/$/);
    expect(copied).toContain(today);
  });

  it('shows a complete citation with the publication date and no copy button without JavaScript', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const plain = await noJs.newPage();
    await plain.goto(`${siteUrl}/datasets/${DATASET}/`);
    await expect(plain.getByRole('button', { name: /Copy/ }).count()).resolves.toBe(0);
    await expect(plain.locator('#cite-apa').textContent()).resolves.toMatch(/Retrieved \w+ \d{1,2}, \d{4}, from /);
    await expect(plain.locator('#cite-bibtex').textContent()).resolves.toMatch(/urldate\s+= \{\d{4}-\d{2}-\d{2}\}/);
    await noJs.close();
  });
});
