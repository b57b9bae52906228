import type pg from 'pg';
import type { Dataset } from '../../../src/schemas/dataset.ts';
import { smallCellsQuery } from '../lib/published-query.ts';
import { DatasetError } from '../errors.ts';

export interface SmallCellsResult {
  suppressedRows: number;
  suppressedGroups: number;
}

/**
 * Counts the rows whose combination of quasi-identifiers (as published) is shared by fewer than k
 * rows. With `action: suppress` the published query already leaves them out and the count is
 * reported; with `action: fail` any such row stops the dataset before a byte is written.
 */
export async function checkSmallCells(client: pg.Client, dataset: Dataset, file: string): Promise<SmallCellsResult | null> {
  const query = smallCellsQuery(dataset);
  const smallCells = dataset.privacy.smallCells;
  if (!query || !smallCells) return null;
  const { rows } = await client.query<{ rows: string; groups: string }>(query);
  const result = { suppressedRows: Number(rows[0]!.rows), suppressedGroups: Number(rows[0]!.groups) };
  if (smallCells.action === 'fail' && result.suppressedRows > 0) {
    const columns = smallCells.quasiIdentifiers.join(', ');
    throw new DatasetError(
      dataset.id,
      `${file} privacy.smallCells: ${result.suppressedRows} row(s) in ${result.suppressedGroups} combination(s) of (${columns}) ` +
        `are shared by fewer than ${smallCells.k} rows, so they could single a person out. Generalise those columns further ` +
        '(e.g. wider bins, month instead of day, fewer characters), or set action: suppress to leave such rows out and report how many.',
    );
  }
  return result;
}
