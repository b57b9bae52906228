import type { FieldType } from '../../../src/schemas/field.ts';

/**
 * PostgreSQL type (as `pg_type.typname`) → published field type. One table, so the drift check,
 * the JSON writer and catalog:add agree. Values are always taken as PostgreSQL's own text output,
 * never parsed into JavaScript values, so nothing is rounded or shifted by the machine's time zone.
 */
const pgTypeToField: Record<string, FieldType> = {
  text: 'string',
  varchar: 'string',
  bpchar: 'string', // char(n): PostgreSQL pads with spaces; published as written.
  name: 'string',
  citext: 'string',
  uuid: 'string',
  int2: 'integer',
  int4: 'integer',
  int8: 'integer', // Written verbatim into JSON, so values above 2^53 keep every digit.
  numeric: 'number', // Exact decimal text; never converted to a float on the way.
  float4: 'number',
  float8: 'number',
  money: 'string', // Its text output depends on lc_monetary ("$1,234.50"): not a portable number.
  bool: 'boolean',
  date: 'date',
  timestamp: 'datetime', // Wall-clock time, published as written (no zone is invented).
  timestamptz: 'datetime', // Rendered in the session's TimeZone, which the connection sets to UTC.
  time: 'time',
  interval: 'duration', // Published in ISO 8601 form (the session sets IntervalStyle = iso_8601).
};

/** The published type for a live column type, or null for types we do not publish (json, arrays, bytea…). */
export function fieldTypeOf(pgType: string): FieldType | null {
  return pgTypeToField[pgType] ?? null;
}

/** Field types whose text output is a JSON number literal (NaN and ±Infinity excepted). */
export { numericFieldTypes } from '../../../src/shared/csv-value.ts';

/** Quotes an SQL identifier: doubles embedded quotes, so any schema, table or column name is safe. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes an SQL string literal (standard_conforming_strings is on: only quotes are doubled). */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
