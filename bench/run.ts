import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { rm } from 'node:fs/promises';
import { explorerCase, type ExplorerCaseResult } from './cases/explorer.ts';
import { snapshotCases, type SnapshotCaseResult } from './cases/snapshot.ts';
import { siteCases, type SiteCaseResult } from './cases/site.ts';
import { createBenchDatabase } from './lib/database.ts';
import { kib, markdownTable, mib, type TargetLine } from './report.ts';
import { median } from './lib/measure.ts';
import { tableSql } from './workload.ts';

const usage = `Usage: npm run bench -- [--runs 3] [--rows 1000000] [--big-rows 5000000] [--big-runs 2]
                        [--cases snapshot,explorer,site] [--site-sizes 100,1000] [--site-runs 3]
                        [--explorer-runs 3]

The explorer case serves the table the snapshot case published, so it runs only with that case.

Generates its own workload (a database on DATABASE_URL's server, else the test server, created and
dropped here; generated catalogs in temporary project copies), runs every case several times and
writes bench/results/<date>.json and .md. Every figure is a ratio or a size measured in this run.`;

const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));
/** The whole snapshot's ratio to psql before Parquet was added, which it must not fall below. */
const RATIO_BEFORE_PARQUET = 0.29;
const RATIO_BEFORE_PARQUET_RUN = 'bench/results/2026-11-26.md';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    rows: { type: 'string', default: '1000000' },
    'big-rows': { type: 'string', default: '5000000' },
    'big-runs': { type: 'string', default: '2' },
    cases: { type: 'string', default: 'snapshot,explorer,site' },
    'explorer-runs': { type: 'string' },
    'site-sizes': { type: 'string', default: '100,1000' },
    'site-runs': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const runs = Number(values.runs);
const rows = Number(values.rows);
const bigRows = Number(values['big-rows']);
const cases = new Set(values.cases.split(','));
const sizes = values['site-sizes'].split(',').map(Number);
const log = (message: string) => process.stderr.write(`${message}\n`);
const uptime = () => execFileSync('uptime', { encoding: 'utf8' }).trim();

const started = new Date();
const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', node: process.version, loadAtStart: uptime(), loadAtEnd: '', loadavgAtStart: loadavg() };
log(`Benchmark on ${machine.cpus} CPU(s); ${machine.loadAtStart}`);

let snapshot: SnapshotCaseResult | null = null;
let explorer: ExplorerCaseResult | null = null;
let site: SiteCaseResult | null = null;
let server = '';
if (cases.has('snapshot')) {
  const db = await createBenchDatabase();
  try {
    const small = `t${rows}`;
    const big = bigRows > 0 ? `t${bigRows}` : null;
    log(`Loading ${rows.toLocaleString('en')}${big ? ` and ${bigRows.toLocaleString('en')}` : ''} rows into a new database on ${db.label}…`);
    await db.run(tableSql(small, rows));
    if (big) await db.run(tableSql(big, bigRows));
    server = execFileSync('psql', [db.url, '-XAtc', 'SHOW server_version'], { encoding: 'utf8' }).trim();
    log('Cases 1–3: snapshot throughput (with and without Parquet), memory, no-change refresh');
    snapshot = await snapshotCases({ db, projectRoot: PROJECT_ROOT, tables: { small, big }, runs, bigRuns: Number(values['big-runs']), log });
  } finally {
    await db.drop();
  }
  try {
    if (cases.has('explorer')) {
      log(`Case 6: the table explorer on ${rows.toLocaleString('en')} rows, in Chromium`);
      explorer = await explorerCase({ projectRoot: PROJECT_ROOT, workspace: snapshot.keptWorkspace, runs: Number(values['explorer-runs'] ?? runs), log });
    }
  } finally {
    await rm(snapshot.scratch, { recursive: true, force: true });
  }
}
if (cases.has('site')) {
  log('Cases 4–5: site scale and page weight');
  site = await siteCases({ projectRoot: PROJECT_ROOT, sizes, runs: Number(values['site-runs'] ?? runs), log });
}
machine.loadAtEnd = uptime();

const lines: TargetLine[] = [];
if (snapshot) {
  const s = snapshot;
  lines.push(
    {
      case: `1. throughput, ${rows.toLocaleString('en')} rows × 12 columns`,
      figure: 'CSV alone vs psql \\copy CSV',
      value: `${s.throughputCsv.toFixed(2)}×`,
      target: '≥ 0.9×',
      met: s.throughputCsv >= 0.9,
    },
    { case: '', figure: 'whole snapshot (CSV+JSON+Parquet, hashes, PII scan, profile) vs psql', value: `${s.throughputWhole.toFixed(2)}×`, target: '≥ 0.5×', met: s.throughputWhole >= 0.5 },
    {
      case: '',
      figure: 'whole snapshot vs psql: with Parquet, and without it in the same run',
      value: `${s.throughputWhole.toFixed(2)}× with, ${s.throughputWithoutParquet.toFixed(2)}× without`,
      target: `≥ ${RATIO_BEFORE_PARQUET}× (before Parquet, ${RATIO_BEFORE_PARQUET_RUN})`,
      met: s.throughputWhole >= RATIO_BEFORE_PARQUET,
    },
    {
      case: '',
      figure: 'Parquet size / CSV size',
      value: `${(s.parquetShare * 100).toFixed(1)} % (${mib(median(s.runs.map((r) => r.parquetBytes)))} / ${mib(median(s.runs.map((r) => r.csvBytes)))})`,
      target: '(reported)',
      met: true,
    },
  );
  if (Number.isFinite(s.rssRatio)) {
    lines.push({
      case: '2. memory',
      figure: `peak RSS ${bigRows.toLocaleString('en')} rows / ${rows.toLocaleString('en')} rows`,
      value: `${s.rssRatio.toFixed(2)} (${mib(s.rss2)} / ${mib(s.rss1)})`,
      target: '≤ 1.15',
      met: s.rssRatio <= 1.15,
    });
  }
  lines.push({
    case: '3. no-change refresh',
    figure: 'second run / first run; versions after it',
    value: `${(s.refreshRatio * 100).toFixed(1)} %; ${s.refreshNoNewVersion ? 'no new version' : 'NEW VERSION WRITTEN'}`,
    target: '≤ 10 %, no new version',
    met: s.refreshRatio <= 0.1 && s.refreshNoNewVersion,
  });
}
if (explorer) {
  const e = explorer;
  const share = (x: number) => `${(x * 100).toFixed(1)} % of the file`;
  lines.push(
    {
      case: `6. table explorer, ${e.rows.toLocaleString('en')} rows, Parquet ${mib(e.parquetBytes)}`,
      figure: 'time to the first page of rows (explorer loaded, cold cache); bytes of the Parquet file',
      value: `${e.firstPageSeconds.toFixed(2)} s; ${share(e.firstPageShare)}`,
      target: '< 1.5 s',
      met: e.firstPageSeconds < 1.5,
    },
    {
      case: '',
      figure: 'selective filter (one district, one month): time to the result; bytes',
      value: `${e.filterSeconds.toFixed(2)} s; ${share(e.filterShare)}`,
      target: '< 3 s, < 30 %',
      met: e.filterSeconds < 3 && e.filterShare < 0.3,
    },
    {
      case: '',
      figure: 'sort of the whole table on a number column: time to the first page; bytes',
      value: `${e.sortSeconds.toFixed(2)} s; ${share(e.sortShare)}`,
      target: '< 8 s',
      met: e.sortSeconds < 8,
    },
    { case: '', figure: "tab's peak memory (renderer process RSS, worker included), all three", value: mib(e.peakRss), target: '< 600 MB', met: e.peakRss < 600e6 },
  );
}
if (site) {
  const [small, large] = [site.catalogs[0]!, site.catalogs.at(-1)!];
  const medianOf = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  lines.push(
    {
      case: `4. site scale, ${small.datasets} → ${large.datasets} datasets`,
      figure: 'astro build time (incl. Pagefind), large / small',
      value: `${site.buildRatio.toFixed(2)}× (${medianOf(large.buildSeconds).toFixed(1)} s / ${medianOf(small.buildSeconds).toFixed(1)} s)`,
      target: '≤ 12×',
      met: site.buildRatio <= 12,
    },
    { case: '', figure: `dist/ bytes, ${small.datasets} / ${large.datasets}`, value: `${mib(small.distBytes)} / ${mib(large.distBytes)}`, target: '(reported)', met: true },
    { case: '', figure: `Pagefind index, ${small.datasets} / ${large.datasets}`, value: `${mib(small.pagefindBytes)} / ${mib(large.pagefindBytes)}`, target: '(reported)', met: true },
    {
      case: '',
      figure: `one search query in Chromium, cold cache, ${large.datasets} datasets (all /pagefind/ requests; gzip, raw)`,
      value: `${kib(large.searchQuery.gzip)} gzip, ${kib(large.searchQuery.raw)} raw, ${large.searchQuery.requests} requests`,
      target: '≤ 300 KB',
      met: large.searchQuery.gzip <= 300_000,
    },
    {
      case: '5. page weight',
      figure: 'dataset page HTML+CSS+JS before interaction, cold cache (gzip, raw)',
      value: `${kib(large.dataPage.gzip)} gzip, ${kib(large.dataPage.raw)} raw, ${large.dataPage.requests} requests`,
      target: '< 100 KB',
      met: large.dataPage.gzip < 100_000,
    },
  );
}

const table = markdownTable(lines);
const date = started.toISOString().slice(0, 10);
const dir = path.join(PROJECT_ROOT, 'bench/results');
await mkdir(dir, { recursive: true });
const options = { runs, rows, bigRows, bigRuns: Number(values['big-runs']), cases: [...cases], siteSizes: sizes, explorerRuns: Number(values['explorer-runs'] ?? runs) };
await writeFile(path.join(dir, `${date}.json`), JSON.stringify({ date: started.toISOString(), machine, server, options, targets: lines, snapshot, explorer, site }, null, 2) + '\n');
const header = `# Benchmark ${date}\n\n${machine.cpus} CPU(s) (${machine.cpuModel}), Node ${machine.node}, PostgreSQL ${server || 'n/a'}.\nLoad at start: \`${machine.loadAtStart}\`; at end: \`${machine.loadAtEnd}\`.\nMedians of ${runs} run(s) per case; raw figures in [${date}.json](${date}.json).\n\n`;
await writeFile(path.join(dir, `${date}.md`), header + table + '\n');
console.log(`\n${table}\n\nWritten bench/results/${date}.json and bench/results/${date}.md`);
