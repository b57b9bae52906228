import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifestSchema } from '../../src/schemas/manifest.ts';
import { readAllMetadata } from '../../src/shared/metadata.ts';
import { checkParquetAgainstCsv } from '../helpers/parquet-check.ts';
import { PROJECT_ROOT } from '../helpers/workspace.ts';

/**
 * Every demo dataset's Parquet download in the built site, read back by DuckDB (an independent
 * reader: C++, its own decoders) and compared value by value with the same version's data.csv.
 */

const dist = path.join(PROJECT_ROOT, 'dist', 'datasets');

describe('the Parquet downloads of the demo catalog', () => {
  it('hold every value of data.csv, for every approved dataset, read by DuckDB', async () => {
    const approved = (await readAllMetadata(PROJECT_ROOT)).filter((m) => m.dataset.status === 'approved').map((m) => m.dataset.id);
    const served = (await readdir(dist, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(served).toEqual(expect.arrayContaining(approved));
    const report: string[] = [];
    for (const id of approved) {
      const dir = path.join(dist, id, 'latest');
      const manifest = manifestSchema.parse(JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')));
      const parquet = manifest.files.find((f) => f.name === 'data.parquet');
      expect(parquet, `${id}: the latest version lists data.parquet`).toBeDefined();
      const check = await checkParquetAgainstCsv(path.join(dir, 'data.parquet'), path.join(dir, 'data.csv'), manifest.columns);
      expect(check.mismatches, id).toEqual([]);
      expect(check.rows, id).toBe(manifest.rowCount);
      const csv = manifest.files.find((f) => f.name === 'data.csv')!;
      report.push(
        `  ${id}: ${manifest.rowCount.toLocaleString('en')} rows, Parquet ${(parquet!.bytes / 1e6).toFixed(2)} MB = ${((parquet!.bytes / csv.bytes) * 100).toFixed(1)} % of the CSV; ${Object.values(check.types).join(', ')}`,
      );
    }
    console.log(`Parquet files read back with DuckDB and compared with data.csv:\n${report.join('\n')}`);
  }, 300_000);
});
