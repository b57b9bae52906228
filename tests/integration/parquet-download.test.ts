import { readFile } from 'node:fs/promises';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { buildData } from '../../scripts/build-data/build.ts';
import type { Field } from '../../src/schemas/field.ts';
import { listVersions } from '../../src/shared/snapshot-store.ts';
import { checkParquetAgainstCsv } from '../helpers/parquet-check.ts';
import { createTestDatabase, runStatements, type TestDatabase } from '../helpers/postgres.ts';
import { approvedTestDataset } from '../helpers/test-datasets.ts';
import { recordingLogger, TEST_PSEUDONYM_KEY, testEffects } from '../helpers/workspace.ts';

/**
 * data.parquet on a real PostgreSQL server, for every type the catalog publishes and the values
 * that break naive writers: integer extremes, numerics with declared and undeclared scales, floats
 * PostgreSQL prints in exponent form, NaN and infinities, dates and timestamps before year 1 and
 * after 9999, infinity, 24:00:00, intervals, text with every COPY escape, formula starts and
 * astral characters, pseudonyms, generalised values, NULL in every column; and enough generated
 * rows for several row groups and pages, a text column that outgrows its dictionary and one that
 * keeps it. DuckDB reads the file back and every value must equal data.csv's.
 */

const GENERATED = 140_000;

const field = (name: string, type: Field['type'], extra: Partial<Field> = {}): Field => ({ name, title: `The ${name}`, description: `The value ${name}, as recorded.`, type, ...extra });

const fields: Field[] = [
  field('id', 'integer'),
  field('small', 'integer'),
  field('big', 'integer'),
  field('exact', 'number'),
  field('money', 'number'),
  field('free', 'number'),
  field('rounded', 'number', { transform: { method: 'generalize', decimals: 2, reason: 'Rounded for the test of scales.' } }),
  field('single', 'number'),
  field('double', 'number'),
  field('flag', 'boolean'),
  field('day', 'date'),
  field('month', 'string', { transform: { method: 'generalize', to: 'month', reason: 'Only the month, for the test.' } }),
  field('at', 'datetime'),
  field('wall', 'datetime'),
  field('clock', 'time'),
  field('span', 'duration'),
  field('label', 'string'),
  field('category', 'string'),
  field('code', 'string'),
  field('secret', 'string', { transform: { method: 'hash', reason: 'Pseudonymised, for the test of hashed text.' } }),
];

const HOSTILE_ROWS = [
  `(1, 32767, 9223372036854775807, 12345678901234.5678, 0.10, 1.50, 3.14159, 0.1, 1e20, true, '0044-03-15 BC', '2024-03-15', '2024-01-01 00:00:00.000001+00', '0044-03-15 12:00:01.5 BC', '24:00:00', 'P1Y2M3DT4H5M6.5S', E'tab\\there, newline\\nand \\\\ backslash', 'a', 'X', 'alpha')`,
  `(2, -32768, -9223372036854775808, -0.0001, -9999999.99, -0.0000001, -1.005, 1.5e-7, 5e-324, false, '10000-01-01', '0001-01-01', '294246-12-31 23:59:59.999999+00', '1999-12-31 23:59:59', '00:00:00.000001', '-1 day', '=SUM(A1)', 'b', 'Y', 'beta')`,
  `(3, 0, 0, 0, 0, 'NaN', 0, 'NaN', 'NaN', null, 'infinity', 'infinity', 'infinity', '-infinity', '13:45:00.25', 'PT0S', '', 'a', 'Z', '')`,
  `(4, null, null, null, null, null, null, 'Infinity', '-Infinity', null, '-infinity', null, '-infinity', 'infinity', null, null, null, null, null, null)`,
  `(5, 1, 1, 99999999999999.9999, 1, 123456789012345678901234567890, 1e6, 3.4e38, -2.5e300, true, '2000-02-29', '2000-02-29', '2000-02-29 12:00:00-05:30', '2000-02-29 00:00:00', '12:00:00', 'P1000Y', '😀 astral, "quoted", +1 not a formula', 'a', 'W', 'gamma')`,
  `(6, 2, 2, 1, 2, '-0', -0.004, '-0', '-0', false, '1970-01-01', '1969-12-31', '1970-01-01 00:00:00+00', '1969-12-31 23:59:59.999999', '23:59:59.999999', 'PT1M', E'\\\\N is not null', 'c', 'V', 'delta')`,
];

let db: TestDatabase;
let root: string;
const log = recordingLogger();

beforeAll(async () => {
  db = await createTestDatabase();
  await runStatements(db.client, [
    'CREATE SCHEMA typed',
    `CREATE TABLE typed.values (
      id integer PRIMARY KEY, small smallint, big bigint, exact numeric(18,4), money numeric(9,2), free numeric, rounded numeric,
      single real, double double precision, flag boolean, day date, month date, at timestamptz, wall timestamp, clock time,
      span interval, label text, category text, code text, secret text)`,
    `INSERT INTO typed.values VALUES ${HOSTILE_ROWS.join(', ')}`,
    `INSERT INTO typed.values
       SELECT g, (g % 30000)::smallint, g::bigint * 1000003, g / 7.0, (g % 100000) / 100.0, g / 3.0, g / 9.0,
              (cos(g) * 10 ^ ((g % 24) - 12))::real, sin(g) * 10 ^ ((g % 64) - 32), g % 2 = 0, date '2020-01-01' + g % 3000, date '2020-01-01' + g % 900,
              timestamptz '2024-01-01 00:00:00+00' + g * interval '37 seconds', timestamp '2020-06-01' + g * interval '1 minute',
              time '00:00' + (g % 86400) * interval '1 second', (g % 500) * interval '1 hour',
              'row ' || g || ' of the generated part', (ARRAY['north','south','east','west'])[1 + g % 4],
              'C-' || g, 'person ' || (g % 97)
         FROM generate_series(100, ${GENERATED + 99}) AS g`,
  ]);
  root = await mkdtemp(path.join(tmpdir(), 'catalog-parquet-'));
  await mkdir(path.join(root, 'src/content/datasets'), { recursive: true });
  const dataset = approvedTestDataset({
    id: 'typed-values',
    title: 'Typed values',
    summary: 'Every published type with its hardest values, for the Parquet download tests.',
    description: 'Each row holds one value of every type the catalog publishes.',
    rowMeaning: 'one set of test values',
    keywords: ['test'],
    theme: 'government',
    source: { schema: 'typed', table: 'values' },
    fields,
    primaryKey: ['id'],
    collectionMethod: 'Generated by the test.',
  });
  await writeFile(path.join(root, 'src/content/datasets/typed-values.yaml'), stringify(dataset));
}, 120_000);

afterAll(async () => {
  await db?.drop();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('the Parquet download', () => {
  it('holds every value of data.csv, read back by DuckDB, with the documented types', async () => {
    const outcomes = await buildData([], testEffects(root, log), { DATABASE_URL: db.url, CATALOG_PSEUDONYM_KEY: TEST_PSEUDONYM_KEY });
    expect(outcomes.map((o) => [o.id, o.status, o.message])).toEqual([['typed-values', 'new-version', undefined]]);
    const [manifest] = await listVersions(root, 'typed-values');
    expect(manifest!.files.map((f) => f.name)).toContain('data.parquet');
    expect(manifest!.notWritten ?? []).toEqual([expect.objectContaining({ format: 'XLSX' }), expect.objectContaining({ format: 'XML' })]);
    const dir = path.join(root, 'data-snapshots', 'typed-values', manifest!.version);
    const check = await checkParquetAgainstCsv(path.join(dir, 'data.parquet'), path.join(dir, 'data.csv'), fields);
    expect(check.mismatches).toEqual([]);
    expect(check.rows).toBe(GENERATED + HOSTILE_ROWS.length);
    expect(check.types).toEqual({
      id: 'INTEGER',
      small: 'INTEGER',
      big: 'BIGINT',
      exact: 'DECIMAL(18,4)',
      money: 'DECIMAL(9,2)',
      free: 'DOUBLE',
      rounded: 'DECIMAL(38,2)',
      single: 'FLOAT',
      double: 'DOUBLE',
      flag: 'BOOLEAN',
      day: 'DATE',
      month: 'VARCHAR',
      at: 'TIMESTAMP WITH TIME ZONE',
      wall: 'TIMESTAMP',
      clock: 'TIME',
      span: 'VARCHAR',
      label: 'VARCHAR',
      category: 'VARCHAR',
      code: 'VARCHAR',
      secret: 'VARCHAR',
    });
  }, 300_000);

  it('gives the Parquet file up, and keeps the other formats, for a value a DECIMAL cannot hold', async () => {
    await runStatements(db.client, [`ALTER TABLE typed.values ALTER COLUMN money TYPE numeric(12,2)`, `UPDATE typed.values SET money = 'NaN' WHERE id = 3`]);
    // --full: the server's statistics (the no-change fingerprint) may not show the update yet.
    const outcomes = await buildData(['--full'], testEffects(root, log, new Date('2026-11-26T12:00:00Z')), { DATABASE_URL: db.url, CATALOG_PSEUDONYM_KEY: TEST_PSEUDONYM_KEY });
    expect(outcomes.map((o) => o.status)).toEqual(['new-version']);
    const manifest = (await listVersions(root, 'typed-values')).at(-1)!;
    expect(manifest.files.map((f) => f.name)).not.toContain('data.parquet');
    expect(manifest.notWritten).toContainEqual({ format: 'Parquet', reason: 'Not written for this version: the column "money" holds NaN or infinity, which a Parquet DECIMAL cannot hold.' });
    const dir = path.join(root, 'data-snapshots', 'typed-values', manifest.version);
    await expect(readFile(path.join(dir, 'data.parquet'))).rejects.toMatchObject({ code: 'ENOENT' });
  }, 300_000);
});
