import { readFile } from 'node:fs/promises';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { publishedSelect } from '../../scripts/build-data/lib/published-query.ts';
import { connectClient } from '../../scripts/build-data/steps/connect.ts';
import { demoDatabaseSql } from '../../scripts/demo-db/demo-sql.ts';
import { silentLogger } from '../../scripts/lib/effects.ts';
import { csvHeader, csvRowWriter } from '../../src/shared/csv-encoding.ts';
import { readAllMetadata } from '../../src/shared/metadata.ts';
import type { Dataset } from '../../src/schemas/dataset.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { createTestDatabase, runStatements, type TestDatabase } from '../helpers/postgres.ts';
import { PROJECT_ROOT } from '../helpers/workspace.ts';

/**
 * "Explore all rows" on the 311 dataset, in Chromium against the built site: a request number that
 * is not in the sample, a date range with a category counted against the same query in SQL on the
 * source (the demo database, loaded into the test server), a sort, the download of the matches
 * compared with SQL's rows byte for byte, the view restored from its URL, the keyboard alone, axe,
 * and the message a browser without Web Workers gets.
 */

const siteUrl = inject('siteUrl');
const ID = '311-service-requests';
const pageUrl = `${siteUrl}/datasets/${ID}/`;

let browser: Browser;
let db: TestDatabase;
let source: pg.Client;
let dataset: Dataset;

beforeAll(async () => {
  browser = await launchBrowser();
  db = await createTestDatabase();
  await runStatements(db.client, demoDatabaseSql());
  // The snapshot's own session settings, so SQL prints values exactly as data.csv holds them.
  source = await connectClient(db.url, 'the test database', silentLogger);
  dataset = (await readAllMetadata(PROJECT_ROOT)).find((m) => m.dataset.id === ID)!.dataset;
}, 300_000);

afterAll(async () => {
  await source?.end();
  await db?.drop();
  await browser?.close();
});

/** The published rows that meet `where`, in `order`, as data.csv's lines (header first). */
async function sqlRows(where: string, order: string): Promise<string[]> {
  const result = await source.query({
    text: `SELECT * FROM (${publishedSelect(dataset)}) AS published WHERE ${where} ORDER BY ${order}`,
    rowMode: 'array',
    types: { getTypeParser: () => (value: string) => value },
  });
  const columns = dataset.fields.map((f) => ({ name: f.name, type: f.type }));
  const line = csvRowWriter(columns);
  return [csvHeader(columns), ...result.rows.map((row) => line(row as (string | null)[]))];
}

async function openExplorer(page: Page, url = pageUrl): Promise<void> {
  await page.goto(url);
  if (!url.includes('explore')) await page.getByRole('button', { name: 'Open the explorer' }).click();
  await expect.poll(() => page.locator('.explorer-app').getAttribute('data-state'), { timeout: 60_000 }).toBe('ready');
}

const status = (page: Page) => page.locator('.explorer-app [role="status"]');

async function addFilter(page: Page, column: string): Promise<ReturnType<Page['locator']>> {
  await page.getByLabel('Add a filter on').selectOption(column);
  await page.getByRole('button', { name: 'Add filter' }).click();
  return page.locator(`fieldset.explorer-filter[data-column="${column}"]`);
}

async function apply(page: Page, expected: RegExp): Promise<string> {
  await page.getByRole('button', { name: 'Show matching rows' }).click();
  await expect.poll(async () => (await status(page).textContent()) ?? '', { timeout: 60_000 }).toMatch(expected);
  return (await status(page).textContent())!;
}

describe('exploring every row of the 311 dataset', () => {
  it('finds a request number that is not in the page’s sample', async () => {
    const sample = await readFile(path.join(PROJECT_ROOT, 'dist/datasets', ID, 'latest/sample.csv'), 'utf8');
    const wanted = '3110117777';
    expect(sample).not.toContain(wanted);
    const page = await browser.newPage();
    await openExplorer(page);
    const filter = await addFilter(page, 'request_id');
    await filter.getByLabel('Condition').selectOption('equals');
    await filter.getByLabel('Value').fill(wanted);
    expect(await apply(page, /match/)).toBe('1 row matches; showing rows 1 to 1.');
    await expect.poll(() => page.locator('.explorer-app tbody tr').count()).toBe(1);
    expect(await page.locator('.explorer-app tbody tr td').first().textContent()).toBe(wanted);
    await page.close();
  });

  it('counts a date range and a category as SQL on the source does, sorts, and downloads exactly SQL’s rows', async () => {
    const where = `requested_at >= '2024-03-01 00:00:00+00' AND requested_at < '2024-04-01 00:00:00+00' AND category = 'Pothole'`;
    const expected = await sqlRows(where, 'latitude DESC, request_id');
    const count = expected.length - 1;
    expect(count).toBeGreaterThan(50);

    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await openExplorer(page);
    const range = await addFilter(page, 'requested_at');
    await range.getByLabel('From').fill('2024-03-01');
    await range.getByLabel('To').fill('2024-03-31');
    const category = await addFilter(page, 'category');
    await category.getByLabel('Pothole').check();
    expect(await apply(page, /match/)).toBe(`${count.toLocaleString('en')} rows match; showing rows 1 to 50.`);

    await page.getByLabel('Sort by').selectOption('latitude');
    await page.getByLabel('Direction').selectOption('desc');
    await apply(page, /sorted by Latitude, descending/);
    const shown = await page
      .locator('.explorer-app tbody tr')
      .evaluateAll((rows) => rows.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.querySelector('.cell-empty') ? null : td.textContent))));
    const sqlFirstPage = expected.slice(1, 51).map((line) => line.split(',')[0]);
    expect(shown.map((cells) => cells[0])).toEqual(sqlFirstPage);
    expect(await page.locator('th[aria-sort="descending"]').textContent()).toBe('Latitude');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /^Download the .* matching rows as CSV$/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^311-service-requests-\d{4}-\d{2}-\d{2}(-\d+)?-selection\.csv$/);
    const file = await readFile(await download.path(), 'utf8');
    expect(file).toBe(expected.join(''));
    await expect.poll(() => status(page).textContent()).toBe(`Downloaded ${count.toLocaleString('en')} rows as ${download.suggestedFilename()}.`);

    // The view lives in the URL: reloading it shows the same rows, sorted the same way.
    const url = page.url();
    expect(url).toContain('explore&f=between~requested_at~2024-03-01~2024-03-31&f=in~category~Pothole&sort=desc~latitude');
    const again = await context.newPage();
    await openExplorer(again, url);
    expect(await status(again).textContent()).toBe(`${count.toLocaleString('en')} rows match; showing rows 1 to 50, sorted by Latitude, descending.`);
    const reloaded = await again.locator('.explorer-app tbody tr td:first-child').allTextContents();
    expect(reloaded).toEqual(sqlFirstPage);
    expect(await again.locator('fieldset.explorer-filter[data-column="category"]').getByLabel('Pothole').isChecked()).toBe(true);
    await context.close();
  });

  it('pages through the matches', async () => {
    const page = await browser.newPage();
    await openExplorer(page, `${pageUrl}?explore&f=in~status~open#explore`);
    const expected = await sqlRows(`status = 'open'`, 'request_id');
    expect(await status(page).textContent()).toBe(`${(expected.length - 1).toLocaleString('en')} rows match; showing rows 1 to 50.`);
    await page.getByRole('button', { name: 'Next page' }).click();
    await expect.poll(() => status(page).textContent()).toContain('showing rows 51 to 100');
    expect(await page.locator('.explorer-app tbody tr td:first-child').allTextContents()).toEqual(expected.slice(51, 101).map((line) => line.split(',')[0]));
    expect(page.url()).toContain('page=2');
    await page.close();
  });

  it('works with the keyboard alone, and axe finds nothing with the explorer open', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(pageUrl);
    const open = page.getByRole('button', { name: 'Open the explorer' });
    for (let i = 0; i < 400 && !(await open.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.explorer-app').getAttribute('data-state'), { timeout: 60_000 }).toBe('ready');
    // The first control of the explorer has the focus once it is open.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(await page.getByLabel('Add a filter on').getAttribute('id'));
    await page.keyboard.press('End'); // the last column in the list
    await page.keyboard.press('Home'); // the first: request_id
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter'); // Add filter: focus moves into the new filter
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SELECT');
    await page.keyboard.press('Tab'); // "From"
    await page.keyboard.type('3110000100');
    await page.keyboard.press('Tab'); // "To"
    await page.keyboard.type('3110000109');
    await page.keyboard.press('Enter'); // submits the form
    await expect.poll(() => status(page).textContent()).toBe('10 rows match; showing rows 1 to 10.');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      return getComputedStyle(el).outlineStyle !== 'none' || getComputedStyle(el).boxShadow !== 'none';
    });
    expect(focused, 'the focused control shows its focus').toBe(true);
    // The open explorer with a filter, results and paging, in both colour schemes.
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const results = await new AxeBuilder({ page }).include('section.explorer').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
      expect(results.passes.length, colorScheme).toBeGreaterThan(0);
      expect(results.violations.map((v) => `${colorScheme} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`)).toEqual([]);
    }
    await context.close();
  });

  it('tells a browser that cannot run it, and says it needs JavaScript when that is off', async () => {
    const context = await browser.newContext();
    await context.addInitScript(() => {
      // A browser without Web Workers.
      delete (window as { Worker?: unknown }).Worker;
    });
    const page = await context.newPage();
    await page.goto(pageUrl);
    await expect.poll(() => page.locator('.explorer-unsupported').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Open the explorer' }).isVisible()).toBe(false);
    await context.close();

    const noScript = await browser.newContext({ javaScriptEnabled: false });
    const plain = await noScript.newPage();
    await plain.goto(pageUrl);
    expect(await plain.locator('.explorer-nojs').isVisible()).toBe(true);
    expect(await plain.locator('#preview-caption').isVisible()).toBe(true);
    await noScript.close();
  });
});
