import type pg from 'pg';
import type { Dataset } from '../../src/schemas/dataset.ts';
import type { Effects } from './effects.ts';
import { checkSchema, DatasetError } from './steps/check-schema.ts';
import { profileColumns } from './steps/profile.ts';
import { contentHash, createStagingDir, publishVersion } from './steps/publish-version.ts';
import { snapshotTable } from './steps/snapshot.ts';
import { publishedOrder, publishedSelect } from './lib/published-query.ts';

export interface DatasetOutcome {
  id: string;
  status: 'new-version' | 'unchanged' | 'failed';
  version?: string;
  rowCount?: number;
  bytes?: number;
  seconds: number;
  message?: string;
}

/**
 * One approved dataset, start to finish: drift check, streamed snapshot, profile, then a new
 * version only if the content changed. Runs inside the caller's snapshot transaction.
 */
export async function snapshotDataset(client: pg.Client, dataset: Dataset, file: string, effects: Effects): Promise<DatasetOutcome> {
  const { log } = effects;
  const started = Date.now();
  const { live, undeclared } = await checkSchema(client, dataset, file);
  if (undeclared.length > 0) {
    log.info(`  ${dataset.id}: ${undeclared.length} column(s) of ${dataset.source.schema}.${dataset.source.table} are not in the metadata and are not read.`);
  }
  const columns = dataset.fields.map((f) => ({ name: f.name, type: f.type }));
  const published = publishedSelect(dataset);
  const stagingDir = await createStagingDir(effects.root, dataset.id);
  const snapshotAt = effects.now();
  const result = await snapshotTable({
    client,
    datasetId: dataset.id,
    query: `${published} ORDER BY ${publishedOrder(dataset)}`,
    columns,
    dir: stagingDir,
    log,
  });
  const profile = await profileColumns(client, published, columns);
  const manifestColumns = dataset.fields.map((f, i) => ({ name: f.name, type: f.type, sourceType: live[i]?.type ?? 'unknown' }));
  const csvSha = result.files.find((f) => f.name === 'data.csv')?.sha256;
  if (!csvSha) throw new DatasetError(dataset.id, 'internal: the CSV file was not written');
  const { version } = await publishVersion({
    root: effects.root,
    stagingDir,
    now: snapshotAt,
    manifest: {
      dataset: dataset.id,
      snapshotAt: snapshotAt.toISOString(),
      source: `${dataset.source.schema}.${dataset.source.table}`,
      rowCount: result.rowCount,
      contentHash: contentHash(manifestColumns, csvSha),
      columns: manifestColumns,
      files: result.files,
      profile,
      preview: result.preview,
    },
  });
  const seconds = (Date.now() - started) / 1000;
  const bytes = result.files.reduce((sum, f) => sum + f.bytes, 0);
  return version
    ? { id: dataset.id, status: 'new-version', version, rowCount: result.rowCount, bytes, seconds }
    : { id: dataset.id, status: 'unchanged', rowCount: result.rowCount, bytes, seconds };
}
