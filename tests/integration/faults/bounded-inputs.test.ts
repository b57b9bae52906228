import { readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listVersions } from '../../../src/shared/snapshot-store.ts';
import { BUILD_DATA, faultDataset, faultTableSql, faultWorkspace, runCli, snapshotEnv, snapshotProblems } from '../../helpers/faults.ts';
import { createTestDatabase, dropDatabase, runStatements, type TestDatabase } from '../../helpers/postgres.ts';

/**
 * Unbounded inputs: a 5 MB description is refused with the limit (exit 2); a 1 MB cell value is
 * published whole in the downloads but cut, with a visible "…", in the manifest's preview and
 * extremes (which pages copy); text that is not UTF-8 (a SQL_ASCII database) fails naming the
 * column and the conversion, and that conversion, put in a view, publishes it.
 */

const MEGABYTE_VALUE = `${'Long text '.repeat(104_857)}end`;

describe('bounded inputs', () => {
  let db: TestDatabase;
  const roots: string[] = [];
  const workspace = async (...args: Parameters<typeof faultWorkspace>) => {
    const root = await faultWorkspace(...args);
    roots.push(root);
    return root;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    await runStatements(db.client, [...faultTableSql('wide', 5), `UPDATE faults.wide SET label = '${MEGABYTE_VALUE}' WHERE id = 2`]);
  });

  afterAll(async () => {
    for (const root of roots) await rm(root, { recursive: true, force: true });
    await db?.drop();
  });

  it('refuses a 5 MB description with exit 2, the file, the limit and the length', async () => {
    const root = await workspace([faultDataset('wide-readings', 'wide', { description: `Readings. ${'A very long description. '.repeat(220_000)}` })]);
    const run = await runCli(BUILD_DATA, [], { cwd: root, env: snapshotEnv(db.url) });
    expect(run.code, run.output.slice(0, 2000)).toBe(2);
    expect(run.stderr).toMatch(/src\/content\/datasets\/wide-readings\.yaml:\d+ {2}description: keep the description to 20,000 characters or fewer \(it has 5,\d{3},\d{3}\)/);
    expect(run.output.length).toBeLessThan(5_000);
  });

  it('publishes a 1 MB value whole in the files, and cut with "…" in the manifest preview and extremes', async () => {
    const root = await workspace([faultDataset('wide-readings', 'wide')]);
    const run = await runCli(BUILD_DATA, [], { cwd: root, env: snapshotEnv(db.url) });
    expect(run.code, run.output).toBe(0);
    const [manifest] = await listVersions(root, 'wide-readings');
    const folder = path.join(root, 'data-snapshots/wide-readings', manifest!.version);
    expect((await readFile(path.join(folder, 'data.csv'), 'utf8')).includes(MEGABYTE_VALUE)).toBe(true);
    const previewCell = manifest!.preview[1]![1]!;
    expect(previewCell).toBe(`${MEGABYTE_VALUE.slice(0, 200)}…`);
    const label = manifest!.profile.find((p) => p.name === 'label')!;
    for (const extreme of [label.min, label.max, ...label.top.map((t) => t.value)]) expect(extreme!.length).toBeLessThanOrEqual(201);
    expect((await stat(path.join(folder, 'manifest.json'))).size).toBeLessThan(30_000);
    // A value longer than a spreadsheet cell holds: no workbook, and the manifest says why.
    expect(manifest!.notWritten?.map((n) => n.format)).toEqual(['XLSX']);
    expect(await snapshotProblems(root)).toEqual([]);
  });

  it('names the column that is not UTF-8 and the conversion, which publishes it when used in a view', async () => {
    const name = `catalog_ascii_${process.pid}`;
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0`);
    const url = new URL(db.url);
    url.pathname = `/${name}`;
    const ascii = new pg.Client({ connectionString: url.href, client_encoding: 'SQL_ASCII' });
    try {
      await ascii.connect();
      await runStatements(ascii, faultTableSql('places', 3));
      // Latin-1 "Caoø" (ø is 0xF8), stored as the bytes were written.
      await ascii.query(`UPDATE faults.places SET label = convert_from('\\x43616ff8'::bytea, 'SQL_ASCII') WHERE id = 2`);
      await ascii.query(
        `CREATE VIEW faults.places_utf8 AS SELECT id, convert_from(convert(convert_to(label, 'SQL_ASCII'), 'LATIN1', 'UTF8'), 'SQL_ASCII') AS label, amount, recorded_at FROM faults.places`,
      );
      const root = await workspace([
        faultDataset('places-raw', 'places'),
        faultDataset('places-converted', 'places_utf8', { source: { schema: 'faults', table: 'places_utf8', reads: ['faults.places'] } }),
      ]);
      const run = await runCli(BUILD_DATA, [], { cwd: root, env: snapshotEnv(url.href) });
      expect(run.code, run.output).toBe(4);
      expect(run.stderr).toContain(
        "- places-raw: column label holds text that is not valid UTF-8: the database keeps it in another encoding (a database created with SQL_ASCII encoding stores bytes as they were written). Publish the dataset from a view that converts the column to UTF-8, for Latin-1 text: convert_from(convert(convert_to(\"label\", 'SQL_ASCII'), 'LATIN1', 'UTF8'), 'SQL_ASCII') AS \"label\"",
      );
      expect(run.stderr).toContain('places-converted → new version');
      const [converted] = await listVersions(root, 'places-converted');
      const csv = await readFile(path.join(root, 'data-snapshots/places-converted', converted!.version, 'data.csv'), 'utf8');
      expect(csv).toContain('2,Caoø,');
      expect(await listVersions(root, 'places-raw')).toEqual([]);
      expect(await snapshotProblems(root)).toEqual([]);
    } finally {
      await ascii.end().catch(() => {});
      await dropDatabase(admin, name);
      await admin.end();
    }
  });
});
