import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { listVersions } from '../../src/shared/snapshot-store.ts';
import { writeMetadataFiles, metadataTemplate } from '../../tests/helpers/generated-metadata.ts';
import type { BenchDatabase } from '../lib/database.ts';
import { median, runTimed, type ChildRun } from '../lib/measure.ts';
import { benchDatasetMetadata, referenceSelect } from '../workload.ts';

/**
 * Cases 1–3: snapshot throughput against psql's \copy, peak RSS at two table sizes, and the
 * no-change refresh. Every snapshot runs as a child process (`npm run build:data`'s entry point),
 * timed from outside, its peak RSS read by GNU time.
 */

const KEY = 'benchmark pseudonym key, not a secret, 40+ characters long';

export interface SnapshotRun {
  psqlSeconds: number;
  csvSeconds: number;
  wholeSeconds: number;
  /** The whole snapshot with the Parquet format taken out of the registry (bench/without-format.ts). */
  withoutParquetSeconds: number;
  parquetBytes: number;
  csvBytes: number;
  refreshSeconds: number;
  wholePeakRss: number;
  csvPeakRss: number;
  versionsAfterRefresh: number;
  refreshSkipped: boolean;
}

export interface SnapshotCaseResult {
  runs: SnapshotRun[];
  bigRuns: { wholeSeconds: number; wholePeakRss: number }[];
  throughputCsv: number;
  throughputWhole: number;
  throughputWithoutParquet: number;
  /** data.parquet's size over data.csv's, 1M rows. */
  parquetShare: number;
  /** A project root holding the 1M-row table's published version, kept for the explorer case (the caller deletes it). */
  keptWorkspace: string;
  /** The scratch directory that holds it. */
  scratch: string;
  refreshRatio: number;
  refreshNoNewVersion: boolean;
  rss1: number;
  rss2: number;
  rssRatio: number;
}

export async function snapshotCases(options: {
  db: BenchDatabase;
  projectRoot: string;
  tables: { small: string; big: string | null };
  runs: number;
  bigRuns: number;
  log: (message: string) => void;
}): Promise<SnapshotCaseResult> {
  const { db, projectRoot, tables, runs, bigRuns, log } = options;
  const template = await metadataTemplate();
  const scratch = await mkdtemp(path.join(tmpdir(), 'catalog-bench-'));
  const env = { ...process.env, DATABASE_URL: db.url, CATALOG_PSEUDONYM_KEY: KEY };
  const entry = path.join(projectRoot, 'scripts/build-data/index.ts');
  const node = process.execPath;

  const freshWorkspace = async (name: string, table: string) => {
    const root = path.join(scratch, name);
    await rm(root, { recursive: true, force: true });
    await writeMetadataFiles(root, [benchDatasetMetadata(template, `bench-${table}`, table)]);
    return root;
  };
  const snapshot = (root: string, table: string): Promise<ChildRun> => runTimed(node, [entry, '--only', `bench-${table}`, '--jobs', '1'], { cwd: root, env });
  const withoutParquet = (root: string, table: string): Promise<ChildRun> =>
    runTimed(node, [path.join(projectRoot, 'bench/without-format.ts'), 'parquet', '--only', `bench-${table}`, '--jobs', '1'], { cwd: root, env });

  const result: SnapshotRun[] = [];
  let keptWorkspace = '';
  let done = false;
  try {
    for (let i = 0; i < runs; i++) {
      const table = tables.small;
      const root = await freshWorkspace(`run-${i}`, table);
      const referenceFile = path.join(scratch, 'psql.csv');
      const bare = await freshWorkspace(`bare-${i}`, table);
      const steps: Record<string, () => Promise<ChildRun>> = {
        psql: () => runTimed('psql', [db.url, '-X', '-q', '-c', `\\copy (${referenceSelect(table)}) TO '${referenceFile}' WITH CSV HEADER`]),
        csv: () => runTimed(node, [path.join(projectRoot, 'bench/csv-only.ts'), db.url, root, `bench-${table}`, path.join(scratch, 'csv-only')]),
        whole: () => snapshot(root, table),
        'without parquet': () => withoutParquet(bare, table),
      };
      // Rotate the order from run to run, so a slow spell on the shared machine does not always hit the same case.
      const order = ['psql', 'csv', 'whole', 'without parquet'].map((_, k, all) => all[(k + i) % all.length]!);
      const timed: Record<string, ChildRun> = {};
      for (const name of order) {
        timed[name] = await steps[name]!();
        log(`  run ${i + 1}/${runs}: ${name} ${timed[name].seconds.toFixed(2)} s, peak RSS ${(timed[name].peakRss / 2 ** 20).toFixed(0)} MiB`);
      }
      // Case 3: the same workspace again, nothing changed in the database.
      const refresh = await snapshot(root, table);
      const versions = await listVersions(root, `bench-${table}`);
      log(`  run ${i + 1}/${runs}: no-change refresh ${refresh.seconds.toFixed(2)} s, ${versions.length} version(s)`);
      const files = versions[0]?.files ?? [];
      const bytesOf = (name: string) => files.find((f) => f.name === name)?.bytes ?? NaN;
      result.push({
        psqlSeconds: timed.psql!.seconds,
        csvSeconds: timed.csv!.seconds,
        wholeSeconds: timed.whole!.seconds,
        withoutParquetSeconds: timed['without parquet']!.seconds,
        parquetBytes: bytesOf('data.parquet'),
        csvBytes: bytesOf('data.csv'),
        refreshSeconds: refresh.seconds,
        wholePeakRss: timed.whole!.peakRss,
        csvPeakRss: timed.csv!.peakRss,
        versionsAfterRefresh: versions.length,
        refreshSkipped: /unchanged \(fingerprint\)/.test(refresh.stderr),
      });
      // The last run's published version is what the explorer case serves.
      if (i === runs - 1) keptWorkspace = root;
      else await rm(root, { recursive: true, force: true });
      await rm(bare, { recursive: true, force: true });
      await rm(path.join(scratch, 'csv-only'), { recursive: true, force: true });
      await rm(referenceFile, { force: true });
    }
    const bigResults: { wholeSeconds: number; wholePeakRss: number }[] = [];
    for (let i = 0; tables.big && i < bigRuns; i++) {
      const root = await freshWorkspace(`big-${i}`, tables.big);
      const run = await snapshot(root, tables.big);
      log(`  big run ${i + 1}/${bigRuns}: whole snapshot ${run.seconds.toFixed(1)} s, peak RSS ${(run.peakRss / 2 ** 20).toFixed(0)} MiB`);
      bigResults.push({ wholeSeconds: run.seconds, wholePeakRss: run.peakRss });
      await rm(root, { recursive: true, force: true });
    }
    const rss1 = median(result.map((r) => r.wholePeakRss));
    const rss2 = bigResults.length > 0 ? median(bigResults.map((r) => r.wholePeakRss)) : NaN;
    done = true;
    return {
      runs: result,
      bigRuns: bigResults,
      throughputCsv: median(result.map((r) => r.psqlSeconds / r.csvSeconds)),
      throughputWhole: median(result.map((r) => r.psqlSeconds / r.wholeSeconds)),
      throughputWithoutParquet: median(result.map((r) => r.psqlSeconds / r.withoutParquetSeconds)),
      parquetShare: median(result.map((r) => r.parquetBytes / r.csvBytes)),
      keptWorkspace,
      scratch,
      refreshRatio: median(result.map((r) => r.refreshSeconds / r.wholeSeconds)),
      refreshNoNewVersion: result.every((r) => r.versionsAfterRefresh === 1),
      rss1,
      rss2,
      rssRatio: rss2 / rss1,
    };
  } finally {
    // On success the caller deletes the scratch directory after the explorer case.
    if (!done) await rm(scratch, { recursive: true, force: true });
  }
}
