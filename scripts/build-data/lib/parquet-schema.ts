import type { FieldType } from '../../../src/schemas/field.ts';
import type { ParquetColumnType } from '../../../src/shared/parquet-columns.ts';
import { numericPrecisionScale, type SqlType } from './published-types.ts';

/**
 * The Parquet type of each published column, from its field type and the SQL type the published
 * query returns. The rule is that a value read back from `data.parquet` gives the very text of
 * `data.csv` (src/shared/parquet-columns.ts rebuilds it), so the table explorer's exports equal the
 * published CSV, and that a reader's tool gets the natural type:
 *
 * | field type | SQL type | Parquet |
 * |---|---|---|
 * | integer | smallint, integer | INT32 (INTEGER 32, signed) |
 * | integer | bigint, other | INT64 (INTEGER 64, signed) |
 * | number | numeric(p,s), p ≤ 38 | DECIMAL(p,s): INT32 to 9 digits, INT64 to 18, else FIXED_LEN_BYTE_ARRAY: exact |
 * | number | numeric rounded by a `generalize: decimals` transform | DECIMAL(38, decimals) |
 * | number | real | FLOAT |
 * | number | double precision, numeric without precision | DOUBLE: a numeric without a declared scale has no fixed number of decimals, so it becomes the nearest double (data.csv and data.json keep every digit) |
 * | boolean | boolean | BOOLEAN |
 * | date | date | DATE (days; `infinity` as the largest INT32) |
 * | datetime | timestamp with time zone | TIMESTAMP(MICROS, adjusted to UTC): the instant |
 * | datetime | timestamp without time zone | TIMESTAMP(MICROS, not adjusted): wall-clock time, no zone invented |
 * | time | time | TIME(MICROS, not adjusted) |
 * | time | time with time zone | STRING: the time with its offset as written (Parquet's TIME has no offset) |
 * | duration | interval | STRING: the ISO 8601 text (Parquet's INTERVAL holds whole milliseconds only and few tools read it) |
 * | string | any (text, uuid, money, a pseudonym, a generalised band or month) | STRING, as published |
 *
 * Every column is OPTIONAL (nullable). A value a chosen type cannot hold (numeric's NaN in a
 * DECIMAL column) gives Parquet up for that version, with the reason on the site.
 */
export function parquetColumnType(type: FieldType, sql: SqlType | undefined): ParquetColumnType {
  switch (type) {
    case 'boolean':
      return { kind: 'boolean' };
    case 'integer':
      return { kind: sql?.name === 'int2' || sql?.name === 'int4' ? 'int32' : 'int64' };
    case 'number': {
      if (sql?.name === 'float4') return { kind: 'float' };
      const numeric = sql?.name === 'numeric' ? numericPrecisionScale(sql.typmod) : null;
      if (numeric && numeric.precision >= 1 && numeric.precision <= 38) return { kind: 'decimal', ...numeric };
      return { kind: 'double' };
    }
    case 'date':
      return { kind: 'date' };
    case 'datetime':
      return { kind: sql?.name === 'timestamp' ? 'timestamp' : 'timestamptz' };
    case 'time':
      return { kind: sql?.name === 'timetz' ? 'text' : 'time' };
    case 'duration':
    case 'string':
      return { kind: 'text' };
  }
}
