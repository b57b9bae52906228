/**
 * `npm run screenshots`: the README's pictures of the home page and a dataset page at phone and
 * desktop widths, taken from the built site (`npm run build` first) with Debian's Chromium.
 * Writes docs/screenshots/<page>-<width>.png; run again to refresh them after a design change.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { launchBrowser } from '../tests/helpers/browser.ts';
import { serveStatic } from '../tests/helpers/static-server.ts';
import { PROJECT_ROOT } from '../tests/helpers/workspace.ts';

const DATASET = process.env.SCREENSHOT_DATASET ?? 'street-trees';
const pages = [
  { name: 'home', path: '/' },
  { name: 'dataset', path: `/datasets/${DATASET}/` },
];
const widths = [
  { name: 'phone', viewport: { width: 390, height: 844 } },
  { name: 'desktop', viewport: { width: 1280, height: 900 } },
];

const dist = path.join(PROJECT_ROOT, 'dist');
const out = path.join(PROJECT_ROOT, 'docs', 'screenshots');

if (!existsSync(path.join(dist, 'index.html'))) {
  console.error('dist/ has no built site: run `npm run build` first.');
  process.exit(2);
}

await mkdir(out, { recursive: true });
const site = await serveStatic(dist);
const browser = await launchBrowser();
try {
  for (const width of widths) {
    const context = await browser.newContext({ viewport: width.viewport, colorScheme: 'light', deviceScaleFactor: 1 });
    const page = await context.newPage();
    for (const target of pages) {
      const response = await page.goto(`${site.url}${target.path}`, { waitUntil: 'networkidle' });
      if (!response?.ok()) throw new Error(`${target.path} answered ${response?.status()}: is ${DATASET} a published dataset?`);
      const file = path.join(out, `${target.name}-${width.name}.png`);
      await page.screenshot({ path: file });
      console.log(`wrote ${path.relative(PROJECT_ROOT, file)}`);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await site.close();
}
