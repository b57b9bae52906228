import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { openFully, useQualityBarPages } from '../helpers/site-pages.ts';

const siteUrl = inject('siteUrl');

let browser: Browser;
let pages: string[];

useQualityBarPages(siteUrl, (b, p) => {
  browser = b;
  pages = p;
});

/** One line per violation and element, so a failure says what to fix where. */
function describeViolations(path: string, violations: Awaited<ReturnType<AxeBuilder['analyze']>>['violations']): string[] {
  return violations.flatMap((violation) => violation.nodes.map((node) => `${path} [${violation.id}] ${violation.help}: ${node.target.join(' ')} (${node.failureSummary?.replace(/\s+/g, ' ')})`));
}

describe('WCAG 2.2 AA with axe-core, every page type', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`reports zero violations in the ${colorScheme} colour scheme`, async () => {
      const context: BrowserContext = await browser.newContext({ colorScheme });
      const page: Page = await context.newPage();
      const problems: string[] = [];
      try {
        for (const path of pages) {
          await openFully(page, `${siteUrl}${path}`);
          const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
          // A scan that checked nothing (axe not injected, blank page) must not pass as clean.
          if (results.passes.length === 0) problems.push(`${path}: axe-core ran no checks`);
          problems.push(...describeViolations(path, results.violations));
        }
      } finally {
        await context.close();
      }
      expect(problems, `${pages.length} pages checked`).toEqual([]);
    }, 300_000);
  }
});
