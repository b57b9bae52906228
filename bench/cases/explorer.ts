import { cp, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../../tests/helpers/browser.ts';
import { serveStatic, type StaticServer } from '../../tests/helpers/static-server.ts';
import { listVersions } from '../../src/shared/snapshot-store.ts';
import { median, runTimed } from '../lib/measure.ts';

/**
 * Case 6: the table explorer on the benchmark's 1,000,000-row table, in Chromium against the built
 * site served locally (with Range support, as static hosts serve it): the time to the first page
 * of rows, to the result of a selective filter (one district and one month) and of a sort of the
 * whole table on a number column, the bytes of the Parquet file each fetched, and the tab's peak
 * memory (the renderer process's resident set, the explorer's worker included).
 */

export interface ExplorerOperation {
  seconds: number;
  /** Bytes of data.parquet the server sent for this operation, and in how many requests. */
  bytes: number;
  requests: number;
  status: string;
}

export interface ExplorerRun {
  firstPage: ExplorerOperation;
  filter: ExplorerOperation;
  sort: ExplorerOperation;
  /** Peak resident set size of the tab's renderer process over the run, bytes. */
  peakRss: number;
}

export interface ExplorerCaseResult {
  rows: number;
  parquetBytes: number;
  buildSeconds: number;
  runs: ExplorerRun[];
  firstPageSeconds: number;
  filterSeconds: number;
  sortSeconds: number;
  firstPageShare: number;
  filterShare: number;
  sortShare: number;
  peakRss: number;
}

/** A copy of the project whose catalog is the benchmark workspace's one dataset and its versions. */
async function explorerProject(projectRoot: string, workspace: string): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'catalog-explorer-'));
  for (const entry of ['src', 'scripts', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json']) await cp(path.join(projectRoot, entry), path.join(root, entry), { recursive: true });
  await rm(path.join(root, 'src/content/datasets'), { recursive: true, force: true });
  await cp(path.join(workspace, 'src/content/datasets'), path.join(root, 'src/content/datasets'), { recursive: true });
  await symlink(path.join(projectRoot, 'node_modules'), path.join(root, 'node_modules'));
  await symlink(path.join(workspace, 'data-snapshots'), path.join(root, 'data-snapshots'));
  return root;
}

/** Samples the resident set of the browser's renderer processes every 100 ms; `stop` returns the largest seen. */
async function rssSampler(browser: Browser): Promise<{ stop(): Promise<number> }> {
  const cdp = await browser.newBrowserCDPSession();
  let peak = 0;
  const sample = async () => {
    const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] };
    for (const { type, id } of processInfo) {
      if (type !== 'renderer') continue;
      const status = await readFile(`/proc/${id}/status`, 'utf8').catch(() => '');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      peak = Math.max(peak, kb * 1024);
    }
  };
  let running = true;
  const loop = (async () => {
    while (running) {
      await sample().catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      await cdp.detach();
      return peak;
    },
  };
}

const statusText = (page: Page) =>
  page
    .locator('.explorer-app [role="status"]')
    .textContent()
    .then((t) => t ?? '');

/** Runs `act`, waits for the explorer's status to match, and measures the time and the Parquet bytes sent meanwhile. */
async function measure(page: Page, server: StaticServer, parquetPath: string, act: () => Promise<void>, done: RegExp): Promise<ExplorerOperation> {
  const before = { bytes: server.sent.get(parquetPath) ?? 0, requests: server.requests.get(parquetPath) ?? 0 };
  const started = process.hrtime.bigint();
  await act();
  for (;;) {
    const text = await statusText(page);
    if (done.test(text)) break;
    const error = await page.locator('.explorer-error').textContent();
    if (error) throw new Error(`the explorer failed: ${error}`);
    await page.waitForTimeout(10);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { seconds, bytes: (server.sent.get(parquetPath) ?? 0) - before.bytes, requests: (server.requests.get(parquetPath) ?? 0) - before.requests, status: await statusText(page) };
}

export async function explorerCase(options: { projectRoot: string; workspace: string; runs: number; log: (message: string) => void }): Promise<ExplorerCaseResult> {
  const { projectRoot, workspace, runs, log } = options;
  const root = await explorerProject(projectRoot, workspace);
  try {
    const id = (await readdir(path.join(workspace, 'src/content/datasets')))[0]!.replace(/\.yaml$/, '');
    const manifest = (await listVersions(workspace, id)).at(-1)!;
    const parquet = manifest.files.find((f) => f.name === 'data.parquet');
    if (!parquet) throw new Error(`the benchmark version of ${id} has no data.parquet`);
    // The benchmark's files are far larger than a host allows: the limit check is not what is measured.
    const build = await runTimed(process.execPath, [path.join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
      cwd: root,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', HOST_MAX_FILE_MB: '1000000', HOST_MAX_SITE_MB: '1000000', DOWNLOADS_BASE_URL: '' },
    });
    log(`  built the site with the ${manifest.rowCount.toLocaleString('en')}-row dataset in ${build.seconds.toFixed(1)} s`);
    const server = await serveStatic(path.join(root, 'dist'));
    const parquetPath = `/datasets/${id}/versions/${manifest.version}/data.parquet`;
    const pageUrl = `${server.url}/datasets/${id}/`;
    const browser = await launchBrowser();
    const results: ExplorerRun[] = [];
    try {
      for (let i = 0; i < runs; i++) {
        const sampler = await rssSampler(browser);
        // A new context each time: an empty cache, as for a reader arriving on the page.
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(pageUrl, { waitUntil: 'load' });
        const firstPage = await measure(page, server, parquetPath, () => page.getByRole('button', { name: 'Open the explorer' }).click(), /^All [\d,]+ rows; showing rows 1 to 50\.$/);
        const filter = await measure(
          page,
          server,
          parquetPath,
          async () => {
            await page.getByLabel('Add a filter on').selectOption('district');
            await page.getByRole('button', { name: 'Add filter' }).click();
            const district = page.locator('fieldset.explorer-filter[data-column="district"]');
            await district.getByLabel('Condition').selectOption('equals');
            await district.getByLabel('Value').fill('District 7');
            await page.getByLabel('Add a filter on').selectOption('recorded_at');
            await page.getByRole('button', { name: 'Add filter' }).click();
            const month = page.locator('fieldset.explorer-filter[data-column="recorded_at"]');
            await month.getByLabel('From').fill('2024-06-01');
            await month.getByLabel('To').fill('2024-06-30');
            await page.getByRole('button', { name: 'Show matching rows' }).click();
          },
          /rows? match/,
        );
        await context.close();
        // The sort in a tab of its own, so no column read for the filter is reused.
        const sortContext = await browser.newContext();
        const sortPage = await sortContext.newPage();
        await sortPage.goto(pageUrl, { waitUntil: 'load' });
        await measure(sortPage, server, parquetPath, () => sortPage.getByRole('button', { name: 'Open the explorer' }).click(), /^All /);
        const sort = await measure(
          sortPage,
          server,
          parquetPath,
          async () => {
            await sortPage.getByLabel('Sort by').selectOption('amount');
            await sortPage.getByLabel('Direction').selectOption('desc');
            await sortPage.getByRole('button', { name: 'Show matching rows' }).click();
          },
          /sorted by .*, descending\.$/,
        );
        await sortContext.close();
        const peakRss = await sampler.stop();
        results.push({ firstPage, filter, sort, peakRss });
        const share = (op: ExplorerOperation) => `${((op.bytes / parquet.bytes) * 100).toFixed(1)} %`;
        log(
          `  run ${i + 1}/${runs}: first page ${firstPage.seconds.toFixed(2)} s (${share(firstPage)}), filter ${filter.seconds.toFixed(2)} s (${share(filter)}; ${filter.status}), ` +
            `sort ${sort.seconds.toFixed(2)} s (${share(sort)}), tab peak ${(peakRss / 2 ** 20).toFixed(0)} MiB`,
        );
      }
    } finally {
      await browser.close();
      await server.close();
    }
    const shareOf = (pick: (r: ExplorerRun) => ExplorerOperation) => median(results.map((r) => pick(r).bytes / parquet.bytes));
    return {
      rows: manifest.rowCount,
      parquetBytes: parquet.bytes,
      buildSeconds: build.seconds,
      runs: results,
      firstPageSeconds: median(results.map((r) => r.firstPage.seconds)),
      filterSeconds: median(results.map((r) => r.filter.seconds)),
      sortSeconds: median(results.map((r) => r.sort.seconds)),
      firstPageShare: shareOf((r) => r.firstPage),
      filterShare: shareOf((r) => r.filter),
      sortShare: shareOf((r) => r.sort),
      peakRss: Math.max(...results.map((r) => r.peakRss)),
    };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
