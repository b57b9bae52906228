import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CopyTranscoder } from '../../scripts/build-data/lib/copy-transcoder.ts';
import { ParquetFileWriter } from '../../scripts/build-data/lib/parquet-file-writer.ts';
import { parquetColumnType } from '../../scripts/build-data/lib/parquet-schema.ts';
import { csvHeader, csvRowWriter } from '../../src/shared/csv-encoding.ts';
import { ParquetTable, sortRows, type ExplorerColumn } from '../../src/scripts/explorer/parquet-table.ts';
import { compareText } from '../../src/scripts/explorer/filters.ts';
import type { Filter } from '../../src/scripts/explorer/view-state.ts';

/**
 * The explorer's query engine against a Parquet file the pipeline's writer made from known rows
 * (several row groups, pages, a dictionary column, NULLs, escapes, formula starts): every answer
 * is checked against the same question asked of the rows themselves.
 */

const ROWS = 9_000;
const columns: (ExplorerColumn & { sql: { name: string; typmod: number } })[] = [
  { name: 'id', title: 'Id', type: 'integer', sql: { name: 'int8', typmod: -1 } },
  { name: 'at', title: 'Requested at', type: 'datetime', sql: { name: 'timestamptz', typmod: -1 } },
  { name: 'day', title: 'Day', type: 'date', sql: { name: 'date', typmod: -1 } },
  { name: 'ward', title: 'Ward', type: 'string', sql: { name: 'text', typmod: -1 } },
  { name: 'amount', title: 'Amount', type: 'number', sql: { name: 'numeric', typmod: ((12 << 16) | 2) + 4 } },
  { name: 'score', title: 'Score', type: 'number', sql: { name: 'float8', typmod: -1 } },
  { name: 'open', title: 'Open', type: 'boolean', sql: { name: 'bool', typmod: -1 } },
  { name: 'note', title: 'Note', type: 'string', sql: { name: 'text', typmod: -1 } },
];

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** One row as PostgreSQL's text output (null for NULL). */
function row(g: number): (string | null)[] {
  const at = new Date(Date.UTC(2024, 0, 1) + g * 3_700_000);
  const stamp = `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())} ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}+00`;
  return [
    String(3_110_000_000 + g),
    stamp,
    g % 97 === 0 ? null : `2023-${pad(1 + (g % 12))}-${pad(1 + (g % 28))}`,
    `Ward ${1 + ((g * 7) % 9)}`,
    g % 50 === 0 ? null : ((((g * 7919) % 100_000) - 20_000) / 100).toFixed(2),
    String(((g * 104_729) % 10_000) / 7),
    g % 3 === 0 ? 't' : 'f',
    g % 11 === 0 ? null : g % 13 === 0 ? `=HYPERLINK("x${g}")` : g % 17 === 0 ? `tab\there, "quoted", line\nbreak ${g}` : `note ${g % 400}`,
  ];
}
const source = Array.from({ length: ROWS }, (_, g) => row(g));
const copyEscape = (v: string | null) => (v === null ? '\\N' : v.replaceAll('\\', '\\\\').replaceAll('\t', '\\t').replaceAll('\n', '\\n'));

let dir: string;
let table: ParquetTable;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'explorer-table-'));
  const file = path.join(dir, 'data.parquet');
  const writer = new ParquetFileWriter(
    file,
    columns.map((c) => ({ name: c.name, type: parquetColumnType(c.type, c.sql) })),
    { rowGroupRows: 2_000 },
  );
  await writer.start();
  const transcoder = new CopyTranscoder({ columns, json: false, csv: false, sampleRows: 0, onRow: (r) => writer.add(r) });
  transcoder.push(Buffer.from(source.map((r) => r.map(copyEscape).join('\t') + '\n').join('')));
  transcoder.end();
  await writer.finish();
  const bytes = await readFile(file);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  table = await ParquetTable.open({ byteLength: buffer.byteLength, slice: (s, e) => Promise.resolve(buffer.slice(s, e)) }, columns);
});

afterAll(() => rm(dir, { recursive: true, force: true }));

/** The rows a filter list keeps, asked of the source rows directly. */
function expected(keep: (r: (string | null)[]) => boolean): number[] {
  return source.flatMap((r, i) => (keep(r) ? [i] : []));
}

describe('the explorer’s query engine', () => {
  it('reads the file’s row groups and types', () => {
    expect(table.rowCount).toBe(ROWS);
    expect(table.groups.map((g) => g.rows)).toEqual([2000, 2000, 2000, 2000, 1000]);
    expect(table.columns.map((c) => c.parquet.kind)).toEqual(['int64', 'timestamptz', 'date', 'text', 'decimal', 'double', 'boolean', 'text']);
  });

  it('gives every value back as data.csv has it, CSV encoding included', async () => {
    const all = await table.exportCsv(null);
    expect(all.join('')).toBe(csvHeader(columns) + source.map(csvRowWriter(columns)).join(''));
  });

  it('finds one id, a date range with a ward, and empty or filled values, as the rows themselves say', async () => {
    const cases: [Filter[], (r: (string | null)[]) => boolean][] = [
      [[{ column: 'id', condition: 'equals', values: ['3110004321'] }], (r) => r[0] === '3110004321'],
      [
        [
          { column: 'at', condition: 'between', values: ['2024-03-01', '2024-03-31'] },
          { column: 'ward', condition: 'in', values: ['Ward 3', 'Ward 7'] },
        ],
        (r) => r[1]! >= '2024-03-01' && r[1]! < '2024-04-01' && (r[3] === 'Ward 3' || r[3] === 'Ward 7'),
      ],
      [[{ column: 'day', condition: 'empty', values: [] }], (r) => r[2] === null],
      [[{ column: 'amount', condition: 'between', values: ['-10.5', '12.345'] }], (r) => r[4] !== null && Number(r[4]) >= -10.5 && Number(r[4]) <= 12.345],
      [[{ column: 'note', condition: 'contains', values: ['QUOTED'] }], (r) => r[7]?.toLowerCase().includes('quoted') ?? false],
      [
        [
          { column: 'open', condition: 'in', values: ['true'] },
          { column: 'note', condition: 'filled', values: [] },
        ],
        (r) => r[6] === 't' && r[7] !== null,
      ],
      [[{ column: 'day', condition: 'between', values: ['2023-05-01', ''] }], (r) => r[2] != null && r[2] >= '2023-05-01'],
    ];
    for (const [filters, keep] of cases) {
      const matches = await table.match(filters);
      expect(Array.from(matches!), JSON.stringify(filters)).toEqual(expected(keep));
    }
  });

  it('skips the row groups whose statistics rule a filter out', async () => {
    let reads = 0;
    const counting = await ParquetTable.open(
      {
        byteLength: (table as unknown as { file: { byteLength: number } }).file.byteLength,
        slice: (s, e) => {
          reads++;
          return (table as unknown as { file: { slice: (s: number, e?: number) => Promise<ArrayBuffer> } }).file.slice(s, e);
        },
      },
      columns,
    );
    reads = 0;
    const matches = await counting.match([{ column: 'id', condition: 'equals', values: ['3110004321'] }]);
    expect(Array.from(matches!)).toEqual([4321]);
    // One row group's id column: the others' statistics exclude the id.
    expect(reads).toBe(1);
  });

  it('sorts numbers, dates and text with empty values last, in both directions', async () => {
    const matches = await table.match([{ column: 'ward', condition: 'in', values: ['Ward 2'] }]);
    for (const [column, index, descending] of [
      ['amount', 4, false],
      ['amount', 4, true],
      ['day', 2, true],
      ['note', 7, false],
    ] as const) {
      const order = await table.order(matches, { column, descending });
      const values = Array.from(order!, (r) => source[r]![index]);
      const filled = values.filter((v) => v !== null);
      const compare =
        column === 'note'
          ? (a: string, b: string) => new Intl.Collator(undefined, { numeric: true }).compare(a, b)
          : column === 'amount'
            ? (a: string, b: string) => Number(a) - Number(b)
            : compareText;
      const sorted = [...filled].sort((a, b) => compare(a!, b!) * (descending ? -1 : 1));
      expect(values, `${column} ${descending ? 'descending' : 'ascending'}`).toEqual([...sorted, ...values.filter((v) => v === null)]);
    }
  });

  it('fetches a page of scattered rows, every column, in the order asked', async () => {
    const rows = [8999, 3, 4500, 2001, 1999, 7777];
    const read = await table.readRows(rows);
    expect(read.map((values) => table.text(values))).toEqual(rows.map((r) => source[r]));
  });

  it('exports the matching rows in the sort’s order, encoded like data.csv', async () => {
    const matches = await table.match([{ column: 'note', condition: 'contains', values: ['=hyperlink'] }]);
    const order = await table.order(matches, { column: 'score', descending: true });
    const pieces = await table.exportCsv(order);
    const expectedRows = expected((r) => r[7]?.startsWith('=HYPERLINK') ?? false).sort((a, b) => Number(source[b]![5]) - Number(source[a]![5]) || a - b);
    expect(pieces.join('')).toBe(csvHeader(columns) + expectedRows.map((r) => csvRowWriter(columns)(source[r]!)).join(''));
    expect(pieces[1]).toMatch(/^\d+,[^,]+,[^,]*,Ward \d,[^,]*,[^,]+,(true|false),"'=HYPERLINK\(""x\d+""\)"\r\n$/);
  });
});

describe('the explorer’s sort', () => {
  it('orders any numbers, keeps equal keys in file order and empty values last, both ways', () => {
    let seed = 11;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff) / 0x7fffffff;
    const keys = Float64Array.from({ length: 5000 }, (_, i) =>
      i % 97 === 0 ? NaN : i % 11 === 0 ? 0 : i % 13 === 0 ? -0 : Math.round((random() - 0.5) * 10 ** Math.floor(random() * 30 - 10) * 4) / 4,
    );
    const rows = Uint32Array.from({ length: keys.length }, (_, i) => 10_000 + i);
    for (const descending of [false, true]) {
      const expected = Array.from(keys.keys())
        .filter((i) => !Number.isNaN(keys[i]!))
        .sort((a, b) => (keys[a]! - keys[b]!) * (descending ? -1 : 1) || a - b)
        .concat(Array.from(keys.keys()).filter((i) => Number.isNaN(keys[i]!)));
      expect(Array.from(sortRows(rows, keys, descending)), descending ? 'descending' : 'ascending').toEqual(expected.map((i) => rows[i]));
    }
  });
});
