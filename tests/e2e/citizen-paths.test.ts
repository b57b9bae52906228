import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { manifestSchema, type Manifest } from '../../src/schemas/manifest.ts';
import type { Dataset } from '../../src/schemas/dataset.ts';
import { useBrowser } from '../helpers/browser.ts';
import { publishedDatasets } from '../helpers/site-pages.ts';
import { PROJECT_ROOT } from '../helpers/workspace.ts';

/**
 * What a citizen or a journalist comes for, on every published demo dataset: the file in the first
 * screen and a few Tab presses away, a dictionary readable on a phone, a preview that shows what
 * the file holds, a visible way to follow updates, every version saying what changed, and two
 * versions compared row by row.
 */

const siteUrl = inject('siteUrl');
const dist = path.join(PROJECT_ROOT, 'dist');

let browser: Browser;
let page: Page;
useBrowser((b, p) => {
  browser = b;
  page = p;
});

async function latestManifest(id: string): Promise<Manifest> {
  return manifestSchema.parse(JSON.parse(await readFile(path.join(dist, 'datasets', id, 'latest', 'manifest.json'), 'utf8')));
}

async function active(): Promise<Dataset[]> {
  return (await publishedDatasets()).filter((d) => d.status === 'approved');
}

/** Tab presses from the top of a freshly loaded page until the panel's CSV link has focus. */
async function tabsToCsv(p: Page): Promise<number> {
  for (let presses = 1; presses <= 40; presses++) {
    await p.keyboard.press('Tab');
    const here = await p.evaluate(() => {
      const el = document.activeElement as HTMLAnchorElement | null;
      return el?.tagName === 'A' && el.closest('.download-panel') !== null && /\/latest\/data\.csv$/.test(el.getAttribute('href') ?? '');
    });
    if (here) return presses;
  }
  return Infinity;
}

describe('the download comes first', () => {
  it('puts a CSV download in the first screen on a desktop, within two screens on a phone, and within 10 Tab presses', async () => {
    const report: string[] = [];
    for (const dataset of await active()) {
      for (const viewport of [
        { width: 1280, height: 800 },
        { width: 390, height: 844 },
      ]) {
        const context = await browser.newContext({ viewport });
        const p = await context.newPage();
        await p.goto(`${siteUrl}/datasets/${dataset.id}/`);
        const link = p.locator('.download-panel a[href$="/latest/data.csv"]');
        await expect(link.getAttribute('download')).resolves.not.toBeNull();
        const box = (await link.boundingBox())!;
        const screens = (box.y + box.height) / viewport.height;
        const limit = viewport.width >= 1280 ? 1 : 2;
        if (screens > limit) report.push(`${dataset.id} at ${viewport.width}px: the CSV link ends ${screens.toFixed(2)} screens down (limit ${limit})`);
        const presses = await tabsToCsv(p);
        if (presses > 10) report.push(`${dataset.id} at ${viewport.width}px: ${presses} Tab presses to the CSV link`);
        if (viewport.width === 1280) console.log(`${dataset.id}: CSV link bottom at ${Math.round(box.y + box.height)} px of 800, ${presses} Tab presses`);
        await context.close();
      }
    }
    expect(report).toEqual([]);
  });

  it('names the formats in the key facts and shows a visible “Follow updates” link with how to use it', async () => {
    for (const dataset of await active()) {
      await page.goto(`${siteUrl}/datasets/${dataset.id}/`);
      const manifest = await latestManifest(dataset.id);
      const formats = page.locator('.facts div', { has: page.locator('dt', { hasText: /^Formats$/ }) }).locator('dd');
      const text = (await formats.textContent())!;
      for (const name of ['CSV', 'JSON']) expect(text, dataset.id).toContain(name);
      if (manifest.files.some((f) => f.name === 'data.xlsx')) expect(text, dataset.id).toContain('XLSX');
      const follow = page.getByRole('link', { name: /^Follow updates/ }).first();
      await expect(follow.isVisible(), dataset.id).resolves.toBe(true);
      await expect(follow.getAttribute('href')).resolves.toBe(`/datasets/${dataset.id}/feed.xml`);
      await expect(page.locator('.follow-updates').first().textContent()).resolves.toMatch(/feed reader/);
    }
    for (const path of ['/', '/datasets/', '/recently-updated/', '/themes/environment/']) {
      await page.goto(`${siteUrl}${path}`);
      const follow = page.getByRole('link', { name: /^Follow updates/ }).first();
      await expect(follow.isVisible(), path).resolves.toBe(true);
      await expect(follow.getAttribute('href'), path).resolves.toBe('/feed.xml');
    }
  });
});

describe('reading the data on a phone', () => {
  it('stacks the data dictionary at 390 px: nothing scrolls sideways and no text is cut off', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const p = await context.newPage();
    for (const dataset of await publishedDatasets()) {
      await p.goto(`${siteUrl}/datasets/${dataset.id}/`);
      const problems = await p.evaluate(() => {
        const out: string[] = [];
        if (document.documentElement.scrollWidth > 390) out.push(`the page is ${document.documentElement.scrollWidth}px wide`);
        const region = document.querySelector('#dictionary')!.closest('section')!.querySelector<HTMLElement>('[role="region"]')!;
        if (region.scrollWidth > region.clientWidth) out.push(`the dictionary scrolls sideways (${region.scrollWidth} > ${region.clientWidth})`);
        for (const cell of region.querySelectorAll<HTMLElement>('td, th')) {
          if (cell.scrollWidth > cell.clientWidth + 1 && getComputedStyle(cell).overflow !== 'visible') out.push(`a cell is cut off: ${cell.textContent?.slice(0, 40)}`);
          const box = cell.getBoundingClientRect();
          if (box.right > region.getBoundingClientRect().right + 1) out.push(`a cell sticks out: ${cell.textContent?.slice(0, 40)}`);
        }
        return out;
      });
      expect(problems, dataset.id).toEqual([]);
      // Each column is a card with its description readable in full.
      const first = dataset.fields[0]!;
      await expect(p.locator('.dictionary tbody tr').first().textContent()).resolves.toContain(first.description);
    }
    await context.close();
  });
});

describe('the preview', () => {
  it('shows exactly what the CSV file holds in its first rows, under each column’s title and file name', async () => {
    for (const dataset of await active()) {
      await page.goto(`${siteUrl}/datasets/${dataset.id}/`);
      const csv = await readFile(path.join(dist, 'datasets', dataset.id, 'latest', 'data.csv'), 'utf8');
      const [header, ...records] = Papa.parse<string[]>(csv, { skipEmptyLines: true, preview: 21 }).data;
      const headers = await page
        .locator('[data-preview] thead th')
        .evaluateAll((ths) => ths.map((th) => [th.querySelector('.column-title')?.textContent?.trim(), th.querySelector('.column-name')?.textContent?.trim() ?? null]));
      expect(
        headers.map(([, name], i) => name ?? header![i]),
        dataset.id,
      ).toEqual(header);
      for (const [title, name] of headers) if (name) expect(dataset.fields.find((f) => f.name === name)?.title, dataset.id).toBe(title);
      const shown = await page
        .locator('[data-preview] tbody tr')
        .evaluateAll((rows) => rows.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.querySelector('.cell-empty') ? '' : td.textContent))));
      expect(shown.length, dataset.id).toBeGreaterThan(0);
      expect(shown, dataset.id).toEqual(records.slice(0, shown.length));
    }
  });
});

describe('versions', () => {
  it('says what changed in every version of every dataset, in the version list and the feed', async () => {
    for (const dataset of await publishedDatasets()) {
      await page.goto(`${siteUrl}/datasets/${dataset.id}/`);
      const cells = await page.locator('section:has(#versions) tbody td[data-label="What changed"]').allTextContents();
      expect(cells.length, dataset.id).toBeGreaterThan(0);
      for (const cell of cells) expect(cell, dataset.id).toMatch(/^(First version\.|(\d[\d,]* rows? (added|more|fewer)|No rows|The same number of rows)[^]*)/);
      expect(cells.join(' '), dataset.id).not.toMatch(/Not recorded/);
      const feed = await (await fetch(`${siteUrl}/datasets/${dataset.id}/feed.xml`)).text();
      const entries = feed.split('<entry>').length - 1;
      const described = (feed.match(/What changed: /g) ?? []).length;
      expect(described, `${dataset.id}: every entry but the first version says what changed`).toBe(entries - 1 - (dataset.status === 'retired' ? 1 : 0));
    }
    // The retired parking meters' second version predates the change record: computed from the two manifests.
    await page.goto(`${siteUrl}/datasets/parking-meters/`);
    await expect(page.locator('section:has(#versions) tbody tr').first().locator('td[data-label="What changed"]').textContent()).resolves.toMatch(/^10 rows fewer \(160 → 150\)\. Same columns\./);
  });

  it('compares the demo’s two versions row by row, and any pair named in the address', async () => {
    // Expected figures computed here from the archived CSV files, independently of the page's code.
    const read = async (version: string) => {
      const [header, ...rows] = Papa.parse<string[]>(await readFile(path.join(PROJECT_ROOT, 'data-snapshots', 'parking-meters', version, 'data.csv'), 'utf8'), { skipEmptyLines: true }).data;
      return new Map(rows.map((r) => [r[header!.indexOf('meter_id')]!, r.join('\u0000')]));
    };
    const versions = (await readdir(path.join(PROJECT_ROOT, 'data-snapshots', 'parking-meters'))).sort();
    const [older, newer] = await Promise.all(versions.map(read));
    const added = [...newer!.keys()].filter((k) => !older!.has(k)).length;
    const removed = [...older!.keys()].filter((k) => !newer!.has(k)).length;
    const changed = [...newer!.keys()].filter((k) => older!.has(k) && older!.get(k) !== newer!.get(k)).length;

    await page.goto(`${siteUrl}/datasets/parking-meters/compare/?from=${versions[0]}&to=${versions[1]}`);
    const status = page.getByRole('status');
    await status.filter({ hasText: 'Matched by meter_id' }).waitFor({ timeout: 15_000 });
    await expect(status.textContent()).resolves.toContain(`${added} rows added, ${removed} removed, ${changed} changed.`);
    await expect(
      page
        .getByRole('table', { name: /changed rows/ })
        .locator('tbody tr')
        .count(),
    ).resolves.toBeGreaterThan(0);
    await expect(page.locator('[data-column-changes]').textContent()).resolves.toBe('The same columns, with the same types.');

    // The other way round, chosen with the form: the address follows, and Back returns.
    await page.selectOption('#compare-from', versions[1]!);
    await page.selectOption('#compare-to', versions[0]!);
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.waitForURL(new RegExp(`from=${versions[1]}&to=${versions[0]}`));
    await status.filter({ hasText: `${removed} rows added, ${added} removed, ${changed} changed.` }).waitFor({ timeout: 15_000 });
    await page.goBack();
    await status.filter({ hasText: `${added} rows added, ${removed} removed` }).waitFor({ timeout: 15_000 });

    // Without JavaScript the two newest versions are compared from their manifests.
    const context = await browser.newContext({ javaScriptEnabled: false });
    const off = await context.newPage();
    await off.goto(`${siteUrl}/datasets/parking-meters/compare/`);
    await expect(off.locator('[data-rows]').textContent()).resolves.toBe(`${older!.size} → ${newer!.size}`);
    await context.close();
  });
});

describe('text', () => {
  it('never glues a word to a link or an emphasis in the built pages', async () => {
    const glued: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) await walk(full);
        else if (entry.name.endsWith('.html')) {
          const html = (await readFile(full, 'utf8')).replace(/<script[^]*?<\/script>|<style[^]*?<\/style>/g, '');
          for (const m of html.matchAll(/[a-z,.;:]<(a|strong|em|code|time)[\s>]|<\/(a|strong|em|code|time)>[A-Za-z]/g)) {
            glued.push(`${path.relative(dist, full)}: …${html.slice(Math.max(0, m.index - 30), m.index + 30)}…`);
          }
        }
      }
    };
    await walk(dist);
    expect(glued).toEqual([]);
  });
});
