import type { FieldType } from '../schemas/field.ts';
import { csvBoolean, neutraliseFormula, numericFieldTypes } from './csv-value.ts';

/**
 * How the published CSV encodes a row: the pipeline's CSV writer (and its COPY transcoder,
 * scripts/build-data/lib/copy-transcoder.ts) and the browser's export of the rows a reader selected
 * (the table explorer) both encode with these rules, so a selection downloaded from the site is
 * encoded exactly like `data.csv`. Values are PostgreSQL's text output, written without parsing;
 * the value rules (booleans, the formula guard) are csv-value.ts's.
 */

export { csvBoolean, neutraliseFormula };

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
export function csvRowWriter(columns: readonly OutputColumn[]): (row: readonly (string | null)[]) => string {
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
