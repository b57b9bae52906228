import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowser } from '../../tests/helpers/browser.ts';
import { serveStatic } from '../../tests/helpers/static-server.ts';
import { directoryBytes, median, runTimed } from '../lib/measure.ts';
import { createSiteProject } from '../lib/site-project.ts';

/**
 * Cases 4 and 5: the site at 100 and 1,000 generated datasets (build time, dist/ and Pagefind
 * sizes, bytes one search fetches) and the weight of one dataset page, both measured in Chromium
 * with a cold cache. Byte figures are given as served by a plain static server (uncompressed) and
 * gzip-compressed (what static hosts and CDNs send for text).
 */

export interface Fetched {
  raw: number;
  gzip: number;
  requests: number;
}

export interface SiteScale {
  datasets: number;
  buildSeconds: number[];
  distBytes: number;
  pagefindBytes: number;
  searchQuery: Fetched;
  dataPage: Fetched;
}

export interface SiteCaseResult {
  catalogs: SiteScale[];
  /** Median build time of the larger catalog over the smaller one, per run. */
  buildRatio: number;
}

/** Sums what the page fetched that `keep` selects; gzip sizes are computed from the files in dist/. */
async function measure(dist: string, url: string, visit: (page: import('playwright-core').Page) => Promise<void>, keep: (u: URL, type: string) => boolean): Promise<Fetched> {
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const fetched: Fetched = { raw: 0, gzip: 0, requests: 0 };
    const done: Promise<void>[] = [];
    // The cache is empty in a new context; every request is a transfer.
    page.on('requestfinished', (request) => {
      done.push(
        (async () => {
          const u = new URL(request.url());
          const type = request.resourceType();
          const sizes = await request.sizes();
          const transferred = sizes.responseBodySize + sizes.responseHeadersSize;
          if (process.env.BENCH_DEBUG) process.stderr.write(`    fetched ${type} ${u.pathname.slice(0, 80)} ${transferred}\n`);
          if (!u.href.startsWith(url) || !keep(u, type)) return;
          fetched.requests++;
          fetched.raw += transferred;
          let file = path.join(dist, decodeURIComponent(u.pathname));
          if (file.endsWith('/')) file = path.join(file, 'index.html');
          const body = await readFile(file).catch(() => Buffer.alloc(0));
          fetched.gzip += gzipSync(body, { level: 6 }).length;
        })(),
      );
    });
    await visit(page);
    await page.waitForLoadState('networkidle');
    await Promise.all(done);
    return fetched;
  } finally {
    await browser.close();
  }
}

export async function siteCases(options: { projectRoot: string; sizes: readonly number[]; runs: number; log: (message: string) => void }): Promise<SiteCaseResult> {
  const { projectRoot, sizes, runs, log } = options;
  const astro = path.join(projectRoot, 'node_modules/astro/bin/astro.mjs');
  const projects = new Map<number, string>();
  const catalogs: SiteScale[] = [];
  try {
    for (const size of sizes) projects.set(size, await createSiteProject(projectRoot, size));
    const times = new Map<number, number[]>(sizes.map((s) => [s, []]));
    for (let i = 0; i < runs; i++) {
      // Alternate the order so neither size always builds on a warmer (or busier) machine.
      for (const size of i % 2 === 0 ? sizes : [...sizes].reverse()) {
        const root = projects.get(size)!;
        await rm(path.join(root, 'dist'), { recursive: true, force: true });
        const run = await runTimed(process.execPath, [astro, 'build'], { cwd: root, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
        times.get(size)!.push(run.seconds);
        log(`  run ${i + 1}/${runs}: astro build, ${size} datasets: ${run.seconds.toFixed(1)} s`);
      }
    }
    for (const size of sizes) {
      const dist = path.join(projects.get(size)!, 'dist');
      const server = await serveStatic(dist);
      try {
        const searchQuery = await measure(
          dist,
          server.url,
          async (page) => {
            // The search page takes the query from its address (src/scripts/search-page.ts) and lists results as li.search-result.
            await page.goto(`${server.url}/search/?q=inspections`, { waitUntil: 'networkidle' });
            await page.locator('.search-result a').first().waitFor({ timeout: 60_000 });
          },
          (u) => u.pathname.startsWith('/pagefind/'),
        );
        const first = (await import('node:fs/promises')).readdir(path.join(dist, 'datasets'));
        const id = (await first).filter((name) => name !== 'index.html').sort()[0]!;
        const dataPage = await measure(
          dist,
          server.url,
          async (page) => {
            await page.goto(`${server.url}/datasets/${id}/`, { waitUntil: 'load' });
          },
          (_u, type) => type === 'document' || type === 'stylesheet' || type === 'script',
        );
        const scale: SiteScale = {
          datasets: size,
          buildSeconds: times.get(size)!,
          distBytes: await directoryBytes(dist),
          pagefindBytes: await directoryBytes(path.join(dist, 'pagefind')),
          searchQuery,
          dataPage,
        };
        log(
          `  ${size} datasets: dist ${(scale.distBytes / 2 ** 20).toFixed(1)} MiB, pagefind ${(scale.pagefindBytes / 2 ** 20).toFixed(1)} MiB, search ${(searchQuery.gzip / 1024).toFixed(0)} KiB gzip, dataset page ${(dataPage.gzip / 1024).toFixed(0)} KiB gzip`,
        );
        catalogs.push(scale);
      } finally {
        await server.close();
      }
    }
  } finally {
    for (const root of projects.values()) await rm(root, { recursive: true, force: true });
  }
  const [small, large] = [catalogs[0]!, catalogs.at(-1)!];
  const ratios = small.buildSeconds.map((t, i) => large.buildSeconds[i]! / t);
  return { catalogs, buildRatio: median(ratios) };
}
