import { access } from 'node:fs/promises';
import path from 'node:path';
import type { Dataset } from '../../../src/schemas/dataset.ts';
import type { Manifest } from '../../../src/schemas/manifest.ts';
import type { VersionChanges } from '../../../src/schemas/version-changes.ts';
import { columnChanges } from '../../../src/shared/column-changes.ts';
import { NotComparable } from '../errors.ts';
import { diffCsvByKey } from '../lib/csv-diff.ts';
import { isMissing, snapshotsRoot } from '../../../src/shared/snapshot-store.ts';

/**
 * What changed against the previous version, for the version history: columns added, removed or
 * retyped (from the two manifests) and rows added, removed or changed by primary key (a streaming
 * merge of the two CSV files, see csv-diff.ts). Runs only when the content hash differs. When rows
 * cannot be matched by key, only the row counts are compared and the reason is recorded.
 */
export async function diffVersions(options: {
  root: string;
  dataset: Dataset;
  previous: Manifest;
  /** The new version's columns and row count, and the directory holding its data.csv. */
  columns: Manifest['columns'];
  rowCount: number;
  dir: string;
}): Promise<VersionChanges> {
  const { root, dataset, previous, columns, rowCount, dir } = options;
  const after = new Map(columns.map((c) => [c.name, c.type]));
  return {
    previousVersion: previous.version,
    rowsBefore: previous.rowCount,
    rowsAfter: rowCount,
    rows: await diffRows(),
    columns: columnChanges(previous.columns, columns),
  };

  async function diffRows(): Promise<VersionChanges['rows']> {
    const key = dataset.primaryKey;
    if (key.length === 0) return { method: 'count', reason: 'This dataset has no primary key, so rows cannot be matched across versions: only the row counts are compared.' };
    if (dataset.fields.some((f) => key.includes(f.name) && f.transform?.method === 'hash')) {
      return { method: 'count', reason: 'Its primary key is pseudonymised, so rows cannot be matched across versions: only the row counts are compared.' };
    }
    const previousCsv = path.join(snapshotsRoot(root), dataset.id, previous.version, 'data.csv');
    try {
      await access(previousCsv);
    } catch (error) {
      if (!isMissing(error)) throw error;
      return { method: 'count', reason: `The CSV file of version ${previous.version} was not available when this version was made: only the row counts are compared.` };
    }
    const keyColumns = key.map((name) => ({ name, type: after.get(name) ?? 'string' }));
    try {
      const diff = await diffCsvByKey(previousCsv, path.join(dir, 'data.csv'), keyColumns);
      return { method: 'key', key: [...key], ...diff };
    } catch (error) {
      if (error instanceof NotComparable) return { method: 'count', reason: `${error.message} Only the row counts are compared.` };
      throw error;
    }
  }
}
