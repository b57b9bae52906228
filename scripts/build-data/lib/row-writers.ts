import type { FieldType } from '../../../src/schemas/field.ts';
import { csvBoolean } from '../../../src/shared/csv-value.ts';
import { numericFieldTypes } from './pg-types.ts';
import type { Row } from './copy-text.ts';

// The CSV rules are shared with the site (the table explorer exports rows with them): src/shared/csv-encoding.ts.
export { CSV_EOL, UTF8_BOM, csvBoolean, csvCell, csvCellKind, csvField, csvHeader, csvRowWriter, neutraliseFormula, type CsvCellKind, type OutputColumn } from '../../../src/shared/csv-encoding.ts';
import type { OutputColumn } from '../../../src/shared/csv-encoding.ts';

/**
 * Encoders for the published files. Values arrive as PostgreSQL's text output and are written
 * without parsing, so numbers, dates and times are exactly what the database holds.
 */

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
