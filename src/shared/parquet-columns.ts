import type { SchemaElement } from 'hyparquet';

/**
 * How a published column is typed in `data.parquet`, and how a Parquet value turns back into the
 * text the other downloads hold (PostgreSQL's own output, as in `data.csv`). The pipeline writes
 * the schema from these types (scripts/build-data/lib/parquet-schema.ts picks one per column); the
 * table explorer reads them back from the file's schema and rebuilds each value's published text,
 * so the rows it exports are the rows of `data.csv`, byte for byte.
 *
 * Values are the file's physical values (what hyparquet returns for a column read without its
 * logical type): days for dates, microseconds for times and timestamps, the unscaled integer for
 * decimals, UTF-8 text for text.
 */

export type ParquetValueKind =
  | 'boolean'
  | 'int32'
  | 'int64'
  | 'float'
  | 'double'
  | 'decimal'
  | 'date'
  /** timestamp without time zone: wall-clock time, not adjusted to UTC. */
  | 'timestamp'
  /** timestamp with time zone: an instant, stored adjusted to UTC (published in UTC, `+00`). */
  | 'timestamptz'
  | 'time'
  | 'text';

export interface ParquetColumnType {
  kind: ParquetValueKind;
  /** Decimal digits in all and after the point (`decimal` only). */
  precision?: number;
  scale?: number;
}

/** Largest and smallest INT32 / INT64 values stand for PostgreSQL's `infinity` and `-infinity` dates and timestamps, as DuckDB reads them. */
export const DATE_INFINITY = 2_147_483_647;
export const TIMESTAMP_INFINITY = 9_223_372_036_854_775_807n;

/** Bytes of the FIXED_LEN_BYTE_ARRAY that holds every decimal of `precision` digits (two's complement). */
export function decimalBytes(precision: number): number {
  let bytes = 1;
  while (2n ** BigInt(8 * bytes - 1) <= 10n ** BigInt(precision)) bytes++;
  return bytes;
}

/** The physical storage of a decimal: INT32 up to 9 digits, INT64 up to 18, else a fixed-length byte array. */
export function decimalPhysical(precision: number): 'INT32' | 'INT64' | 'FIXED_LEN_BYTE_ARRAY' {
  return precision <= 9 ? 'INT32' : precision <= 18 ? 'INT64' : 'FIXED_LEN_BYTE_ARRAY';
}

/** The schema element of a nullable column of this type (logical type, and the legacy converted type where one exists). */
export function schemaElement(name: string, type: ParquetColumnType): SchemaElement {
  const base = { name, repetition_type: 'OPTIONAL' as const };
  switch (type.kind) {
    case 'boolean':
      return { ...base, type: 'BOOLEAN' };
    // Plain INT32 and INT64 are signed integers. (No INTEGER logical type: hyparquet-writer writes
    // its bit width as a Thrift i32 where the format says i8, which strict readers such as DuckDB reject.)
    case 'int32':
      return { ...base, type: 'INT32' };
    case 'int64':
      return { ...base, type: 'INT64' };
    case 'float':
      return { ...base, type: 'FLOAT' };
    case 'double':
      return { ...base, type: 'DOUBLE' };
    case 'decimal': {
      const precision = type.precision!;
      const scale = type.scale!;
      const physical = decimalPhysical(precision);
      return {
        ...base,
        type: physical,
        ...(physical === 'FIXED_LEN_BYTE_ARRAY' ? { type_length: decimalBytes(precision) } : {}),
        converted_type: 'DECIMAL',
        precision,
        scale,
        logical_type: { type: 'DECIMAL', precision, scale },
      };
    }
    case 'date':
      return { ...base, type: 'INT32', converted_type: 'DATE', logical_type: { type: 'DATE' } };
    case 'timestamptz':
      return { ...base, type: 'INT64', converted_type: 'TIMESTAMP_MICROS', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' } };
    case 'timestamp':
      // The legacy TIMESTAMP_MICROS means adjusted to UTC, so a wall-clock timestamp has the logical type only.
      return { ...base, type: 'INT64', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: false, unit: 'MICROS' } };
    case 'time':
      return { ...base, type: 'INT64', logical_type: { type: 'TIME', isAdjustedToUTC: false, unit: 'MICROS' } };
    case 'text':
      return { ...base, type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' } };
  }
}

/** The column type a schema element describes (the inverse of `schemaElement`), or null for one this catalog does not write. */
export function columnTypeOf(element: SchemaElement): ParquetColumnType | null {
  const logical = element.logical_type;
  if (element.converted_type === 'DECIMAL' || logical?.type === 'DECIMAL') {
    return { kind: 'decimal', precision: element.precision ?? 38, scale: element.scale ?? 0 };
  }
  switch (element.type) {
    case 'BOOLEAN':
      return { kind: 'boolean' };
    case 'INT32':
      return { kind: element.converted_type === 'DATE' || logical?.type === 'DATE' ? 'date' : 'int32' };
    case 'INT64':
      if (logical?.type === 'TIMESTAMP') return { kind: logical.isAdjustedToUTC ? 'timestamptz' : 'timestamp' };
      if (element.converted_type === 'TIMESTAMP_MICROS') return { kind: 'timestamptz' };
      if (logical?.type === 'TIME') return { kind: 'time' };
      return { kind: 'int64' };
    case 'FLOAT':
      return { kind: 'float' };
    case 'DOUBLE':
      return { kind: 'double' };
    case 'BYTE_ARRAY':
      return { kind: 'text' };
    default:
      return null;
  }
}

/** A physical value as the file holds it (see the module comment). */
export type PhysicalValue = boolean | number | bigint | string | Uint8Array;

/** PostgreSQL's text for a value of this column, as `data.csv` holds it before CSV quoting (booleans as t/f). */
export function publishedText(value: PhysicalValue, type: ParquetColumnType): string {
  switch (type.kind) {
    case 'boolean':
      return value ? 't' : 'f';
    case 'int32':
    case 'int64':
      return String(value);
    case 'float':
      return floatText(Number(value), 'float4');
    case 'double':
      return floatText(Number(value), 'float8');
    case 'decimal':
      return decimalText(unscaledDecimal(value), type.scale ?? 0);
    case 'date':
      return dateText(Number(value));
    case 'timestamp':
    case 'timestamptz':
      return timestampText(BigInt(value as number | bigint), type.kind === 'timestamptz');
    case 'time':
      return timeText(BigInt(value as number | bigint));
    case 'text':
      return String(value);
  }
}

/** The unscaled integer of a decimal value: INT32, INT64, or big-endian two's complement bytes. */
export function unscaledDecimal(value: PhysicalValue): bigint {
  if (!(value instanceof Uint8Array)) return BigInt(value);
  let n = 0n;
  for (const byte of value) n = (n << 8n) | BigInt(byte);
  return value.length > 0 && value[0]! >= 0x80 ? n - (1n << BigInt(8 * value.length)) : n;
}

/** numeric's text: exactly `scale` digits after the point, no exponent, no negative zero. */
export function decimalText(unscaled: bigint, scale: number): string {
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  const whole = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${whole}` : whole;
}

/**
 * real's and double precision's text with `extra_float_digits` above 0 (the snapshot's session):
 * the shortest digits that read back to the same value, fixed-point when the decimal exponent is
 * from -4 up to (not including) 6 for real and 15 for double precision, else `d.ddde+XX`.
 */
export function floatText(value: number, type: 'float4' | 'float8'): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const [mantissa, exponentText] = (type === 'float8' ? value.toExponential() : shortestFloat32(value)).split('e') as [string, string];
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = negative ? '-' : '';
  if (exponent >= -4 && exponent < (type === 'float8' ? 15 : 6)) {
    if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
    if (digits.length <= exponent + 1) return sign + digits + '0'.repeat(exponent + 1 - digits.length);
    return `${sign}${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
  }
  const body = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const magnitude = String(Math.abs(exponent)).padStart(2, '0');
  return `${sign}${body}e${exponent < 0 ? '-' : '+'}${magnitude}`;
}

/** The shortest decimal (in toExponential form) that reads back to the same 32-bit float. */
function shortestFloat32(value: number): string {
  for (let digits = 1; digits < 9; digits++) {
    const candidate = value.toExponential(digits - 1);
    if (Math.fround(Number(candidate)) === value) return candidate;
  }
  return value.toExponential(8);
}

const MICROS_PER_DAY = 86_400_000_000n;

/** Days since 1970-01-01 of a proleptic Gregorian date (year 0 is 1 BC, as PostgreSQL counts). */
export function daysFromCivil(year: number, month: number, day: number): number {
  // Howard Hinnant's days_from_civil.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The proleptic Gregorian date of a day count since 1970-01-01. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The date part and era of a day count: `YYYY-MM-DD` and `BC` for years before 1. */
function datePart(days: number): { text: string; bc: boolean } {
  const { year, month, day } = civilFromDays(days);
  const bc = year <= 0;
  return { text: `${pad(bc ? 1 - year : year, 4)}-${pad(month)}-${pad(day)}`, bc };
}

/** date's text (DateStyle ISO): `YYYY-MM-DD`, `YYYY-MM-DD BC`, `infinity`, `-infinity`. */
export function dateText(days: number): string {
  if (days === DATE_INFINITY) return 'infinity';
  if (days === -DATE_INFINITY) return '-infinity';
  const { text, bc } = datePart(days);
  return bc ? `${text} BC` : text;
}

/** Seconds and a fraction of up to six digits without trailing zeros, as PostgreSQL prints them. */
function clockText(microsOfDay: bigint): string {
  const micros = Number(microsOfDay);
  const seconds = Math.floor(micros / 1_000_000);
  const fraction = micros - seconds * 1_000_000;
  const clock = `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
  return fraction === 0 ? clock : `${clock}.${pad(fraction, 6).replace(/0+$/, '')}`;
}

/** timestamp's text (DateStyle ISO, TimeZone UTC for timestamptz): `YYYY-MM-DD HH:MM:SS[.ffffff][+00][ BC]`. */
export function timestampText(micros: bigint, withZone: boolean): string {
  if (micros === TIMESTAMP_INFINITY) return 'infinity';
  if (micros === -TIMESTAMP_INFINITY) return '-infinity';
  let days = micros / MICROS_PER_DAY;
  let rest = micros % MICROS_PER_DAY;
  if (rest < 0n) {
    rest += MICROS_PER_DAY;
    days -= 1n;
  }
  const { text, bc } = datePart(Number(days));
  return `${text} ${clockText(rest)}${withZone ? '+00' : ''}${bc ? ' BC' : ''}`;
}

/** time's text: `HH:MM:SS[.ffffff]` (24:00:00 included). */
export function timeText(micros: bigint): string {
  return clockText(micros);
}
