import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { readAllMetadata } from '../../src/shared/metadata.ts';
import { requestDatasetUrl } from '../../src/lib/feedback-links.ts';
import { entrySchedule } from '../../src/lib/next-update.ts';
import { manifestSchema } from '../../src/schemas/manifest.ts';
import { formatInteger } from '../../src/lib/format.ts';
import { useBrowser } from '../helpers/browser.ts';
import { publishedDatasets } from '../helpers/site-pages.ts';
import { PROJECT_ROOT } from '../helpers/workspace.ts';

const siteUrl = inject('siteUrl');

let browser: Browser;
let page: Page;
useBrowser((b, p) => {
  browser = b;
  page = p;
});

/** Published datasets with their version ids (oldest first) and latest manifest, read from the files, not the site. */
async function publishedCatalog() {
  const metadata = await readAllMetadata(PROJECT_ROOT);
  const result = [];
  for (const dataset of await publishedDatasets()) {
    const versions = (await readdir(path.join(PROJECT_ROOT, 'data-snapshots', dataset.id)).catch(() => [] as string[])).filter((v) => /^\d{4}-/.test(v)).sort();
    if (versions.length === 0) continue;
    const latest = manifestSchema.parse(await (await fetch(`${siteUrl}/datasets/${dataset.id}/latest/manifest.json`)).json());
    result.push({ dataset, versions, latest });
  }
  return { metadata, published: result };
}

describe('the about page', () => {
  it('explains the catalog, its licences, preparation, privacy, how to ask for data and its accessibility', async () => {
    await page.goto(`${siteUrl}/`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'About' }).click();
    await page.waitForURL(/\/about\/$/);
    const headings = await page.locator('main h2').allTextContents();
    expect(headings).toEqual(['What the catalog is', 'Licence: what you may do', 'How the data is prepared', 'Privacy', 'Ask for data', 'Accessibility statement']);
    const hrefs = await page.locator('main a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(expect.arrayContaining(['/inventory/', '/privacy-report.json', requestDatasetUrl()]));
    const statement = await page.locator('section[aria-labelledby="accessibility"]').innerText();
    expect(statement).toMatch(/WCAG\) 2\.2 at level AA/);
    expect(statement).toMatch(/How it is tested/);
    expect(statement).toMatch(/Report a barrier/);
    await expect(page.locator('section[aria-labelledby="accessibility"] a[href^="mailto:"]').count()).resolves.toBeGreaterThan(0);
    // Every page's footer leads to the statement.
    await page.goto(`${siteUrl}/datasets/`);
    await expect(page.getByRole('contentinfo').getByRole('link', { name: 'Accessibility statement' }).getAttribute('href')).resolves.toBe('/about/#accessibility');
  });
});

describe('the catalog in numbers', () => {
  it('shows the number of datasets, their rows and the overdue ones as of the build', async () => {
    const { published } = await publishedCatalog();
    const active = published.filter((p) => p.dataset.status === 'approved');
    await page.goto(`${siteUrl}/numbers/`);
    const figure = (name: string) =>
      page
        .locator('.figures div', { has: page.locator('dt', { hasText: new RegExp(`^${name}$`) }) })
        .locator('dd')
        .innerText();
    await expect(figure('Datasets')).resolves.toBe(formatInteger(active.length));
    await expect(figure('Rows in their latest versions')).resolves.toBe(formatInteger(active.reduce((sum, p) => sum + p.latest.rowCount, 0)));
    const overdue = active.filter((p) => entrySchedule(p).kind === 'overdue');
    await expect(figure('Overdue updates')).resolves.toBe(formatInteger(overdue.length));
    const lastUpdates = page.getByRole('table', { name: /most recently updated first/ });
    await expect(lastUpdates.locator('tbody tr').count()).resolves.toBe(active.length);
  });

  it('gives each chart a summary and a data table, and loads Chart.js only when a chart scrolls into view', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 700 } });
    const fresh = await context.newPage();
    const scripts: string[] = [];
    fresh.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url());
    });
    await fresh.goto(`${siteUrl}/numbers/`, { waitUntil: 'networkidle' });
    const charts = fresh.locator('figure.chart');
    const count = await charts.count();
    expect(count).toBeGreaterThanOrEqual(3);
    const loadedBefore = scripts.length;
    for (let index = 0; index < count; index += 1) {
      const chart = charts.nth(index);
      await expect(chart.locator('p').first().innerText()).resolves.toMatch(/\d/);
      const table = chart.getByRole('table');
      await expect(table.locator('caption').innerText()).resolves.toMatch(/: the numbers$/);
      await expect(table.locator('tbody tr').count()).resolves.toBeGreaterThan(0);
      await expect(chart.locator('[data-chart-canvas]').isHidden(), 'not drawn before it is in view').resolves.toBe(true);
    }
    await charts.first().scrollIntoViewIfNeeded();
    await fresh.locator('figure[data-chart-ready="true"]').first().waitFor({ timeout: 15_000 });
    expect(scripts.length, 'Chart.js fetched when the first chart came into view').toBeGreaterThan(loadedBefore);
    const box = await charts.first().locator('canvas').boundingBox();
    expect(box!.width).toBeGreaterThan(100);
    // The picture points readers to the summary and the table, which say the same in words and numbers.
    await expect(charts.first().locator('canvas').getAttribute('role')).resolves.toBe('img');
    await context.close();
  });
});

describe('the yearly open-data reports', () => {
  it('has a report for each year with versions, listing publications, updates, retirements and next year’s plans', async () => {
    const { metadata, published } = await publishedCatalog();
    const years = [...new Set(published.flatMap((p) => [...p.versions, ...(p.dataset.retired ? [p.dataset.retired.date] : [])]).map((v) => Number(v.slice(0, 4))))].sort();
    await page.goto(`${siteUrl}/reports/`);
    const listed = await page.locator('main ul a').allTextContents();
    expect(listed).toEqual(years.map((y) => `Open-data report ${y}`).reverse());

    const titles = (selector: string) => page.locator(`section[aria-labelledby="${selector}"] li > a:first-child, section[aria-labelledby="${selector}"] tbody th a`).allTextContents();
    for (const year of years) {
      await page.goto(`${siteUrl}/reports/${year}/`);
      const inYear = (date: string) => Number(date.slice(0, 4)) === year;
      const firstPublished = published.filter((p) => inYear(p.versions[0]!)).map((p) => p.dataset.title);
      const updated = published.filter((p) => p.versions.slice(1).some(inYear)).map((p) => p.dataset.title);
      const retired = published.filter((p) => p.dataset.status === 'retired' && inYear(p.dataset.retired!.date)).map((p) => p.dataset.title);
      const publishedIds = new Set(published.map((p) => p.dataset.id));
      const planned = metadata
        .map((m) => m.dataset)
        .filter((d) => !publishedIds.has(d.id) && d.status !== 'retired' && d.plannedPublication && Number(d.plannedPublication.slice(0, 4)) === year + 1)
        .map((d) => d.title);
      const sorted = (list: string[]) => [...list].sort((a, b) => a.localeCompare(b, 'en'));
      expect(sorted(await titles('published')), `${year} published`).toEqual(sorted(firstPublished));
      expect(sorted(await titles('updated')), `${year} updated`).toEqual(sorted(updated));
      expect(sorted(await titles('retired')), `${year} retired`).toEqual(sorted(retired));
      const plannedText = await page.locator('section[aria-labelledby="planned"] li strong').allTextContents();
      expect(sorted(plannedText), `${year} planned`).toEqual(sorted(planned));
    }
    // The demo has a retired dataset and a planned one, so these lists are not all trivially empty.
    expect(published.some((p) => p.dataset.status === 'retired')).toBe(true);
  });
});
