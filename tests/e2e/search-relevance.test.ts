import type { Browser, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useBrowser } from '../helpers/browser.ts';

/**
 * Search relevance, measured: queries people type and the datasets they should find first, run
 * through the search page itself (the address, our query rules, Pagefind's index of
 * src/lib/search-record.ts). `top` lists the datasets expected first, in any order among
 * themselves; `none` means the search must find nothing; `suggest` is the "did you mean" expected.
 */

const siteUrl = inject('siteUrl');

let browser: Browser;
let page: Page;
useBrowser((b, p) => {
  browser = b;
  page = p;
});

interface Case {
  query: string;
  why: string;
  top?: string[];
  none?: true;
  suggest?: string;
}

const cases: Case[] = [
  { query: 'trees', why: 'a word of the title', top: ['street-trees'] },
  { query: 'street trees', why: 'the title itself', top: ['street-trees'] },
  { query: 'arboriculturist', why: 'a word only in a column description', top: ['street-trees'] },
  { query: 'neighbourhood', why: 'a column title (UK spelling)', top: ['311-service-requests', 'restaurant-inspections', 'street-trees'] },
  { query: 'neighborhood', why: 'the US spelling of a column title', top: ['311-service-requests', 'restaurant-inspections', 'street-trees'] },
  { query: 'restaurant', why: 'a title word', top: ['restaurant-inspections'] },
  { query: 'restuarant', why: 'a typo: nothing found, the catalog’s spelling suggested', none: true, suggest: 'restaurant' },
  { query: 'Public Works', why: 'a department: its dataset first', top: ['311-service-requests'] },
  { query: 'Riverton Transit', why: 'a department with two datasets: both first', top: ['transit-ridership', 'parking-meters'] },
  { query: 'Finance Department', why: 'a department', top: ['city-spending'] },
  { query: 'b', why: 'a single letter never matches', none: true },
  { query: 'x', why: 'a single letter never matches', none: true },
  { query: 'crime', why: 'a word absent from the catalog', none: true },
  { query: 'xylophone', why: 'a word absent from the catalog, with nothing close to suggest', none: true },
  { query: 'bike', why: 'no dataset is about bicycles', none: true },
  { query: 'pay by phone', why: 'a phrase of the retired dataset’s story', top: ['parking-meters'] },
  { query: 'ambulance', why: 'a keyword', top: ['emergency-medical-calls'] },
  { query: 'paramedics', why: 'a synonym from the maintainers’ list', top: ['emergency-medical-calls'] },
  { query: 'potholes', why: 'a keyword', top: ['311-service-requests'] },
  { query: 'rubbish', why: 'the UK word for garbage (synonym list)', top: ['311-service-requests'] },
  { query: 'building permits', why: 'the title', top: ['building-permits'] },
  { query: 'vendor payments', why: 'two summary words', top: ['city-spending'] },
  { query: 'spending', why: 'a title word', top: ['city-spending'] },
  { query: 'bus', why: 'a title word', top: ['transit-ridership'] },
  { query: 'food safety', why: 'a synonym of inspection', top: ['restaurant-inspections'] },
];

interface Shown {
  status: string;
  ids: string[];
  suggestion: string | null;
}

async function searchFor(query: string): Promise<Shown> {
  await page.goto(`${siteUrl}/search/?q=${encodeURIComponent(query)}`);
  await page.waitForFunction(() => /found|need at least/.test(document.querySelector('[data-search-status]')?.textContent ?? ''), null, { timeout: 15_000 });
  // "Did you mean" is checked after the search itself: give it its moment when nothing was found.
  if ((await page.locator('[data-search-results] li').count()) === 0) await page.waitForTimeout(500);
  return page.evaluate(() => ({
    status: document.querySelector('[data-search-status]')!.textContent,
    ids: [...document.querySelectorAll<HTMLAnchorElement>('[data-search-results] h2 a')].map((a) => new URL(a.href).pathname.split('/')[2]!),
    suggestion: document.querySelector<HTMLElement>('[data-search-suggestion]:not([hidden]) a')?.textContent ?? null,
  }));
}

describe('search relevance', () => {
  it(`finds what people mean for ${cases.length} queries`, async () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
    const failures: string[] = [];
    for (const c of cases) {
      const shown = await searchFor(c.query);
      if (c.none && shown.ids.length > 0) failures.push(`“${c.query}” (${c.why}) should find nothing, found ${shown.ids.join(', ')}`);
      if (c.top && [...shown.ids.slice(0, c.top.length)].sort().join() !== [...c.top].sort().join()) {
        failures.push(`“${c.query}” (${c.why}) should list ${c.top.join(', ')} first, listed ${shown.ids.join(', ') || 'nothing'}`);
      }
      if ((c.suggest ?? null) !== shown.suggestion) failures.push(`“${c.query}” should suggest ${c.suggest ?? 'nothing'}, suggested ${shown.suggestion ?? 'nothing'}`);
    }
    expect(failures).toEqual([]);
  });

  it('shows each result as a link with its publisher, last update, rows, formats and a retired badge, and its summary as the snippet', async () => {
    await searchFor('parking');
    const result = page.locator('[data-search-results] li').filter({ has: page.getByRole('link', { name: 'Parking meters' }) });
    await expect(result.getByRole('heading', { level: 2 }).textContent()).resolves.toMatch(/Parking meters\s*Retired/);
    const meta = (await result.locator('.search-result__meta').textContent())!;
    expect(meta).toMatch(/^Riverton Transit · Updated \w+ \d+, \d{4} · 150 rows · CSV, JSON$/);
    await expect(result.locator('.search-result__summary mark').first().textContent()).resolves.toMatch(/^parking$/i);
    // The count is announced: the status line is a live region.
    await expect(page.getByRole('status').filter({ hasText: 'found for' }).textContent()).resolves.toMatch(/^\d+ datasets? found for “parking”\.$/);
  });

  it('keeps the query in the address: typed, shared, reloaded and brought back with Back', async () => {
    await page.goto(`${siteUrl}/search/`);
    const box = page.getByRole('searchbox', { name: 'Search words' });
    await box.fill('trees');
    await box.press('Enter');
    await page.waitForURL(/\/search\/\?q=trees$/);
    await page.getByRole('link', { name: 'Street trees' }).waitFor();
    await box.fill('ambulance');
    await box.press('Enter');
    await page.waitForURL(/\?q=ambulance$/);
    await page.getByRole('link', { name: 'Emergency medical calls' }).waitFor();
    await page.goBack();
    await page.waitForURL(/\?q=trees$/);
    await page.getByRole('link', { name: 'Street trees' }).waitFor();
    await expect(box.inputValue()).resolves.toBe('trees');
    // A shared link opens on the same results, filters included.
    const shared = await browser.newPage();
    await shared.goto(`${siteUrl}/search/?q=trees&theme=${encodeURIComponent('Environment')}`);
    await shared.getByRole('link', { name: 'Street trees' }).waitFor();
    await expect(shared.getByRole('checkbox', { name: /^Environment/ }).isChecked()).resolves.toBe(true);
    await shared.close();
  });

  it('puts the results before the filters on a phone, with the filters folded', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(`${siteUrl}/search/?q=trees`);
    const first = phone.locator('[data-search-results] a').first();
    await first.waitFor();
    const filters = phone.locator('[data-search-filters]');
    const [resultBox, filterBox] = await Promise.all([first.boundingBox(), filters.boundingBox()]);
    expect(resultBox!.y).toBeLessThan(filterBox!.y);
    expect(resultBox!.y + resultBox!.height).toBeLessThan(844);
    await expect(filters.evaluate((d) => (d as HTMLDetailsElement).open)).resolves.toBe(false);
    await phone.close();
  });
});
