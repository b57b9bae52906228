import { numericFieldTypes, type FieldType } from '../schemas/field.ts';

/**
 * How the published CSV encodes a row: the pipeline's CSV writer (and its COPY transcoder,
 * scripts/build-data/lib/copy-transcoder.ts) and the browser's export of the rows a reader selected
 * (the table explorer) both encode with these rules, so a selection downloaded from the site is
 * encoded exactly like `data.csv`. Values are PostgreSQL's text output, written without parsing.
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

/** A cell a spreadsheet would run as a formula: starts with =, +, -, @, tab or carriage return. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain number (as PostgreSQL prints it) is data, not a formula, even with a sign. */
const PLAIN_NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/**
 * Neutralises spreadsheet formula injection as OWASP recommends
 * (https://owasp.org/www-community/attacks/CSV_Injection): a text cell that a spreadsheet would
 * evaluate gets a leading apostrophe (shown as text, not run) and is quoted. Numbers stay numbers;
 * the JSON file keeps the exact value.
 */
export function neutraliseFormula(value: string): string {
  // A first-character check before any regex: this runs on every published text value.
  const first = value.charCodeAt(0);
  if (first !== 61 && first !== 43 && first !== 45 && first !== 64 && first !== 9 && first !== 13) return value;
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
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
export function csvRowWriter(columns: readonly OutputColumn[]): (row: readonly (string | null)[]) => string {
  const kinds = columns.map((c) => csvCellKind(c.type));
  return (row) => {
    let out = '';
    for (let i = 0; i < row.length; i++) out += (i === 0 ? '' : ',') + csvField(row[i] ?? null, kinds[i]!);
    return out + CSV_EOL;
  };
}

export function csvBoolean(value: string): string {
  return value === 't' || value === 'true' ? 'true' : 'false';
}

/** A neutralised cell is always quoted, so the apostrophe and the value stay one cell for every reader. */
function csvCellForced(cell: string, original: string): string {
  return cell === original ? csvCell(cell) : `"${cell.replaceAll('"', '""')}"`;
}
