import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import Papa from 'papaparse';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { displayValue, filterRows } from '../../src/scripts/preview-table.ts';
import { datasetSchedule, describeSchedule } from '../../src/lib/next-update.ts';
import { formatDate } from '../../src/lib/format.ts';
import { temporalCoverage } from '../../src/shared/temporal-coverage.ts';
import { scorecard } from '../../src/lib/quality.ts';
import { manifestSchema, type Manifest } from '../../src/schemas/manifest.ts';
import { readAllMetadata } from '../../src/shared/metadata.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { PROJECT_ROOT } from '../helpers/workspace.ts';

/**
 * The dataset page's "understand, preview, chart, judge" parts in Chromium: the next-update fact,
 * the quality scorecard, the sortable and filterable preview driven by the keyboard, the charts
 * that load only when scrolled to, and the page weight before any interaction.
 */

const siteUrl = inject('siteUrl');
const dist = path.join(PROJECT_ROOT, 'dist');
const ID = '311-service-requests';
const BUDGET = 100 * 1024;

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function latestManifest(id: string): Promise<Manifest> {
  return manifestSchema.parse(JSON.parse(await readFile(path.join(dist, 'datasets', id, 'latest', 'manifest.json'), 'utf8')));
}

const today = () => new Date().toISOString().slice(0, 10);

async function metadata(id: string) {
  const found = (await readAllMetadata(PROJECT_ROOT)).find((m) => m.dataset.id === id);
  if (!found) throw new Error(`no metadata for ${id}`);
  return found.dataset;
}

/** Every request the page makes, with the bytes it received. */
async function openRecording(context: BrowserContext, url: string): Promise<{ page: Page; requests: { url: string; bytes: number; type: string }[] }> {
  const page = await context.newPage();
  const requests: { url: string; bytes: number; type: string }[] = [];
  page.on('requestfinished', async (request) => {
    const sizes = await request.sizes().catch(() => null);
    requests.push({ url: request.url(), bytes: sizes ? sizes.responseBodySize + sizes.responseHeadersSize : 0, type: request.resourceType() });
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  return { page, requests };
}

/** Presses Tab until the focused element matches, as a keyboard user would reach it. */
async function tabTo(page: Page, matches: string, limit = 300): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((selector) => document.activeElement?.matches(selector) ?? false, matches)) return;
  }
  throw new Error(`${matches} was not reached with ${limit} presses of Tab`);
}

describe('the dataset page', () => {
  it('lists in its table of contents every section it renders below it, in order, and nothing else', async () => {
    const ids = (await readdir(path.join(dist, 'datasets'), { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(ids.length).toBeGreaterThan(3);
    const page = await browser.newPage();
    try {
      for (const id of ids) {
        await page.goto(`${siteUrl}/datasets/${id}/`);
        const { links, sections } = await page.evaluate(() => {
          const nav = document.querySelector('nav.toc')!;
          return {
            links: [...nav.querySelectorAll('a')].map((a) => a.getAttribute('href')),
            sections: [...document.querySelectorAll('article h2')].filter((h) => nav.compareDocumentPosition(h) & Node.DOCUMENT_POSITION_FOLLOWING).map((h) => `#${h.id}`),
          };
        });
        expect(links, id).toEqual(sections);
        // Sections every dataset page has, including the ones the hand-kept list used to miss.
        expect(sections, id).toEqual(expect.arrayContaining(['#key-facts', '#privacy', '#versions', '#browse-similar', '#contact']));
      }
    } finally {
      await page.close();
    }
  });

  it('states the data’s own first and last date, and judges the next update from the last one', async () => {
    const page = await browser.newPage();
    for (const id of [ID, 'parking-meters']) {
      const dataset = await metadata(id);
      const manifest = await latestManifest(id);
      await page.goto(`${siteUrl}/datasets/${id}/`);
      const today = new Date().toISOString().slice(0, 10);
      const schedule = datasetSchedule(dataset, manifest, today);
      const expected = describeSchedule(schedule);
      const fact = page.locator('.facts div', { has: page.locator('dt', { hasText: 'Next update' }) }).locator('dd');
      await expect(fact.textContent().then((t) => t?.trim())).resolves.toBe(expected.fact);
      // The overdue notice appears exactly when the data's own last date is older than its frequency allows.
      await expect(page.getByRole('heading', { name: 'Update overdue' }).count()).resolves.toBe(schedule.kind === 'overdue' ? 1 : 0);
      if (expected.notice) await expect(page.locator('.notice', { hasText: 'overdue' }).textContent()).resolves.toContain(expected.notice);
      const coverage = temporalCoverage(dataset, manifest);
      const records = page.locator('.facts div', { has: page.locator('dt', { hasText: /^Records$/ }) }).locator('dd');
      if (coverage.source === 'records') await expect(records.textContent()).resolves.toContain(`From ${formatDate(coverage.start)} to ${formatDate(coverage.end)}`);
    }
    // The 311 requests end where the data ends (its newest request), not on the day the page was built.
    const requests = temporalCoverage(await metadata(ID), await latestManifest(ID));
    expect(requests).toMatchObject({ source: 'records', column: 'requested_at', declared: true });
    expect(requests.source === 'records' && requests.end < today()).toBe(true);
    await expect(page.locator('.facts dd[data-next-update="retired"]').count()).resolves.toBe(1);
    await page.close();
  });

  it('shows the quality grade and what it is made of, measured on the snapshot', async () => {
    const page = await browser.newPage();
    const dataset = await metadata(ID);
    const manifest = await latestManifest(ID);
    expect(manifest.quality?.key, 'the snapshot checked the declared key').toMatchObject({ columns: dataset.primaryKey });
    const card = scorecard(dataset, manifest, new Date().toISOString().slice(0, 10));
    await page.goto(`${siteUrl}/datasets/${ID}/`);
    const section = page.locator('section', { has: page.getByRole('heading', { name: 'Data quality', level: 2 }) });
    await expect(section.getByTestId('quality-grade').textContent()).resolves.toContain(`Quality grade ${card.grade}. ${card.summary}`);
    for (const measure of card.measures) await expect(section.textContent()).resolves.toContain(measure.explanation);
    // The per-column table opens with the keyboard.
    await section.getByText('Completeness and validity of each column').focus();
    await page.keyboard.press('Enter');
    const table = section.getByRole('table', { name: /Filled-in and valid values per column/ });
    await expect(table.getByRole('row').count()).resolves.toBe(dataset.fields.length + 1);
    await page.close();
  });

  it('lets a keyboard user filter and sort the sample rows, loading them only when asked', async () => {
    const context = await browser.newContext();
    const { page, requests } = await openRecording(context, `${siteUrl}/datasets/${ID}/`);
    const manifest = await latestManifest(ID);
    expect(manifest.sample?.rows).toBe(500);
    expect(
      requests.some((r) => r.url.endsWith('/sample.csv')),
      'sample.csv before interaction',
    ).toBe(false);
    expect(
      requests.some((r) => /papaparse/.test(r.url)),
      'PapaParse before interaction',
    ).toBe(false);

    // Expected results, computed from the published sample file itself.
    const sampleCsv = await readFile(path.join(dist, 'datasets', ID, 'versions', manifest.version, 'sample.csv'), 'utf8');
    const [header, ...records] = Papa.parse<string[]>(sampleCsv, { skipEmptyLines: true }).data;
    const numeric = manifest.columns.map((c) => c.type === 'integer' || c.type === 'number');
    const sample = records.map((r) => r.map((cell) => displayValue(cell)));
    expect(header).toEqual(manifest.columns.map((c) => c.name));
    const needle = 'pothole';
    const matching = filterRows(sample, needle).length;
    expect(matching).toBeGreaterThan(0);

    await tabTo(page, '#preview-filter');
    await expect(page.getByLabel('Filter rows').getAttribute('type')).resolves.toBe('search');
    await page.keyboard.type(needle);
    const status = page.getByRole('status').filter({ hasText: 'Showing' });
    await status.filter({ hasText: `containing “${needle}”` }).waitFor();
    await expect(status.textContent()).resolves.toBe(`Showing ${matching} of 500 rows containing “${needle}”.`);
    expect(requests.filter((r) => r.url.endsWith('/sample.csv'))).toHaveLength(1);
    const table = page.getByRole('table', { name: /rows of/ });
    await expect(table.locator('tbody tr').count()).resolves.toBe(matching);

    // Sort by the first numeric column with its header button: Enter, then Enter again to reverse.
    const column = numeric.indexOf(true);
    const title = (await metadata(ID)).fields.find((f) => f.name === manifest.columns[column]!.name)!.title;
    await tabTo(page, 'th .sort-button');
    while (!(await page.evaluate((t) => document.activeElement?.textContent?.startsWith(t) ?? false, title))) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const th = table.locator('thead th').nth(column);
    await expect(th.getAttribute('aria-sort')).resolves.toBe('ascending');
    const values = async () => (await table.locator(`tbody tr td:nth-child(${column + 1})`).allTextContents()).map(Number).filter((n) => !Number.isNaN(n));
    const ascending = await values();
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    await page.keyboard.press('Enter');
    await expect(th.getAttribute('aria-sort')).resolves.toBe('descending');
    const descending = await values();
    expect(descending).toEqual([...ascending].sort((a, b) => b - a));
    await expect(status.textContent()).resolves.toBe(`Showing ${matching} of 500 rows containing “${needle}”, sorted by ${title}, descending.`);
    await expect(table.locator('thead th[aria-sort]').count()).resolves.toBe(1);
    await context.close();
  });

  it('falls back to the rows on the page when the sample cannot be loaded, and says so', async () => {
    const context = await browser.newContext();
    await context.route('**/sample.csv', (route) => route.fulfill({ status: 503, body: '' }));
    const page = await context.newPage();
    await page.goto(`${siteUrl}/datasets/${ID}/`);
    const manifest = await latestManifest(ID);
    const matching = filterRows(manifest.preview, 'pothole').length;
    await page.getByLabel('Filter rows').fill('pothole');
    const status = page.getByRole('status').filter({ hasText: 'Showing' });
    await status.waitFor();
    await expect(status.textContent()).resolves.toBe(
      `The sample rows could not be loaded (the server answered 503); filtering and sorting use the rows shown. Showing ${matching} of 20 rows containing “pothole”.`,
    );
    await context.close();
  });

  it('loads Chart.js only when a chart scrolls into view, in dark mode with reduced motion', async () => {
    const context = await browser.newContext({ colorScheme: 'dark', reducedMotion: 'reduce' });
    const { page, requests } = await openRecording(context, `${siteUrl}/datasets/${ID}/`);
    const chartCode = () => requests.filter((r) => /draw-chart/.test(r.url));
    expect(chartCode(), 'chart code before scrolling').toHaveLength(0);
    await expect(page.locator('figure[data-chart] canvas').count()).resolves.toBe(0);

    const figure = page.locator('figure[data-chart]').first();
    await figure.scrollIntoViewIfNeeded();
    await page.locator('figure[data-chart-ready="true"]').first().waitFor({ timeout: 15_000 });
    expect(chartCode().length).toBeGreaterThan(0);
    const canvas = figure.getByRole('img');
    await expect(canvas.getAttribute('aria-label')).resolves.toMatch(/table below/);
    // Reduced motion: drawn at once, no animation. The bars use the dark scheme's link colour.
    await expect(figure.getAttribute('data-chart-animated')).resolves.toBe('false');
    const colour = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--link').trim());
    expect(colour).toBe('#8cc8ff');

    // Its numbers, as a table with headers, behind a keyboard-operable disclosure.
    await figure.getByText('The numbers in this chart').click();
    const table = figure.getByRole('table');
    await expect(table.getByRole('columnheader').count()).resolves.toBe(2);
    await expect(table.getByRole('rowheader').count()).resolves.toBeGreaterThan(1);
    await context.close();
  });

  it('keeps the chart summaries, their tables and the preview rows with JavaScript off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${siteUrl}/datasets/${ID}/`);
    const figures = page.locator('figure[data-chart]');
    expect(await figures.count()).toBeGreaterThan(1);
    await expect(figures.first().locator('table tbody tr').count()).resolves.toBeGreaterThan(1);
    await expect(figures.first().locator('p').first().textContent()).resolves.toMatch(/\w/);
    await expect(
      page
        .getByRole('table', { name: /First 20 rows of/ })
        .locator('tbody tr')
        .count(),
    ).resolves.toBe(20);
    await expect(page.getByLabel('Filter rows').count()).resolves.toBe(0);
    await context.close();
  });

  it('has no axe violations once enhanced, in light and dark schemes', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ colorScheme });
      const page = await context.newPage();
      await page.goto(`${siteUrl}/datasets/${ID}/`, { waitUntil: 'networkidle' });
      await page.getByLabel('Filter rows').fill('pothole');
      await page.locator('th .sort-button').first().click();
      await page.locator('figure[data-chart]').last().scrollIntoViewIfNeeded();
      await page.locator('figure[data-chart-ready="true"]').last().waitFor({ timeout: 15_000 });
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
      expect(results.violations.map((v) => `${colorScheme}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      await context.close();
    }
  });

  it('fits a 320 px wide screen once enhanced, without scrolling the page sideways', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await page.goto(`${siteUrl}/datasets/${ID}/`, { waitUntil: 'networkidle' });
    await page.getByLabel('Filter rows').fill('closed');
    await page.getByRole('status').filter({ hasText: 'Showing' }).waitFor();
    await page.locator('figure[data-chart]').first().scrollIntoViewIfNeeded();
    await page.locator('figure[data-chart-ready="true"]').first().waitFor({ timeout: 15_000 });
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(320);
    await context.close();
  });

  it(`stays under ${BUDGET / 1024} KB of HTML, CSS and JS before any interaction`, async () => {
    const context = await browser.newContext();
    const weights: Record<string, number> = {};
    for (const id of [ID, 'street-trees', 'emergency-medical-calls']) {
      const { page, requests } = await openRecording(context, `${siteUrl}/datasets/${id}/`);
      await page.waitForTimeout(300);
      const loaded = requests.filter((r) => ['document', 'stylesheet', 'script'].includes(r.type));
      expect(
        loaded.filter((r) => /draw-chart|papaparse|sample\.csv/.test(r.url)),
        id,
      ).toEqual([]);
      weights[id] = loaded.reduce((sum, r) => sum + r.bytes, 0);
      await page.close();
    }
    console.log(`Dataset page weight before interaction (uncompressed bytes, headers included): ${JSON.stringify(weights)}`);
    for (const [id, bytes] of Object.entries(weights)) expect(bytes, id).toBeLessThan(BUDGET);
    await context.close();
  });
});
