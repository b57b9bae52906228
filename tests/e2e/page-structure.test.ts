import type { Browser, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { siteConfig } from '../../src/site.config.ts';
import { openFully, useQualityBarPages } from '../helpers/site-pages.ts';

/**
 * What axe-core does not fully check, on every page type: language, landmarks, heading order,
 * table captions and headers, the skip link, reflow at 320 px, reading with JavaScript off, print.
 */

const siteUrl = inject('siteUrl');

let browser: Browser;
let pages: string[];

useQualityBarPages(siteUrl, (b, p) => {
  browser = b;
  pages = p;
});

/** Problems with the document outline and tables of the open page, one line each. */
function outlineProblems(page: Page, language: string): Promise<string[]> {
  return page.evaluate((language) => {
    const problems: string[] = [];
    const visible = (el: Element) => (el as HTMLElement).offsetParent !== null || getComputedStyle(el).position === 'fixed';
    if (document.documentElement.lang !== language) problems.push(`<html lang="${document.documentElement.lang}">, expected "${language}"`);

    const banners = document.querySelectorAll('body > header, [role="banner"]');
    const mains = document.querySelectorAll('main, [role="main"]');
    const footers = document.querySelectorAll('body > footer, [role="contentinfo"]');
    if (banners.length !== 1) problems.push(`${banners.length} banner landmarks, expected 1`);
    if (mains.length !== 1) problems.push(`${mains.length} main landmarks, expected 1`);
    if (footers.length !== 1) problems.push(`${footers.length} contentinfo landmarks, expected 1`);
    const navs = [...document.querySelectorAll('nav')];
    for (const nav of navs) {
      if (navs.length > 1 && !nav.getAttribute('aria-label') && !nav.getAttribute('aria-labelledby')) problems.push('a <nav> without a name among several');
    }
    const outside = [...document.body.querySelectorAll('body > *')].filter(
      (el) => !['HEADER', 'MAIN', 'FOOTER', 'SCRIPT', 'NOSCRIPT', 'STYLE', 'TEMPLATE'].includes(el.tagName) && !el.classList.contains('skip-link'),
    );
    for (const el of outside) if (visible(el) && el.textContent?.trim()) problems.push(`content outside any landmark: <${el.tagName.toLowerCase()}>`);

    const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].filter(visible);
    const h1s = headings.filter((h) => h.tagName === 'H1');
    if (h1s.length !== 1) problems.push(`${h1s.length} visible <h1>, expected 1`);
    if (headings[0] && headings[0].tagName !== 'H1') problems.push(`the first heading is <${headings[0].tagName.toLowerCase()}>, not <h1>`);
    let previous = 1;
    for (const heading of headings) {
      const level = Number(heading.tagName[1]);
      if (level > previous + 1) problems.push(`heading level skipped: <h${previous}> then <h${level}> "${heading.textContent?.trim().slice(0, 50)}"`);
      previous = level;
    }

    for (const table of document.querySelectorAll('main table')) {
      const name = table.querySelector('caption')?.textContent?.trim();
      if (!name) problems.push(`a table without a caption (${table.className || 'no class'})`);
      const columnHeaders = table.querySelectorAll('thead th');
      if (columnHeaders.length === 0) problems.push(`table "${name}" has no column headers in <thead>`);
      for (const th of columnHeaders) if (th.getAttribute('scope') !== 'col') problems.push(`table "${name}": a column header without scope="col"`);
    }
    return problems;
  }, language);
}

describe('page structure, every page type', () => {
  it('sets the language, has one banner, main and footer, named navigation, headings in order and captioned tables', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    for (const path of pages) {
      await openFully(page, `${siteUrl}${path}`);
      problems.push(...(await outlineProblems(page, siteConfig.language)).map((problem) => `${path}: ${problem}`));
    }
    await page.close();
    expect(problems, `${pages.length} pages checked`).toEqual([]);
  });

  it('starts every page with a skip link that moves focus to the main content', async () => {
    const page = await browser.newPage();
    for (const path of pages) {
      await page.goto(`${siteUrl}${path}`);
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const box = el.getBoundingClientRect();
        return { text: el.textContent?.trim(), href: el.getAttribute('href'), onScreen: box.top >= 0 && box.bottom <= innerHeight, outline: getComputedStyle(el).outlineStyle };
      });
      expect(focused, path).toEqual({ text: 'Skip to main content', href: '#main', onScreen: true, outline: 'solid' });
      await page.keyboard.press('Enter');
      await expect(
        page.evaluate(() => document.activeElement?.id),
        path,
      ).resolves.toBe('main');
      // The next Tab continues inside the main content, not back in the header.
      await page.keyboard.press('Tab');
      await expect(
        page.evaluate(() => Boolean(document.activeElement?.closest('main'))),
        path,
      ).resolves.toBe(true);
    }
    await page.close();
  });

  it('reflows at 320 px wide without scrolling the page sideways', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    const problems: string[] = [];
    for (const path of pages) {
      await openFully(page, `${siteUrl}${path}`);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 320) {
        const culprits = await page.evaluate(() =>
          [...document.querySelectorAll('body *')]
            .filter((el) => el.getBoundingClientRect().right > 320.5)
            .slice(0, 3)
            .map((el) => `<${el.tagName.toLowerCase()} class="${el.className}">`),
        );
        problems.push(`${path}: ${width} px wide (${culprits.join(', ')})`);
      }
    }
    await context.close();
    expect(problems).toEqual([]);
  });

  it('can be read with JavaScript turned off: every page type has its heading and content', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    for (const path of pages) {
      await page.goto(`${siteUrl}${path}`);
      await expect(page.locator('h1').count(), path).resolves.toBe(1);
      const text = (await page.locator('main').innerText()).trim();
      expect(text.length, path).toBeGreaterThan(100);
    }
    await context.close();
  });
});
