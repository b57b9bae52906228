import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { buildData } from '../../scripts/build-data/build.ts';
import { silentLogger } from '../../scripts/lib/effects.ts';
import { listVersions } from '../../src/shared/snapshot-store.ts';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../scripts/demo-db/embedded.ts';
import type { DatasetInput } from '../../src/schemas/dataset.ts';
import type { FieldType } from '../../src/schemas/field.ts';
import type { Manifest } from '../../src/schemas/manifest.ts';
import { createTestDatabase, runStatements, type TestDatabase } from '../helpers/postgres.ts';
import { approvedTestDataset } from '../helpers/test-datasets.ts';
import { recordingLogger, testEffects } from '../helpers/workspace.ts';
import { columnTypesSql } from './column-types.fixture.ts';

/**
 * Every common PostgreSQL type either publishes, with its encoding in CSV, JSON, XLSX and XML
 * pinned here, or is refused with why and what to do, on a real server and on the embedded
 * database alike. The table has one column per type and two rows: ordinary values, then edge
 * values (empty, NaN, infinities, extremes of range).
 */

interface Expected {
  /** The field type it is published as. */
  type: FieldType;
  /** Per row: the CSV field as written (quotes included), the JSON value as written, the XLSX cell as exceljs reads it back, the XML value (null for null="true"). */
  csv: [string, string];
  json: [string, string];
  xlsx: [unknown, unknown];
  xml: [string | null, string | null];
  /** The profile's smallest and largest value, or null when the type has no order worth showing. */
  extremes: [string, string] | null;
  /** Detectors whose hits a person accepted for this column (the scan reads every text value). */
  scanReviewed?: string[];
}

const expected: Record<string, Expected> = {
  id: { type: 'integer', csv: ['1', '2'], json: ['1', '2'], xlsx: [1, 2], xml: ['1', '2'], extremes: ['1', '2'] },
  c_text: {
    type: 'string',
    csv: ['"plain, ""quoted"""', '""'],
    json: ['"plain, \\"quoted\\""', '""'],
    xlsx: ['plain, "quoted"', null],
    xml: ['plain, "quoted"', ''],
    extremes: ['', 'plain, "quoted"'],
  },
  c_varchar: { type: 'string', csv: ['short', ''], json: ['"short"', 'null'], xlsx: ['short', null], xml: ['short', null], extremes: ['short', 'short'] },
  c_bpchar: { type: 'string', csv: ['ab   ', ''], json: ['"ab   "', 'null'], xlsx: ['ab   ', null], xml: ['ab   ', null], extremes: ['ab', 'ab'] },
  c_uuid: {
    type: 'string',
    csv: ['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', ''],
    json: ['"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"', 'null'],
    xlsx: ['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', null],
    xml: ['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', null],
    extremes: null,
  },
  c_inet: {
    type: 'string',
    csv: ['192.0.2.1', '2001:db8::1'],
    json: ['"192.0.2.1"', '"2001:db8::1"'],
    xlsx: ['192.0.2.1', '2001:db8::1'],
    xml: ['192.0.2.1', '2001:db8::1'],
    extremes: null,
    scanReviewed: ['ip-address'],
  },
  c_cidr: { type: 'string', csv: ['192.0.2.0/24', ''], json: ['"192.0.2.0/24"', 'null'], xlsx: ['192.0.2.0/24', null], xml: ['192.0.2.0/24', null], extremes: null, scanReviewed: ['ip-address'] },
  c_macaddr: { type: 'string', csv: ['08:00:2b:01:02:03', ''], json: ['"08:00:2b:01:02:03"', 'null'], xlsx: ['08:00:2b:01:02:03', null], xml: ['08:00:2b:01:02:03', null], extremes: null },
  c_macaddr8: {
    type: 'string',
    csv: ['08:00:2b:01:02:03:04:05', ''],
    json: ['"08:00:2b:01:02:03:04:05"', 'null'],
    xlsx: ['08:00:2b:01:02:03:04:05', null],
    xml: ['08:00:2b:01:02:03:04:05', null],
    extremes: null,
    scanReviewed: ['ip-address'],
  },
  c_bit: { type: 'string', csv: ['1010', ''], json: ['"1010"', 'null'], xlsx: ['1010', null], xml: ['1010', null], extremes: null },
  c_varbit: { type: 'string', csv: ['101', '""'], json: ['"101"', '""'], xlsx: ['101', null], xml: ['101', ''], extremes: null },
  c_money: { type: 'string', csv: ['"$1,234.50"', '"\'-$0.50"'], json: ['"$1,234.50"', '"-$0.50"'], xlsx: ['$1,234.50', '-$0.50'], xml: ['$1,234.50', '-$0.50'], extremes: ['-$0.50', '$1,234.50'] },
  c_enum: { type: 'string', csv: ['happy', 'sad'], json: ['"happy"', '"sad"'], xlsx: ['happy', 'sad'], xml: ['happy', 'sad'], extremes: ['sad', 'happy'] },
  c_domain: { type: 'integer', csv: ['7', '1'], json: ['7', '1'], xlsx: [7, 1], xml: ['7', '1'], extremes: ['1', '7'] },
  c_nested_domain: { type: 'integer', csv: ['42', '1'], json: ['42', '1'], xlsx: [42, 1], xml: ['42', '1'], extremes: ['1', '42'] },
  c_int2: { type: 'integer', csv: ['-32768', '32767'], json: ['-32768', '32767'], xlsx: [-32768, 32767], xml: ['-32768', '32767'], extremes: ['-32768', '32767'] },
  c_int8: {
    type: 'integer',
    csv: ['9007199254740993', '-9223372036854775808'],
    json: ['9007199254740993', '-9223372036854775808'],
    xlsx: ['9007199254740993', '-9223372036854775808'],
    xml: ['9007199254740993', '-9223372036854775808'],
    extremes: ['-9223372036854775808', '9007199254740993'],
  },
  c_numeric: {
    type: 'number',
    csv: ['12345678901234567890.123456789', 'NaN'],
    json: ['12345678901234567890.123456789', '"NaN"'],
    xlsx: ['12345678901234567890.123456789', 'NaN'],
    xml: ['12345678901234567890.123456789', 'NaN'],
    extremes: ['12345678901234567890.123456789', 'NaN'],
  },
  c_float4: { type: 'number', csv: ['1.5', '-Infinity'], json: ['1.5', '"-Infinity"'], xlsx: [1.5, '-Infinity'], xml: ['1.5', '-Infinity'], extremes: ['-Infinity', '1.5'] },
  c_float8: { type: 'number', csv: ['0.1', 'Infinity'], json: ['0.1', '"Infinity"'], xlsx: [0.1, 'Infinity'], xml: ['0.1', 'Infinity'], extremes: ['0.1', 'Infinity'] },
  c_bool: { type: 'boolean', csv: ['true', 'false'], json: ['true', 'false'], xlsx: [true, false], xml: ['true', 'false'], extremes: null },
  c_date: {
    type: 'date',
    csv: ['2024-02-29', 'infinity'],
    json: ['"2024-02-29"', '"infinity"'],
    xlsx: [new Date('2024-02-29T00:00:00.000Z'), 'infinity'],
    xml: ['2024-02-29', 'infinity'],
    extremes: ['2024-02-29', 'infinity'],
  },
  c_timestamp: {
    type: 'datetime',
    csv: ['2024-02-29 13:45:06.123', '1899-12-31 23:59:59'],
    json: ['"2024-02-29 13:45:06.123"', '"1899-12-31 23:59:59"'],
    xlsx: [new Date('2024-02-29T13:45:06.123Z'), '1899-12-31 23:59:59'],
    xml: ['2024-02-29 13:45:06.123', '1899-12-31 23:59:59'],
    extremes: ['1899-12-31 23:59:59', '2024-02-29 13:45:06.123'],
  },
  c_timestamptz: {
    type: 'datetime',
    csv: ['2024-02-29 11:45:06+00', '"\'-infinity"'],
    json: ['"2024-02-29 11:45:06+00"', '"-infinity"'],
    xlsx: [new Date('2024-02-29T11:45:06.000Z'), '-infinity'],
    xml: ['2024-02-29 11:45:06+00', '-infinity'],
    extremes: ['-infinity', '2024-02-29 11:45:06+00'],
  },
  c_time: { type: 'time', csv: ['13:45:06', '24:00:00'], json: ['"13:45:06"', '"24:00:00"'], xlsx: ['13:45:06', '24:00:00'], xml: ['13:45:06', '24:00:00'], extremes: ['13:45:06', '24:00:00'] },
  c_timetz: {
    type: 'time',
    csv: ['13:45:06+02', '00:00:00-14'],
    json: ['"13:45:06+02"', '"00:00:00-14"'],
    xlsx: ['13:45:06+02', '00:00:00-14'],
    xml: ['13:45:06+02', '00:00:00-14'],
    extremes: ['13:45:06+02', '00:00:00-14'],
  },
  c_interval: {
    type: 'duration',
    csv: ['P1Y2M3DT4H5M6.5S', 'P-1DT-1S'],
    json: ['"P1Y2M3DT4H5M6.5S"', '"P-1DT-1S"'],
    xlsx: ['P1Y2M3DT4H5M6.5S', 'P-1DT-1S'],
    xml: ['P1Y2M3DT4H5M6.5S', 'P-1DT-1S'],
    extremes: ['P-1DT-1S', 'P1Y2M3DT4H5M6.5S'],
  },
  c_generated: { type: 'integer', csv: ['-65536', '65534'], json: ['-65536', '65534'], xlsx: [-65536, 65534], xml: ['-65536', '65534'], extremes: ['-65536', '65534'] },
};

const columns = Object.keys(expected);

function typesDataset(id: string, table: string, fields: DatasetInput['fields'], extra: Partial<DatasetInput> = {}): DatasetInput {
  return approvedTestDataset({
    id,
    title: `Column types (${id})`,
    summary: 'One column of each common PostgreSQL type, for the column-type tests.',
    description: 'One column of each common PostgreSQL type, with ordinary and edge values, written by the column-type tests.',
    rowMeaning: 'one test row',
    keywords: ['types'],
    theme: 'government',
    source: { schema: 'types', table },
    fields,
    collectionMethod: 'Written by the column-type tests, not collected from anyone.',
    ...extra,
  });
}

const field = (name: string, type: FieldType, scanReviewed?: string[]) => ({
  name,
  title: name,
  description: `The ${name} column of the column-type table.`,
  type,
  ...(scanReviewed ? { scanReviewed: { detectors: scanReviewed as never, justification: 'Documentation addresses written by the column-type tests.' } } : {}),
});

const refusedColumns = [
  'c_json',
  'c_jsonb',
  'c_bytea',
  'c_int_array',
  'c_text_array',
  'c_point',
  'c_polygon',
  'c_circle',
  'c_box',
  'c_line',
  'c_lseg',
  'c_path',
  'c_int4range',
  'c_tstzrange',
  'c_daterange',
  'c_multirange',
  'c_tsvector',
  'c_tsquery',
  'c_composite',
  'c_oid',
  'c_regclass',
  'c_pg_lsn',
];

const datasets: DatasetInput[] = [
  typesDataset(
    'every-type',
    'publishable',
    columns.map((name) => field(name, expected[name]!.type, expected[name]!.scanReviewed)),
    { primaryKey: ['id'] },
  ),
  typesDataset('every-refused', 'refused', [field('id', 'integer'), ...refusedColumns.map((name) => field(name, 'string'))], { primaryKey: ['id'] }),
  typesDataset('types-view', 'publishable_view', [field('id', 'integer'), field('c_uuid', 'string'), field('c_enum', 'string'), field('c_interval', 'duration')], {
    source: { schema: 'types', table: 'publishable_view', reads: ['types.publishable'] },
    primaryKey: ['id'],
  }),
  typesDataset('types-partitioned', 'by_year', [field('id', 'integer'), field('year', 'integer'), field('c_uuid', 'string')], { primaryKey: ['id'] }),
];

/** Every workspace this file made, deleted at the end. */
const roots: string[] = [];

async function workspace(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'catalog-types-'));
  roots.push(root);
  await mkdir(path.join(root, 'src/content/datasets'), { recursive: true });
  for (const dataset of datasets) await writeFile(path.join(root, 'src/content/datasets', `${dataset.id}.yaml`), stringify(dataset));
  return root;
}

interface Published {
  failure: string;
  manifest: (id: string) => Promise<Manifest>;
  file: (id: string, name: string) => Promise<Buffer>;
}

async function publish(url: string): Promise<Published> {
  const root = await workspace();
  const failure = await buildData(['--jobs', '1'], testEffects(root, recordingLogger()), { DATABASE_URL: url }).then(
    () => '',
    (error: Error) => error.message,
  );
  const manifest = async (id: string) => (await listVersions(root, id)).at(-1)!;
  const file = async (id: string, name: string) => readFile(path.join(root, 'data-snapshots', id, (await manifest(id)).version, name));
  return { failure, manifest, file };
}

let server: TestDatabase;
let embedded: EmbeddedDatabase;
const results: Record<'PostgreSQL' | 'embedded', Published> = {} as never;

beforeAll(async () => {
  server = await createTestDatabase();
  await runStatements(server.client, columnTypesSql());
  embedded = await startEmbeddedDatabase({ log: silentLogger, sql: columnTypesSql() });
  results.PostgreSQL = await publish(server.url);
  results.embedded = await publish(embedded.connectionString);
});

afterAll(async () => {
  await server?.drop();
  await embedded?.stop();
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

/** Raw JSON values of one row object, as written (a number keeps every digit). */
function rawJsonValues(line: string): Map<string, string> {
  const values = new Map<string, string>();
  const pattern = /"((?:[^"\\]|\\.)*)":("(?:[^"\\]|\\.)*"|[^,}]*)/g;
  for (const [, key, value] of line.matchAll(pattern)) values.set(JSON.parse(`"${key}"`) as string, value!);
  return values;
}

function xmlValues(row: string): Map<string, string | null> {
  const values = new Map<string, string | null>();
  for (const [, name, nullValue, text] of row.matchAll(/<value name="([^"]+)"(?:( null="true"\/>)|>(.*?)<\/value>)/g)) {
    values.set(name!, nullValue ? null : text!.replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&'));
  }
  return values;
}

describe.each(['PostgreSQL', 'embedded'] as const)('every common column type on %s', (database) => {
  const result = () => results[database];

  it('publishes the table with one column of each publishable type, and the view and partitioned table over it', async () => {
    expect(result().failure).toMatch(/^1 dataset\(s\) were not published[^\n]*\n- every-refused: /);
    const manifest = await result().manifest('every-type');
    expect(manifest.columns.map((c) => [c.name, c.type])).toEqual(columns.map((name) => [name, expected[name]!.type]));
    expect((await result().manifest('types-view')).rowCount).toBe(2);
    expect((await result().file('types-partitioned', 'data.csv')).toString()).toBe('id,year,c_uuid\r\n1,2023,a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\r\n2,2024,\r\n');
  });

  it("writes each type to CSV as pinned (PostgreSQL's text, formula guard on text)", async () => {
    const lines = (await result().file('every-type', 'data.csv')).toString().split('\r\n');
    expect(lines[0]).toBe(columns.join(','));
    for (const row of [0, 1]) expect(lines[row + 1]).toBe(columns.map((name) => expected[name]!.csv[row]).join(','));
  });

  it('writes each type to JSON as pinned (numbers verbatim, NaN and infinities as strings)', async () => {
    const text = (await result().file('every-type', 'data.json')).toString();
    JSON.parse(text); // valid JSON, whatever the values
    const rows = text.split('\n').filter((line) => line.startsWith('{'));
    for (const row of [0, 1]) {
      const values = rawJsonValues(rows[row]!);
      for (const name of columns) expect(`${name}: ${values.get(name)}`).toBe(`${name}: ${expected[name]!.json[row]}`);
    }
  });

  it('writes each type to XLSX as pinned (typed where a spreadsheet can hold the value exactly)', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(await result().file('every-type', 'data.xlsx')).buffer);
    const sheet = workbook.worksheets[0]!;
    for (const row of [0, 1]) {
      const cells = (sheet.getRow(row + 2).values as unknown[]).slice(1);
      columns.forEach((name, i) => expect({ [name]: cells[i] ?? null }).toEqual({ [name]: expected[name]!.xlsx[row] }));
    }
  });

  it('writes each type to XML as pinned (text, null marked)', async () => {
    const rows = [...(await result().file('every-type', 'data.xml')).toString().matchAll(/<row>(.*?)<\/row>/g)].map((m) => m[1]!);
    for (const row of [0, 1]) {
      const values = xmlValues(rows[row]!);
      for (const name of columns) expect({ [name]: values.get(name) }).toEqual({ [name]: expected[name]!.xml[row] });
    }
  });

  it('profiles every type, leaving out extremes where PostgreSQL has no order for it (no min on uuid)', async () => {
    const profile = (await result().manifest('every-type')).profile;
    for (const name of columns) {
      const column = profile.find((p) => p.name === name)!;
      expect({ [name]: column.min === null ? null : [column.min, column.max] }).toEqual({ [name]: expected[name]!.extremes });
    }
  });

  it('refuses each type it does not publish, saying why and what to do instead', () => {
    const failure = result().failure;
    const line = (name: string, type: string, why: string) =>
      expect(failure).toMatch(new RegExp(`fields\\[\\d+\\] "${name}": the column is ${type.replace(/[[\]().]/g, '\\$&')}, which the catalog does not publish: ${why}`));
    line('c_json', 'json', 'one document can hold anything');
    line(
      'c_jsonb',
      'jsonb',
      "one document can hold anything, and its keys are not described by the field dictionary. Instead, publish the keys you mean as columns of a view \\(payload->>'status' AS status\\)",
    );
    line('c_bytea', 'bytea', 'binary data has no text form');
    for (const [name, type] of [
      ['c_int_array', 'integer[]'],
      ['c_text_array', 'text[]'],
    ])
      line(name!, type!, 'a list in one cell cannot be described, checked or scanned value by value. Instead, join the elements into text in a view');
    for (const name of ['point', 'polygon', 'circle', 'box', 'line', 'lseg', 'path']) line(`c_${name}`, name, 'coordinates are often where a person is');
    for (const [name, type] of [
      ['c_int4range', 'int4range'],
      ['c_tstzrange', 'tstzrange'],
      ['c_daterange', 'daterange'],
      ['c_multirange', 'int4multirange'],
    ])
      line(name!, type!, 'a range is two values in one cell. Instead, publish its bounds as two columns of a view');
    line('c_tsvector', 'tsvector', 'it is a search index built from text, not data');
    line('c_tsquery', 'tsquery', 'it is a search query');
    line('c_composite', 'types.pair', 'it is a row inside a cell');
    for (const type of ['oid', 'regclass', 'pg_lsn']) line(`c_${type}`, type, 'the catalog has no open text encoding for it. Instead, cast it in a view to text, a number or a date');
    expect(failure.match(/which the catalog does not publish/g)).toHaveLength(refusedColumns.length);
  });
});

describe('the two databases', () => {
  it('give byte-identical files for every type', async () => {
    for (const name of ['data.csv', 'data.json', 'data.xml']) {
      expect((await results.embedded.file('every-type', name)).toString(), name).toBe((await results.PostgreSQL.file('every-type', name)).toString());
    }
  });
});
