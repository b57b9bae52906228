import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { buildData } from '../../scripts/build-data/build.ts';
import { listVersions } from '../../src/shared/snapshot-store.ts';
import type { DatasetInput } from '../../src/schemas/dataset.ts';
import type { Field, FieldType } from '../../src/schemas/field.ts';

import { createTestDatabase, runStatements, type TestDatabase } from '../helpers/postgres.ts';
import { recordingLogger, TEST_PSEUDONYM_KEY, testEffects } from '../helpers/workspace.ts';
import { approvedTestDataset } from '../helpers/test-datasets.ts';

/**
 * What changed between versions, on a real PostgreSQL server: rows inserted, deleted and updated,
 * a column added, one dropped from the dictionary and one retyped, counted by primary key from
 * the two versions' files; a text key in byte order; a table without a key.
 */

const ROWS = 20_000;

function dataset(id: string, table: string, fields: Field[], primaryKey: string[]): DatasetInput {
  return approvedTestDataset({
    id,
    title: `Benches (${id})`,
    summary: 'Park benches the city maintains, with their material and seats.',
    description: 'Each row is one bench in a city park. Used by the version-diff tests.',
    rowMeaning: 'one bench',
    keywords: ['benches'],
    theme: 'environment',
    source: { schema: 'parks', table },
    fields,
    primaryKey,
    collectionMethod: 'Counted by park staff.',
  });
}

const field = (name: string, type: FieldType): Field => ({ name, title: `The ${name}`, description: `The bench's ${name}, as recorded.`, type });

let db: TestDatabase;
let root: string;
const log = recordingLogger();

async function writeMetadata(datasets: DatasetInput[]): Promise<void> {
  for (const d of datasets) await writeFile(path.join(root, 'src/content/datasets', `${d.id}.yaml`), stringify(d));
}

async function publish(day: number) {
  return buildData([], testEffects(root, log, new Date(Date.UTC(2026, 10, day, 12))), { DATABASE_URL: db.url, CATALOG_PSEUDONYM_KEY: TEST_PSEUDONYM_KEY });
}

const latest = async (id: string) => (await listVersions(root, id)).at(-1)!;

beforeAll(async () => {
  db = await createTestDatabase();
  // A language collation on the key (ICU's English where the server has it) sorts differently from byte order.
  const icu = await db.client.query(`SELECT 1 FROM pg_collation WHERE collname = 'en-x-icu'`);
  const collate = icu.rowCount ? 'COLLATE "en-x-icu"' : '';
  await runStatements(db.client, [
    'CREATE SCHEMA parks',
    'CREATE TABLE parks.benches (id integer PRIMARY KEY, ward text NOT NULL, material text, seats integer, installed date)',
    `INSERT INTO parks.benches SELECT i, 'Ward ' || (i % 7), CASE WHEN i % 3 = 0 THEN 'wood' ELSE 'steel' END, 2 + i % 3, date '2020-01-01' + i % 1000 FROM generate_series(1, ${ROWS}) AS i`,
    // Codes whose order differs between byte order and a language collation (case, accents, a formula sign).
    `CREATE TABLE parks.bench_codes (code text ${collate} PRIMARY KEY, seats integer)`,
    `INSERT INTO parks.bench_codes VALUES ('a', 1), ('B', 2), ('Z', 3), ('é', 4), ('=x', 5), ('-1 east', 6), ('bench 10', 7), ('bench 9', 8)`,
    'CREATE TABLE parks.bench_counts (ward text, benches integer)',
    `INSERT INTO parks.bench_counts SELECT 'Ward ' || i, i * 10 FROM generate_series(1, 7) AS i`,
  ]);
  root = await mkdtemp(path.join(tmpdir(), 'catalog-diff-'));
  await mkdir(path.join(root, 'src/content/datasets'), { recursive: true });
  await writeMetadata([
    dataset('benches', 'benches', [field('id', 'integer'), field('ward', 'string'), field('material', 'string'), field('seats', 'integer'), field('installed', 'date')], ['id']),
    dataset('bench-codes', 'bench_codes', [field('code', 'string'), field('seats', 'integer')], ['code']),
    dataset('bench-counts', 'bench_counts', [field('ward', 'string'), field('benches', 'integer')], []),
  ]);
});

afterAll(async () => {
  await db?.drop();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('what changed between versions, on PostgreSQL', () => {
  it('records nothing to compare in a first version', async () => {
    const outcomes = await publish(1);
    expect(outcomes.map((o) => o.status)).toEqual(['new-version', 'new-version', 'new-version']);
    for (const id of ['benches', 'bench-codes', 'bench-counts']) expect((await latest(id)).changes, id).toBeUndefined();
  });

  it('counts rows added, removed and changed by key, and columns added, removed and retyped', async () => {
    await runStatements(db.client, [
      `INSERT INTO parks.benches SELECT i, 'Ward new', 'stone', 4, date '2026-11-01' FROM generate_series(${ROWS + 1}, ${ROWS + 25}) AS i`,
      'DELETE FROM parks.benches WHERE id <= 10',
      `UPDATE parks.benches SET material = 'recycled plastic' WHERE id IN (100, 200, 300, 400, 500, 600, 700)`,
      'ALTER TABLE parks.benches ADD COLUMN colour text',
      `UPDATE parks.benches SET colour = 'green' WHERE id > ${ROWS}`,
      // A retype whose values print the same: it must not count as a change of every row.
      'ALTER TABLE parks.benches ALTER COLUMN seats TYPE numeric',
      `UPDATE parks.bench_codes SET seats = 50 WHERE code = '=x'`,
      `INSERT INTO parks.bench_codes VALUES ('bench 11', 9), ('Ä', 10)`,
      `DELETE FROM parks.bench_codes WHERE code = 'B'`,
      `INSERT INTO parks.bench_counts VALUES ('Ward 8', 5), ('Ward 9', 6)`,
    ]);
    await writeMetadata([dataset('benches', 'benches', [field('id', 'integer'), field('ward', 'string'), field('material', 'string'), field('seats', 'number'), field('colour', 'string')], ['id'])]);
    const outcomes = await publish(2);
    expect(outcomes.every((o) => o.status === 'new-version')).toBe(true);

    const benches = await latest('benches');
    expect(benches.changes).toEqual({
      previousVersion: '2026-11-01',
      rowsBefore: ROWS,
      rowsAfter: ROWS + 15,
      rows: { method: 'key', key: ['id'], added: 25, removed: 10, changed: 7 },
      columns: { added: ['colour'], removed: ['installed'], retyped: [{ name: 'seats', from: 'integer', to: 'number' }] },
    });
    expect(log.lines.join('\n')).toMatch(/benches\s+new version 2026-11-02 .*; \+25 −10 ~7 rows; 1 column\(s\) added; 1 removed; 1 retyped/);

    expect((await latest('bench-codes')).changes?.rows).toEqual({ method: 'key', key: ['code'], added: 2, removed: 1, changed: 1 });

    const counts = (await latest('bench-counts')).changes!;
    expect(counts.rows).toEqual({ method: 'count', reason: 'This dataset has no primary key, so rows cannot be matched across versions: only the row counts are compared.' });
    expect([counts.rowsBefore, counts.rowsAfter]).toEqual([7, 9]);
  });

  it('makes no new version when nothing changed', async () => {
    const outcomes = await publish(3);
    expect(outcomes.every((o) => o.status === 'unchanged')).toBe(true);
    expect((await listVersions(root, 'benches')).map((v) => v.version)).toEqual(['2026-11-01', '2026-11-02']);
  });

  it('leaves XLSX out of a version with a value too long for a spreadsheet cell, and says why', async () => {
    await runStatements(db.client, ['ALTER TABLE parks.bench_codes ADD COLUMN note text', `UPDATE parks.bench_codes SET note = repeat('x', 40000) WHERE code = 'a'`]);
    await writeMetadata([dataset('bench-codes', 'bench_codes', [field('code', 'string'), field('seats', 'integer'), field('note', 'string')], ['code'])]);
    expect(await publish(4)).toContainEqual(expect.objectContaining({ id: 'bench-codes', status: 'new-version' }));
    const codes = await latest('bench-codes');
    expect(codes.files.map((f) => f.name)).toEqual(['data.csv', 'data-excel.csv', 'data.json', 'data.parquet', 'data.xml']);
    expect(codes.notWritten).toEqual([{ format: 'XLSX', reason: 'Not written for this version: a value has more than 32,767 characters, the most a spreadsheet cell holds.' }]);
    expect(await readdir(path.join(root, 'data-snapshots/bench-codes', codes.version))).not.toContain('data.xlsx');
    expect(codes.changes?.columns.added).toEqual(['note']);
  });
});
