import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { readAllMetadata } from '../../src/shared/metadata.ts';
import type { Dataset } from '../../src/schemas/dataset.ts';
import { urls } from '../../src/lib/urls.ts';
import { launchBrowser } from './browser.ts';
import { PROJECT_ROOT } from './workspace.ts';

/**
 * The pages to check, taken from the built site's sitemap so a new kind of page is covered
 * without a new test. Pages are grouped by type (the first path segment and the depth:
 * `/datasets/a/` and `/datasets/b/` are one type, `/datasets/a/versions/v/` another); each type is
 * represented by its first page, plus `extra` variants and the 404 page, which no sitemap lists.
 */

// `/datasets/street-trees/` → `/datasets/*/`: every segment after the first becomes `*`.
export function pageType(pathname: string): string {
  const segments = pathname.split('/').filter(Boolean);
  return `/${segments.map((segment, index) => (index === 0 ? segment : '*')).join('/')}${segments.length ? '/' : ''}`;
}

async function fetchText(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.text();
}

const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1]!);

/**
 * The sitemaps of HTML pages in a sitemap index: all but the sitemap of machine-readable files
 * (`/sitemap-metadata.xml`, whose entries are Turtle, JSON and RDF/XML files, not pages).
 */
export function pageSitemaps(index: string): string[] {
  return locs(index).filter((loc) => new URL(loc).pathname !== urls.metadataSitemap());
}

/** Every page path the sitemap lists (the sitemap holds production URLs; only the path is kept). */
export async function sitemapPaths(siteUrl: string): Promise<string[]> {
  const index = await fetchText(`${siteUrl}/sitemap-index.xml`);
  const paths: string[] = [];
  for (const sitemap of pageSitemaps(index)) {
    for (const loc of locs(await fetchText(`${siteUrl}${new URL(sitemap).pathname}`))) paths.push(new URL(loc).pathname);
  }
  if (paths.length === 0) throw new Error('The sitemap lists no pages: is @astrojs/sitemap still in astro.config.mjs?');
  return paths;
}

/** One or two pages of every type, plus `extra` paths (e.g. a retired dataset) and the 404 page. */
export async function samplePages(siteUrl: string, extra: string[] = []): Promise<string[]> {
  const byType = new Map<string, string[]>();
  for (const path of await sitemapPaths(siteUrl)) byType.set(pageType(path), [...(byType.get(pageType(path)) ?? []), path]);
  const sample = [...byType.values()].map((paths) => paths[0]!);
  return [...new Set([...sample, ...extra, '/this-page-does-not-exist/'])];
}

/** A search with results, so checks also see what the search page draws (results and filters). */
export const SEARCH_WITH_RESULTS = '/search/?q=trees';

/** The pages the quality-bar walks visit: one per page type, every retired dataset and a search with results. */
export async function qualityBarPages(siteUrl: string): Promise<string[]> {
  const metadata = await readAllMetadata(PROJECT_ROOT);
  const retired = metadata.filter((m) => m.dataset.status === 'retired').map((m) => `/datasets/${m.dataset.id}/`);
  return samplePages(siteUrl, [...retired, SEARCH_WITH_RESULTS]);
}

/** Datasets the site publishes a page for (approved or retired), from the metadata files, not the site. */
export async function publishedDatasets(): Promise<Dataset[]> {
  return (await readAllMetadata(PROJECT_ROOT)).map((m) => m.dataset).filter((d) => d.status === 'approved' || d.status === 'retired');
}

/** One browser for the test file and the quality-bar pages to walk, handed over before the first test; the browser is closed after the last. */
export function useQualityBarPages(siteUrl: string, onReady: (browser: Browser, pages: string[]) => void): void {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
    onReady(browser, await qualityBarPages(siteUrl));
  });
  afterAll(async () => {
    await browser?.close();
  });
}

/** Opens a page and lets lazy parts (charts, search results) appear, so checks see what a reader sees. */
export async function openFully(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'load' });
  if (new URL(url).searchParams.has('q') && (await page.locator('[data-search]').count()) > 0) {
    await page.locator('[data-search-results] a').first().waitFor({ timeout: 15_000 });
  }
  if ((await page.locator('figure[data-chart]').count()) > 0) {
    // Each chart is drawn when it comes into view: visit them one by one.
    for (const figure of await page.locator('figure[data-chart]').all()) await figure.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => [...document.querySelectorAll('figure[data-chart]')].every((c) => (c as HTMLElement).dataset.chartReady === 'true'), null, {
      timeout: 10_000,
    });
    await page.evaluate(() => window.scrollTo(0, 0));
  }
}
