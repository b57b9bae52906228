import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { frequencies } from '../../src/schemas/vocabularies.ts';
import { useBrowser } from '../helpers/browser.ts';
import { publishedDatasets } from '../helpers/site-pages.ts';

const siteUrl = inject('siteUrl');

let page: Page;
useBrowser((_browser, p) => {
  page = p;
});

/** Dataset page links listed in the main content of a page, in document order. */
async function datasetLinks(path: string): Promise<string[]> {
  await page.goto(`${siteUrl}${path}`);
  return page.locator('main .card__title a').evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
}

describe('browsing the catalog', () => {
  it('offers search filters for theme, publisher, download format and update frequency', async () => {
    await page.goto(`${siteUrl}/search/`);
    // A string, not a function: vitest would rewrite a dynamic import() inside a function.
    const filters: Record<string, Record<string, number>> = await page.evaluate(`import('/pagefind/pagefind.js').then((pf) => pf.filters())`);
    expect(Object.keys(filters).sort()).toEqual(['format', 'frequency', 'publisher', 'theme']);
    expect(Object.keys(filters.format ?? {})).toEqual(expect.arrayContaining(['CSV', 'JSON']));
    expect(filters.frequency?.[frequencies.monthly.label]).toBeGreaterThan(0);
  });

  it('narrows a search to one update frequency with the Pagefind filter', async () => {
    const weekly = (await publishedDatasets()).filter((d) => d.status === 'approved' && d.frequency === 'weekly');
    await page.goto(`${siteUrl}/search/`);
    const urls: string[] = await page.evaluate(`import('/pagefind/pagefind.js')
      .then((pf) => pf.search(null, { filters: { frequency: ${JSON.stringify(frequencies.weekly.label)} } }))
      .then((search) => Promise.all(search.results.map((r) => r.data())))
      .then((data) => data.map((d) => d.url).sort())`);
    expect(urls).toEqual(weekly.map((d) => `/datasets/${d.id}/`).sort());
  });

  it('has a page per format and per update frequency listing exactly their datasets', async () => {
    const datasets = await publishedDatasets();
    const active = datasets.filter((d) => d.status === 'approved');
    for (const frequency of new Set(active.map((d) => d.frequency))) {
      const listed = await datasetLinks(`/frequencies/${frequency}/`);
      expect(listed.sort(), frequency).toEqual(
        active
          .filter((d) => d.frequency === frequency)
          .map((d) => `/datasets/${d.id}/`)
          .sort(),
      );
      await expect(page.locator('main .lead').textContent()).resolves.toMatch(/updated on this schedule/);
    }
    const csv = await datasetLinks('/formats/csv/');
    expect(csv.sort()).toEqual(datasets.map((d) => `/datasets/${d.id}/`).sort());
    // A dataset page links to the browse pages it belongs to.
    const first = active[0]!;
    await page.goto(`${siteUrl}/datasets/${first.id}/`);
    const similar = page.getByRole('navigation', { name: 'Similar datasets' });
    await expect(similar.getByRole('link', { name: /Other datasets in CSV/ }).getAttribute('href')).resolves.toBe('/formats/csv/');
    await expect(similar.getByRole('link', { name: /updated on this schedule/ }).getAttribute('href')).resolves.toBe(`/frequencies/${first.frequency}/`);
  });

  it('lists datasets A to Z by default and most recently updated first on a linked static page (no JavaScript needed)', async () => {
    const az = await datasetLinks('/datasets/');
    const titles = await page.locator('main section[aria-labelledby="list"] .card__title a').allTextContents();
    expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b, 'en')));
    expect(az.length).toBeGreaterThan(1);
    await page.getByRole('link', { name: 'Show the most recently updated first' }).click();
    await page.waitForURL(/\/recently-updated\/$/);
    const dates = await page.locator('main .card time').evaluateAll((times) => times.map((t) => t.getAttribute('datetime')!));
    expect(dates.length).toBeGreaterThan(1);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('gives theme and publisher pages an intro linking across, from one shared listing component', async () => {
    await page.goto(`${siteUrl}/datasets/`);
    const themeHref = await page.locator('section[aria-labelledby="by-theme"] a').first().getAttribute('href');
    await page.goto(`${siteUrl}${themeHref}`);
    await expect(page.locator('main .lead a[href^="/publishers/"]').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('main .card-grid .card').count()).resolves.toBeGreaterThan(0);
    const publisherHref = await page.locator('main .lead a[href^="/publishers/"]').first().getAttribute('href');
    await page.goto(`${siteUrl}${publisherHref}`);
    await expect(page.locator('main .lead a[href^="/themes/"]').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('main .lead a[href^="mailto:"]').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('main .card-grid .card').count()).resolves.toBeGreaterThan(0);
  });
});
