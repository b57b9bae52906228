import { readFile } from 'node:fs/promises';
import { DuckDBInstance } from '@duckdb/node-api';
import { decompress } from 'fzstd';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { csvCellKind, csvField } from '../../src/shared/csv-encoding.ts';
import type { FieldType } from '../../src/schemas/field.ts';

/**
 * Reads a `data.parquet` with DuckDB, a reader that shares no code with ours (C++, its own Thrift
 * and page decoders), and compares every value with the same row and column of `data.csv`: the
 * value DuckDB reads, written with the published CSV's rules, must be the cell in the file. Floats
 * (real, double precision, and numerics without a declared scale, which Parquet holds as doubles)
 * are compared as numbers, since DuckDB prints them its own way.
 */

export interface ParquetCheck {
  rows: number;
  /** DuckDB's column types, by column name. */
  types: Record<string, string>;
  /** Up to 20 differences, as "row N, column: parquet … csv …". */
  mismatches: string[];
}

/** The raw cells of a CSV file (quotes kept, as written), per record; header included. */
export function rawCsvCells(text: string): string[][] {
  const records: string[][] = [];
  let cells: string[] = [];
  let i = 0;
  while (i < text.length) {
    const start = i;
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (text[i] === '"' && text[i + 1] === '"') i += 2;
        else if (text[i] === '"') {
          i++;
          break;
        } else i++;
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') i++;
    }
    cells.push(text.slice(start, i));
    if (text[i] === ',') i++;
    else {
      // CRLF ends the record.
      i += 2;
      records.push(cells);
      cells = [];
    }
  }
  return records;
}

/** PostgreSQL's text for a value DuckDB printed: only the era is written differently ("2024-01-01 (BC)"). */
function postgresText(duck: string): string {
  const bc = duck.match(/^(\d{4,}-\d\d-\d\d) \(BC\)(.*?)(\+00)?$/);
  return bc ? `${bc[1]}${bc[2]}${bc[3] ?? ''} BC` : duck;
}

function duckNumber(text: string): number {
  if (/^-?inf/i.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  return /^nan$/i.test(text) ? NaN : Number(text);
}

export async function checkParquetAgainstCsv(parquetFile: string, csvFile: string, columns: readonly { name: string; type: FieldType }[]): Promise<ParquetCheck> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(`SET TimeZone = 'UTC'`).catch(() => {});
    const source = `read_parquet('${parquetFile.replaceAll("'", "''")}')`;
    const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`);
    const types = Object.fromEntries(described.getRowObjectsJson().map((r) => [r.column_name as string, r.column_type as string]));
    const select = columns
      .map((c) => {
        const column = `"${c.name.replaceAll('"', '""')}"`;
        // DuckDB's time-zone casts go through ICU, which is a millisecond off near the end of the
        // range; its plain timestamps are exact, and the session's zone is UTC anyway.
        if (types[c.name] === 'TIMESTAMP WITH TIME ZONE') return `CASE WHEN isinf(${column}) THEN ${column}::VARCHAR ELSE make_timestamp(epoch_us(${column}))::VARCHAR || '+00' END`;
        return `${column}::VARCHAR`;
      })
      .join(', ');
    const read = await connection.runAndReadAll(`SELECT ${select} FROM ${source}`);
    const values = read.getRows() as (string | null)[][];
    const records = rawCsvCells(await readFile(csvFile, 'utf8')).slice(1);
    const mismatches: string[] = [];
    if (values.length !== records.length) mismatches.push(`rows: parquet ${values.length}, csv ${records.length}`);
    const kinds = columns.map((c) => csvCellKind(c.type));
    const asNumber = columns.map((c) => /^(FLOAT|DOUBLE|REAL)$/.test(types[c.name] ?? ''));
    // A real is a 32-bit float: the CSV's shortest digits read back to it once rounded to 32 bits.
    const rounding = columns.map((c) => (types[c.name] === 'FLOAT' ? Math.fround : (x: number) => x));
    for (let r = 0; r < Math.min(values.length, records.length) && mismatches.length < 20; r++) {
      for (let c = 0; c < columns.length; c++) {
        const duck = values[r]![c] ?? null;
        const cell = records[r]![c] ?? '';
        const same = asNumber[c]
          ? duck === null
            ? cell === ''
            : Object.is(rounding[c]!(duckNumber(duck)), rounding[c]!(duckNumber(cell)))
          : csvField(duck === null ? null : postgresText(duck), kinds[c]!) === cell;
        if (!same) mismatches.push(`row ${r + 1}, ${columns[c]!.name}: parquet ${JSON.stringify(duck)}, csv ${JSON.stringify(cell)}`);
      }
    }
    return { rows: values.length, types, mismatches };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/**
 * A Parquet file as readable text, for golden files: its schema, each row group's column chunks
 * (codec, encodings, statistics) and every row as physical values (hyparquet, types taken off), one
 * JSON line per row. Two files with the same dump hold the same data in the same layout.
 */
export async function parquetDump(bytes: Buffer): Promise<string> {
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const metadata = parquetMetadata(file);
  const json = (value: unknown) => JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v instanceof Uint8Array ? `0x${Buffer.from(v).toString('hex')}` : v));
  const lines = [`created by: ${metadata.created_by}`, `rows: ${metadata.num_rows}`, 'schema:'];
  for (const element of metadata.schema.slice(1)) lines.push(`  ${json(element)}`);
  metadata.row_groups.forEach((group, g) => {
    lines.push(`row group ${g}: ${group.num_rows} rows`);
    for (const chunk of group.columns) {
      const m = chunk.meta_data!;
      lines.push(`  ${m.path_in_schema.join('.')}: ${m.codec} ${m.encodings.join('/')}, ${m.num_values} values, statistics ${json(m.statistics)}`);
    }
  });
  const physical = { ...metadata, schema: metadata.schema.map((e) => (e.type === 'BYTE_ARRAY' ? e : { ...e, converted_type: undefined, logical_type: undefined })) };
  const rows = await parquetReadObjects({ file, metadata: physical, compressors: { ZSTD: (input) => decompress(input) } });
  lines.push('rows:', ...rows.map((row) => json(row)));
  return `${lines.join('\n')}\n`;
}
