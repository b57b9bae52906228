import type pg from 'pg';
import type { Dataset } from '../../src/schemas/dataset.ts';
import type { PrivacyReport } from '../../src/schemas/manifest.ts';
import type { VersionChanges } from '../../src/schemas/version-changes.ts';
import { siteConfig } from '../../src/site.config.ts';
import { describeTransform } from '../../src/schemas/transform.ts';
import type { Effects } from './effects.ts';
import type { FailureKind } from './lib/dataset-failure.ts';
import { checkSchema, DatasetError, keyIsUnique } from './steps/check-schema.ts';
import { checkKey, columnProfiles, statsPlans, summarizeColumns } from './steps/profile.ts';
import { diffVersions } from './steps/diff-versions.ts';
import { datasetFingerprint, FINGERPRINT_RULE, unchangedSince, type TableStatistics } from './steps/fingerprint.ts';
import { contentHash, createStagingDir, listVersions, publishVersion, recordFingerprint } from './steps/publish-version.ts';
import { checkSmallCells, type SmallCellsResult } from './steps/small-cells.ts';
import { snapshotTable } from './steps/snapshot.ts';
import type { TranscodedColumn } from './lib/copy-transcoder.ts';
import { PiiScanner, unreviewedHitsMessage } from './lib/pii-scan.ts';
import { RowMeasures, WORKER_MIN_ROWS, WorkerMeasures, type MeasureResult, type MeasureSetup } from './lib/row-measures.ts';
import type { Pseudonymizer } from './lib/pseudonymize.ts';
import { publishedOrder, publishedSelect } from './lib/published-query.ts';

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
 * content changed. Runs inside the caller's snapshot transaction.
 */
export async function snapshotDataset(
  client: pg.Client,
  dataset: Dataset,
  file: string,
  effects: Effects,
  pseudonymize: Pseudonymizer | null,
  fingerprints: FingerprintContext = { statistics: new Map(), keyId: null, full: true },
): Promise<DatasetOutcome> {
  const { log } = effects;
  const started = Date.now();
  const { live, undeclared } = await checkSchema(client, dataset, file);
  if (undeclared.length > 0) {
    log.info(`  ${dataset.id}: not in the metadata, so not read or published: ${undeclared.join(', ')}.`);
  }
  const published = publishedSelect(dataset);
  const query = `${published} ORDER BY ${publishedOrder(dataset, { uniqueKey: await keyIsUnique(client, dataset) })}`;
  const { schema, table } = dataset.source;
  const fingerprint = fingerprints.full
    ? { value: null, reason: '--full' }
    : datasetFingerprint({ dataset, statistics: fingerprints.statistics.get(`${schema}.${table}`), live, query, keyId: fingerprints.keyId });
  const latest = (await listVersions(effects.root, dataset.id, { onProblem: (problem) => log.warn(`${dataset.id}: ${problem}; ignored.`) })).at(-1) ?? null;
  if (latest && unchangedSince(latest, fingerprint.value)) {
    log.info(`  ${dataset.id}: table unchanged since version ${latest.version} (fingerprint matches), not read.`);
    const bytes = latest.files.reduce((sum, f) => sum + f.bytes, 0);
    return { id: dataset.id, status: 'unchanged', rowCount: latest.rowCount, bytes, seconds: (Date.now() - started) / 1000, privacy: latest.privacy, fingerprintMatched: true };
  }
  if (fingerprint.value === null && fingerprint.reason !== '--full') log.info(`  ${dataset.id}: full snapshot (no cheap fingerprint: ${fingerprint.reason}).`);
  const smallCells = await checkSmallCells(client, dataset, file);
  const columns = publishedColumns(dataset, pseudonymize);
  const hashed = new Set(dataset.fields.filter((f) => f.transform?.method === 'hash').map((f) => f.name));
  const rules = dataset.fields.map((f) => ({ name: f.name, type: f.type, allowedValues: f.allowedValues, range: f.range }));
  // One aggregate scan first: the row count (whether XLSX and XML are written) and what the stream's measures need (extremes).
  const summary = await summarizeColumns(client, published, rules, hashed);
  // The stream is ordered by the key, so it checks the key as it goes, unless a key column is pseudonymised (then ordered last).
  const streamKey = dataset.primaryKey.some((name) => hashed.has(name)) ? null : dataset.primaryKey.map((name) => dataset.fields.findIndex((f) => f.name === name));
  const setup: MeasureSetup = { fields: dataset.fields, plans: statsPlans(rules, hashed, summary), keyIndexes: streamKey };
  const stagingDir = await createStagingDir(effects.root, dataset.id);
  const snapshotAt = effects.now();
  const limit = siteConfig.downloads.spreadsheetRowLimit;
  const spreadsheet =
    summary.rows <= limit
      ? { snapshotAt }
      : { skipReason: `XLSX and XML are offered for tables of up to ${limit.toLocaleString('en')} rows; this version has ${summary.rows.toLocaleString('en')}. Use the CSV or JSON file.` };
  // A large table is scanned and measured by a worker thread while this one writes the files.
  const local = summary.rows < WORKER_MIN_ROWS ? new RowMeasures(setup) : null;
  const worker = local ? null : new WorkerMeasures(setup, dataset.fields.map((f) => ({ name: f.name, type: f.type })));
  let result: Awaited<ReturnType<typeof snapshotTable>>;
  let measures: MeasureResult;
  try {
    result = await snapshotTable({
      client,
      datasetId: dataset.id,
      query,
      columns,
      dir: stagingDir,
      log,
      ...(local ? { onRow: (row) => local.add(row) } : { onChunk: (chunk) => worker!.push(chunk) }),
      spreadsheet,
      expectedRows: summary.rows,
    });
    measures = local ? local.result() : await worker!.finish();
  } catch (error) {
    await worker?.abort();
    throw error;
  }
  if (result.rowCount !== summary.rows) throw new DatasetError(dataset.id, `internal: the snapshot streamed ${result.rowCount} rows where the profile counted ${summary.rows} in the same transaction`);
  const unreviewed = measures.findings.filter((f) => !f.reviewed);
  if (unreviewed.length > 0) throw new DatasetError(dataset.id, unreviewedHitsMessage(file, unreviewed));

  const profile = columnProfiles(rules, summary, measures.columns);
  const key = measures.key ? { columns: [...dataset.primaryKey], ...measures.key } : await checkKey(client, published, dataset.primaryKey);
  const manifestColumns = dataset.fields.map((f, i) => ({ name: f.name, type: f.type, sourceType: live[i]?.type ?? 'unknown' }));
  const csvSha = result.files.find((f) => f.name === 'data.csv')?.sha256;
  if (!csvSha) throw new DatasetError(dataset.id, 'internal: the CSV file was not written');
  const privacy = privacyReport(dataset, undeclared.length, smallCells, measures);
  const hash = contentHash(manifestColumns, csvSha);
  // The versions were listed before the snapshot; this dataset's worker is the only writer.
  const previous = latest ?? undefined;
  const changes =
    previous && previous.contentHash !== hash
      ? await diffVersions({ root: effects.root, dataset, previous, columns: manifestColumns, rowCount: result.rowCount, dir: stagingDir })
      : undefined;
  const { version } = await publishVersion({
    root: effects.root,
    stagingDir,
    now: snapshotAt,
    manifest: {
      dataset: dataset.id,
      snapshotAt: snapshotAt.toISOString(),
      source: `${dataset.source.schema}.${dataset.source.table}`,
      rowCount: result.rowCount,
      contentHash: hash,
      columns: manifestColumns,
      files: result.files,
      ...(result.notWritten.length > 0 ? { notWritten: result.notWritten } : {}),
      ...(changes ? { changes } : {}),
      profile,
      preview: result.preview,
      privacy,
      quality: { key },
      sample: result.sample,
      ...(fingerprint.value ? { fingerprint: { rule: FINGERPRINT_RULE, value: fingerprint.value } } : {}),
    },
  });
  // Same content under a new fingerprint (a change and its undo, a VACUUM FULL): remember the new
  // fingerprint on the latest version, so the next refresh can take the shortcut again.
  if (!version && previous && fingerprint.value && previous.fingerprint?.value !== fingerprint.value) {
    await recordFingerprint(effects.root, previous, { rule: FINGERPRINT_RULE, value: fingerprint.value });
  }
  const seconds = (Date.now() - started) / 1000;
  const bytes = result.files.reduce((sum, f) => sum + f.bytes, 0);
  const outcome = { id: dataset.id, rowCount: result.rowCount, bytes, seconds, privacy };
  return version ? { ...outcome, status: 'new-version', version, changes } : { ...outcome, status: 'unchanged' };
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
    transforms: dataset.fields.flatMap((f) =>
      f.transform ? [{ field: f.name, method: f.transform.method, description: describeTransform(f.transform), reason: f.transform.reason }] : [],
    ),
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
