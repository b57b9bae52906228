import type pg from 'pg';
import type { Dataset } from '../../src/schemas/dataset.ts';
import type { Manifest, PrivacyReport } from '../../src/schemas/manifest.ts';
import type { VersionChanges } from '../../src/schemas/version-changes.ts';
import { siteConfig } from '../../src/site.config.ts';
import { describeTransform } from '../../src/schemas/transform.ts';
import type { Effects } from '../lib/effects.ts';
import type { FailureKind } from './lib/dataset-failure.ts';
import { DatasetError } from './errors.ts';
import { checkSchema, keyIsUnique, type LiveColumn } from './steps/check-schema.ts';
import { checkKey, columnProfiles, statsPlans, summarizeColumns, type ColumnSummary, type ProfiledColumn } from './steps/profile.ts';
import { diffVersions } from './steps/diff-versions.ts';
import { datasetFingerprint, FINGERPRINT_RULE, unchangedSince, type TableStatistics } from './steps/fingerprint.ts';
import { formatOf } from '../../src/shared/download-formats.ts';
import { listVersions } from '../../src/shared/snapshot-store.ts';
import { contentHash, createStagingDir, publishVersion, recordFingerprint } from './steps/publish-version.ts';
import { checkSmallCells, type SmallCellsResult } from './steps/small-cells.ts';
import { publishedFindingsMessage, rescanPublished } from './steps/rescan-published.ts';
import { overRowLimitReason, snapshotTable, type SnapshotResult } from './steps/snapshot.ts';
import type { TranscodedColumn } from './lib/copy-transcoder.ts';
import { PiiScanner, unreviewedHitsMessage } from './lib/pii-scan.ts';
import { RowMeasures, WORKER_MIN_ROWS, WorkerMeasures, type MeasureResult, type MeasureSetup } from './lib/row-measures.ts';
import type { Pseudonymizer } from './lib/pseudonymize.ts';
import { publishedOrder, publishedSelect } from './lib/published-query.ts';
import { publishedSqlTypes } from './lib/published-types.ts';
import { typeDecision } from './lib/pg-types.ts';
import { databaseErrorIn, describeDatabaseError } from './lib/database-errors.ts';
import { compileRowFilter } from '../../src/shared/row-filter.ts';

export interface DatasetOutcome {
  id: string;
  status: 'new-version' | 'unchanged' | 'failed';
  version?: string;
  rowCount?: number;
  bytes?: number;
  seconds: number;
  message?: string;
  /** Why it failed, which decides the run's exit code (lib/dataset-failure.ts). */
  failure?: FailureKind;
  /** What the privacy rules did, when the dataset got that far. */
  privacy?: PrivacyReport;
  /** What changed against the previous version, for a new version that has one. */
  changes?: VersionChanges;
  /** True when the table's fingerprint proved it unchanged, so no row was read. */
  fingerprintMatched?: boolean;
}

/** What the run knows about the no-change shortcut (see steps/fingerprint.ts). */
export interface FingerprintContext {
  /** Statistics of the source tables, read before the snapshot began. */
  statistics: ReadonlyMap<string, TableStatistics>;
  /** Identifies the pseudonym key without revealing it, or null without one. */
  keyId: string | null;
  /** Ignore fingerprints and snapshot every dataset in full (`--full`). */
  full: boolean;
}

/**
 * One approved dataset, start to finish: drift check, small-cell check, streamed snapshot with
 * pseudonyms and the personal-data scan on the way, profile, then a new version only if the
 * content changed. Runs inside the caller's snapshot transaction. Each stage is a function below.
 */
export async function snapshotDataset(
  client: pg.Client,
  dataset: Dataset,
  file: string,
  effects: Effects,
  pseudonymize: Pseudonymizer | null,
  fingerprints: FingerprintContext = { statistics: new Map(), keyId: null, full: true },
): Promise<DatasetOutcome> {
  const started = Date.now();
  const plan = await planRead(client, dataset, file, effects, fingerprints);
  if (plan.latest && unchangedSince(plan.latest, plan.fingerprint.value)) return unchangedOutcome(dataset, plan.latest, started, effects);
  if (plan.fingerprint.value === null && plan.fingerprint.reason !== '--full') {
    effects.log.info(`  ${dataset.id}: full snapshot (no cheap fingerprint: ${plan.fingerprint.reason}).`);
  }
  const staged = await streamToStaging(client, dataset, file, effects, plan, pseudonymize);
  await checkStream(dataset, file, effects.root, staged);
  const manifest = await describeVersion(client, dataset, file, effects.root, plan, staged);
  const version = await publish(effects.root, plan, staged, manifest);
  const seconds = (Date.now() - started) / 1000;
  const outcome = { id: dataset.id, rowCount: manifest.rowCount, bytes: totalBytes(manifest.files), seconds, privacy: manifest.privacy };
  return version ? { ...outcome, status: 'new-version', version, changes: manifest.changes } : { ...outcome, status: 'unchanged' };
}

/** What the first stage learns before any row is read. */
interface ReadPlan {
  live: LiveColumn[];
  /** Live columns the metadata does not declare: never read, only counted. */
  undeclared: string[];
  /** The published query without its order (the profile aggregates over it). */
  published: string;
  /** The published query in publication order (the snapshot streams it). */
  query: string;
  fingerprint: { value: string } | { value: null; reason: string };
  /** The latest published version, listed before the snapshot; this dataset's worker is its only writer. */
  latest: Manifest | null;
}

/** Checks the live table against the metadata, builds the query and the fingerprint, and finds the latest version. */
async function planRead(client: pg.Client, dataset: Dataset, file: string, effects: Effects, fingerprints: FingerprintContext): Promise<ReadPlan> {
  const { live, undeclared } = await checkSchema(client, dataset, file);
  if (undeclared.length > 0) {
    effects.log.info(`  ${dataset.id}: not in the metadata, so not read or published: ${undeclared.join(', ')}.`);
  }
  const published = publishedSelect(dataset);
  const query = `${published} ORDER BY ${publishedOrder(dataset, { uniqueKey: await keyIsUnique(client, dataset) })}`;
  const { schema, table } = dataset.source;
  const fingerprint = fingerprints.full
    ? { value: null, reason: '--full' }
    : datasetFingerprint({ dataset, statistics: fingerprints.statistics.get(`${schema}.${table}`), live, query, keyId: fingerprints.keyId });
  // A version folder with a corrupt manifest is reported and skipped (the start-up check lists it too).
  const latest = (await listVersions(effects.root, dataset.id, { onProblem: (problem) => effects.log.warn(`${dataset.id}: ${problem}`) })).at(-1) ?? null;
  return { live, undeclared, published, query, fingerprint, latest };
}

/** The table's fingerprint matches its latest version: nothing is read. */
function unchangedOutcome(dataset: Dataset, latest: Manifest, started: number, { log }: Effects): DatasetOutcome {
  log.info(`  ${dataset.id}: table unchanged since version ${latest.version} (fingerprint matches), not read.`);
  const seconds = (Date.now() - started) / 1000;
  return { id: dataset.id, status: 'unchanged', rowCount: latest.rowCount, bytes: totalBytes(latest.files), seconds, privacy: latest.privacy, fingerprintMatched: true };
}

/** A snapshot streamed into its staging directory, with what was measured on the way. */
interface StagedSnapshot {
  stagingDir: string;
  snapshotAt: Date;
  smallCells: SmallCellsResult | null;
  rules: ProfiledColumn[];
  summary: ColumnSummary;
  result: SnapshotResult;
  measures: MeasureResult;
}

/**
 * Checks small cells, counts and summarises the published rows in one aggregate scan, then streams
 * them into every download format while the rows are scanned and measured (by a worker thread for
 * a large table, while this one writes the files).
 */
async function streamToStaging(client: pg.Client, dataset: Dataset, file: string, effects: Effects, plan: ReadPlan, pseudonymize: Pseudonymizer | null): Promise<StagedSnapshot> {
  const step = <T>(what: string, run: () => Promise<T>) => reading(dataset, file, what, run);
  const smallCells = await step('counting small cells', () => checkSmallCells(client, dataset, file));
  const columns = publishedColumns(dataset, pseudonymize);
  const hashed = new Set(dataset.fields.filter((f) => f.transform?.method === 'hash').map((f) => f.name));
  // A transform's output has its published type's order; an untransformed column has its own type's, if any (no min(uuid)).
  const rules = dataset.fields.map((f, i) => {
    const decision = plan.live[i] ? typeDecision(plan.live[i]) : null;
    const extremes = (f.transform && f.transform.method !== 'hash') || (decision?.publish === true && decision.extremes);
    return { name: f.name, type: f.type, allowedValues: f.allowedValues, range: f.range, extremes };
  });
  // The row count (whether row-limited formats are written) and what the stream's measures need (extremes).
  const summary = await step('counting the rows and measuring each column', () => summarizeColumns(client, plan.published, rules, hashed));
  const sqlTypes = await step('describing the published columns', () => publishedSqlTypes(client, dataset.fields, plan.published));
  // The stream is ordered by the key, so it checks the key as it goes, unless a key column is pseudonymised (then ordered last).
  const streamKey = dataset.primaryKey.some((name) => hashed.has(name)) ? null : dataset.primaryKey.map((name) => dataset.fields.findIndex((f) => f.name === name));
  const setup: MeasureSetup = { fields: dataset.fields, plans: statsPlans(rules, hashed, summary), keyIndexes: streamKey };
  const stagingDir = await createStagingDir(effects.root, dataset.id);
  const snapshotAt = effects.now();
  const limit = siteConfig.downloads.spreadsheetRowLimit;
  const overRowLimit = summary.rows <= limit ? null : overRowLimitReason(limit, summary.rows);
  const local = summary.rows < WORKER_MIN_ROWS ? new RowMeasures(setup) : null;
  const worker = local
    ? null
    : new WorkerMeasures(
        setup,
        dataset.fields.map((f) => ({ name: f.name, type: f.type })),
      );
  try {
    const result = await step('streaming the rows', () =>
      snapshotTable({
        client,
        datasetId: dataset.id,
        query: plan.query,
        columns,
        sqlTypes,
        dir: stagingDir,
        log: effects.log,
        ...(local ? { onRow: (row) => local.add(row) } : { onChunk: (chunk) => worker!.push(chunk) }),
        snapshotAt,
        overRowLimit,
        expectedRows: summary.rows,
      }),
    );
    const measures = local ? local.result() : await worker!.finish();
    return { stagingDir, snapshotAt, smallCells, rules, summary, result, measures };
  } catch (error) {
    await worker?.abort();
    throw error;
  }
}

/**
 * Stops the dataset when the stream disagrees with the count, or the scan found personal data
 * nobody reviewed; then the published versions are re-scanned, so the message says which of them
 * hold the same kind of data and must be withdrawn.
 */
async function checkStream(dataset: Dataset, file: string, root: string, { result, summary, measures }: StagedSnapshot): Promise<void> {
  if (result.rowCount !== summary.rows) throw new DatasetError(dataset.id, `internal: the snapshot streamed ${result.rowCount} rows where the profile counted ${summary.rows} in the same transaction`);
  const unreviewed = measures.findings.filter((f) => !f.reviewed);
  if (unreviewed.length > 0) {
    const published = await rescanPublished(root, dataset, await listVersions(root, dataset.id));
    throw new DatasetError(dataset.id, `${unreviewedHitsMessage(file, unreviewed)}\n${publishedFindingsMessage(dataset.id, published)}`);
  }
}

/** The new version's manifest: files, profile, key check, privacy record, content hash and what changed since the latest version. */
async function describeVersion(client: pg.Client, dataset: Dataset, file: string, root: string, plan: ReadPlan, staged: StagedSnapshot): Promise<Omit<Manifest, 'version'>> {
  const { result, measures, summary, snapshotAt } = staged;
  const profile = columnProfiles(staged.rules, summary, measures.columns);
  const key = measures.key ? { columns: [...dataset.primaryKey], ...measures.key } : await reading(dataset, file, 'checking the key', () => checkKey(client, plan.published, dataset.primaryKey));
  const columns = dataset.fields.map((f, i) => ({ name: f.name, type: f.type, sourceType: plan.live[i]?.type ?? 'unknown' }));
  const csvSha = result.files.find((f) => formatOf(f)?.id === 'csv')?.sha256;
  if (!csvSha) throw new DatasetError(dataset.id, 'internal: the CSV file was not written');
  const privacy = privacyReport(dataset, plan.undeclared.length, staged.smallCells, measures);
  const hash = contentHash(columns, csvSha);
  const previous = plan.latest;
  const changes = previous && previous.contentHash !== hash ? await diffVersions({ root, dataset, previous, columns, rowCount: result.rowCount, dir: staged.stagingDir }) : undefined;
  const { fingerprint } = plan;
  return {
    dataset: dataset.id,
    snapshotAt: snapshotAt.toISOString(),
    source: `${dataset.source.schema}.${dataset.source.table}`,
    rowCount: result.rowCount,
    contentHash: hash,
    columns,
    files: result.files,
    ...(result.notWritten.length > 0 ? { notWritten: result.notWritten } : {}),
    ...(changes ? { changes } : {}),
    profile,
    preview: result.preview,
    privacy,
    quality: { key },
    sample: result.sample,
    ...(fingerprint.value ? { fingerprint: { rule: FINGERPRINT_RULE, value: fingerprint.value } } : {}),
  };
}

/** Moves the staged version into place when its content is new; returns its id, or null when the content equals the latest version's. */
async function publish(root: string, plan: ReadPlan, staged: StagedSnapshot, manifest: Omit<Manifest, 'version'>): Promise<string | null> {
  const { version } = await publishVersion({ root, stagingDir: staged.stagingDir, now: staged.snapshotAt, manifest });
  const previous = plan.latest;
  const fingerprint = plan.fingerprint.value;
  // Same content under a new fingerprint (a change and its undo, a VACUUM FULL): remember the new
  // fingerprint on the latest version, so the next refresh can take the shortcut again.
  if (!version && previous && fingerprint && previous.fingerprint?.value !== fingerprint) {
    await recordFingerprint(root, previous, { rule: FINGERPRINT_RULE, value: fingerprint });
  }
  return version;
}

function totalBytes(files: readonly { bytes: number }[]): number {
  return files.reduce((sum, f) => sum + f.bytes, 0);
}

/** The columns a dataset reads from its source: its fields and the row filter's columns. */
export function readColumns(dataset: Dataset): string[] {
  const filter = dataset.privacy.rowFilter ? compileRowFilter(dataset.privacy.rowFilter.where) : null;
  return [...new Set([...dataset.fields.map((f) => f.name), ...(filter?.ok ? filter.columns : [])])];
}

/**
 * Runs one step that reads rows. A server error becomes a DatasetError naming the step, the
 * SQLSTATE and a plain cause, never the server's own text, which can quote values (database-errors.ts).
 */
async function reading<T>(dataset: Dataset, file: string, step: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof DatasetError || !databaseErrorIn(error)) throw error;
    const source = `${dataset.source.schema}.${dataset.source.table}`;
    // The server's error stays the cause: the run tells a lost connection or a lock wait by it (lib/dataset-failure.ts).
    throw new DatasetError(dataset.id, describeDatabaseError(databaseErrorIn(error), { dataset: dataset.id, file, source, step, columns: readColumns(dataset) }), { cause: error });
  }
}

/** The published columns, with the keyed pseudonym applied on the stream to hashed ones. */
function publishedColumns(dataset: Dataset, pseudonymize: Pseudonymizer | null): TranscodedColumn[] {
  return dataset.fields.map((f) => {
    if (f.transform?.method !== 'hash') return { name: f.name, type: f.type };
    if (!pseudonymize) throw new DatasetError(dataset.id, 'internal: a column is hashed but no pseudonym key was prepared');
    return { name: f.name, type: f.type, replace: pseudonymize };
  });
}

function privacyReport(dataset: Dataset, unpublishedColumns: number, smallCells: SmallCellsResult | null, measures: MeasureResult): PrivacyReport {
  const declared = dataset.privacy.smallCells;
  return {
    unpublishedColumns,
    transforms: dataset.fields.flatMap((f) => (f.transform ? [{ field: f.name, method: f.transform.method, description: describeTransform(f.transform), reason: f.transform.reason }] : [])),
    rowFilter: dataset.privacy.rowFilter ? { reason: dataset.privacy.rowFilter.reason } : null,
    smallCells: declared && smallCells ? { quasiIdentifiers: declared.quasiIdentifiers, k: declared.k, action: declared.action, ...smallCells } : null,
    scan: {
      detectors: PiiScanner.detectorIds(),
      valuesScanned: measures.valuesScanned,
      reviewed: measures.findings.map((f) => ({
        field: f.field,
        detector: f.detector,
        hits: f.hits,
        justification: dataset.fields[f.fieldIndex]?.scanReviewed?.justification ?? '',
      })),
    },
  };
}
