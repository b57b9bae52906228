import type { FieldType } from '../../../src/schemas/field.ts';
import { csvBoolean, neutraliseFormula } from '../../../src/shared/csv-value.ts';
import { numericFieldTypes } from './pg-types.ts';

export { csvBoolean, neutraliseFormula };
import type { Row } from './copy-text.ts';

/**
 * Encoders for the published files. Values arrive as PostgreSQL's text output and are written
 * without parsing, so numbers, dates and times are exactly what the database holds.
 */

export interface OutputColumn {
  name: string;
  type: FieldType;
}

/**
 * One CSV cell (RFC 4180): NULL is an empty cell, an empty string is `""`, and a value with a quote,
 * comma or line break is quoted with quotes doubled.
 */
export function csvCell(value: string | null): string {
  if (value === null) return '';
  if (value === '' || /[",\r\n]/.test(value)) return `"${value.replaceAll('"', '""')}"`;
  return value;
}

export const CSV_EOL = '\r\n';

/** The UTF-8 byte order mark: Excel reads a CSV as UTF-8 only when it starts with one. */
export const UTF8_BOM = '\uFEFF';

export function csvHeader(columns: readonly OutputColumn[]): string {
  return columns.map((c) => csvCell(c.name)).join(',') + CSV_EOL;
}

/** How a column's values are written to CSV: as they are (numbers), as true/false, or guarded text. */
export type CsvCellKind = 'plain' | 'boolean' | 'text';

export function csvCellKind(type: FieldType): CsvCellKind {
  if (type === 'boolean') return 'boolean';
  return numericFieldTypes.has(type) ? 'plain' : 'text';
}

/** One published value as a CSV cell, by its column's kind: the one rule the row writer and the COPY transcoder share. */
export function csvField(value: string | null, kind: CsvCellKind): string {
  if (value === null) return '';
  // PostgreSQL prints booleans as t/f; spreadsheets and Table Schema readers expect true/false.
  if (kind === 'boolean') return csvBoolean(value);
  return kind === 'text' ? csvCellForced(neutraliseFormula(value), value) : csvCell(value);
}

/** Builds the CSV row writer once per table: text columns are neutralised, numeric ones are not. */
export function csvRowWriter(columns: readonly OutputColumn[]): (row: Row) => string {
  const kinds = columns.map((c) => csvCellKind(c.type));
  return (row) => {
    let out = '';
    for (let i = 0; i < row.length; i++) out += (i === 0 ? '' : ',') + csvField(row[i] ?? null, kinds[i]!);
    return out + CSV_EOL;
  };
}

/** A neutralised cell is always quoted, so the apostrophe and the value stay one cell for every reader. */
function csvCellForced(cell: string, original: string): string {
  return cell === original ? csvCell(cell) : `"${cell.replaceAll('"', '""')}"`;
}

/** One JSON value: numbers and booleans typed, everything else a string, NULL as null. */
export function jsonValue(value: string | null, type: FieldType): string {
  if (value === null) return 'null';
  if (type === 'boolean') return csvBoolean(value);
  // PostgreSQL's numeric text is valid JSON except NaN and ±Infinity, which stay strings.
  if (numericFieldTypes.has(type) && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(value)) return value;
  return JSON.stringify(value);
}

/** Builds the row-object writer once per table, with the keys pre-encoded. */
export function jsonRowWriter(columns: readonly OutputColumn[]): (row: Row) => string {
  const keys = columns.map((c) => JSON.stringify(c.name) + ':');
  const types = columns.map((c) => c.type);
  return (row) => {
    let out = '{';
    for (let i = 0; i < keys.length; i++) out += (i === 0 ? '' : ',') + keys[i] + jsonValue(row[i] ?? null, types[i]!);
    return out + '}';
  };
}
