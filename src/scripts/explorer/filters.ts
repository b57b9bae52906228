import { daysFromCivil, unscaledDecimal, type ParquetColumnType, type PhysicalValue } from '../../shared/parquet-columns.ts';
import type { Filter } from './view-state.ts';

/**
 * The explorer's filters, compiled for one column's Parquet type: a test of each physical value
 * (exact: integers and decimals compared as integers, dates as days, timestamps as microseconds)
 * and a test of a row group's statistics that says when no row in it can match, so its data is
 * never fetched.
 */

/** Minimum, maximum and null count of one column in one row group, as the footer gives them. */
export interface ColumnStatistics {
  /** Numbers (int32, float, double, decimal as its approximate value, date as days), bigints (int64, timestamps, times in microseconds), text, booleans. */
  min?: unknown;
  max?: unknown;
  nulls?: number;
  rows: number;
}

export interface CompiledFilter {
  column: string;
  /** False only when the statistics prove that no row of the group matches. */
  mayMatch: (stats: ColumnStatistics) => boolean;
  /** A plain function (no `this`): the row loop calls it detached. */
  test: (value: PhysicalValue | null | undefined) => boolean;
}

/** A filter value the reader typed that does not fit the column; the message names both. */
export class InvalidFilter extends Error {}

const MICROS_PER_DAY = 86_400_000_000n;

/** Unicode code point order (UTF-8 byte order, as Parquet orders text statistics), unlike `<` on UTF-16. */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/** A bound the reader typed, in the column's physical terms, or null when left empty. */
type Bound = number | bigint | null;

function parseDay(text: string, title: string): number {
  const m = /^(\d{4,})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) throw new InvalidFilter(`“${text}” is not a date for ${title}: use the form 2024-03-31.`);
  return daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
}

function parseClock(text: string, title: string, end: boolean): bigint {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?$/.exec(text);
  if (!m) throw new InvalidFilter(`“${text}” is not a time for ${title}: use the form 13:45 or 13:45:30.`);
  const seconds = Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0);
  const micros = BigInt(seconds) * 1_000_000n + BigInt((m[4] ?? '').padEnd(6, '0') || '0');
  // "to 13:45" means up to the end of that minute (or second): what a reader means by it.
  if (!end || m[4] !== undefined) return micros;
  return micros + (m[3] === undefined ? 59_999_999n : 999_999n);
}

/** A date or a date and time (2024-03-31, 2024-03-31T13:45) as microseconds; `to` a date means to the end of that day. */
function parseInstant(text: string, title: string, end: boolean): bigint {
  const [date, time] = text.split(/[T ]/);
  const days = BigInt(parseDay(date ?? '', title));
  if (time === undefined) return days * MICROS_PER_DAY + (end ? MICROS_PER_DAY - 1n : 0n);
  return days * MICROS_PER_DAY + parseClock(time, title, end);
}

function parseNumber(text: string, title: string): number {
  const n = Number(text.trim());
  if (text.trim() === '' || Number.isNaN(n)) throw new InvalidFilter(`“${text}” is not a number for ${title}.`);
  return n;
}

/** A decimal bound as an unscaled integer, rounded so that the comparison stays exact (a lower bound up, an upper bound down). */
function decimalBound(text: string, scale: number, end: boolean, title: string): bigint {
  const m = /^\s*([-+]?)(\d*)(?:\.(\d*))?\s*$/.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new InvalidFilter(`“${text}” is not a number for ${title}.`);
  const fraction = m[3] ?? '';
  const kept = BigInt((m[2] || '0') + fraction.slice(0, scale).padEnd(scale, '0'));
  const dropped = /[1-9]/.test(fraction.slice(scale));
  const negative = m[1] === '-';
  let unscaled = negative ? -kept : kept;
  // The exact value lies between unscaled and the next integer toward its sign.
  if (dropped) unscaled += negative ? (end ? -1n : 0n) : end ? 0n : 1n;
  return unscaled;
}

function integerBound(text: string, title: string, end: boolean): bigint {
  const m = /^\s*([-+]?\d+)(?:\.(\d*))?\s*$/.exec(text);
  if (!m) {
    const n = parseNumber(text, title);
    return BigInt(end ? Math.floor(n) : Math.ceil(n));
  }
  const whole = BigInt(m[1]!);
  const fraction = /[1-9]/.test(m[2] ?? '');
  return fraction && whole >= 0n !== end ? whole + (end ? -1n : 1n) : whole;
}

/** A bound for this column's kind: numbers for int32, floats and dates; bigints for the rest. */
function bound(text: string | undefined, type: ParquetColumnType, title: string, end: boolean): Bound {
  if (text === undefined || text.trim() === '') return null;
  switch (type.kind) {
    case 'int32':
      return Number(integerBound(text, title, end));
    case 'int64':
      return integerBound(text, title, end);
    case 'float':
    case 'double':
      return parseNumber(text, title);
    case 'decimal':
      return decimalBound(text, type.scale ?? 0, end, title);
    case 'date':
      return parseDay(text, title);
    case 'timestamp':
    case 'timestamptz':
      return parseInstant(text, title, end);
    case 'time':
      return parseClock(text, title, end);
    default:
      throw new InvalidFilter(`${title} is not a column of numbers, dates or times.`);
  }
}

/** A physical value as what the bounds compare with. */
function comparable(value: PhysicalValue, type: ParquetColumnType): number | bigint {
  if (type.kind === 'decimal') return unscaledDecimal(value);
  return value as number | bigint;
}

/** A statistic as what the bounds compare with (decimal statistics come as approximate numbers). */
function comparableStatistic(value: unknown, type: ParquetColumnType): number | bigint | undefined {
  if (typeof value === 'number' && Number.isNaN(value)) return undefined;
  if (type.kind === 'decimal') {
    if (typeof value !== 'number') return undefined;
    // Rounded outward by a unit: the footer's value was divided into a float.
    return BigInt(Math.round(value * 10 ** (type.scale ?? 0)));
  }
  return typeof value === 'number' || typeof value === 'bigint' ? value : undefined;
}

/** True when two statistics bound the group (text ones only when their decoding is trustworthy). */
function usable(stats: ColumnStatistics): boolean {
  if (stats.min === undefined || stats.max === undefined) return false;
  return !(typeof stats.min === 'string' && (stats.min.includes('\uFFFD') || (stats.max as string).includes('\uFFFD')));
}

export function compileFilter(filter: Filter, type: ParquetColumnType, title: string): CompiledFilter {
  const { column } = filter;
  const emptiness = (stats: ColumnStatistics) => (filter.condition === 'empty' ? stats.nulls !== 0 : stats.nulls === undefined || stats.nulls < stats.rows);
  switch (filter.condition) {
    case 'empty':
      return { column, mayMatch: emptiness, test: (v) => v === null || v === undefined };
    case 'filled':
      return { column, mayMatch: emptiness, test: (v) => v !== null && v !== undefined };
    case 'contains': {
      const needle = (filter.values[0] ?? '').toLocaleLowerCase();
      return { column, mayMatch: () => true, test: (v) => typeof v === 'string' && v.toLocaleLowerCase().includes(needle) };
    }
    case 'in':
      if (type.kind === 'boolean') {
        const wanted = new Set(filter.values.map((v) => v === 'true'));
        return { column, mayMatch: (s) => !usable(s) || [...wanted].some((w) => (w ? s.max === true : s.min === false)), test: (v) => typeof v === 'boolean' && wanted.has(v) };
      }
      return textSet(column, new Set(filter.values));
    case 'equals':
      if (type.kind === 'text') return textSet(column, new Set([filter.values[0] ?? '']));
      return range(column, type, bound(filter.values[0], type, title, false), bound(filter.values[0], type, title, true));
    case 'between':
      return range(column, type, bound(filter.values[0], type, title, false), bound(filter.values[1], type, title, true));
  }
}

function textSet(column: string, wanted: Set<string>): CompiledFilter {
  return {
    column,
    mayMatch: (s) => !usable(s) || [...wanted].some((w) => compareText(w, s.min as string) >= 0 && compareText(w, s.max as string) <= 0),
    test: (v) => typeof v === 'string' && wanted.has(v),
  };
}

function range(column: string, type: ParquetColumnType, low: Bound, high: Bound): CompiledFilter {
  return {
    column,
    mayMatch: (s) => {
      if (!usable(s)) return true;
      const min = comparableStatistic(s.min, type);
      const max = comparableStatistic(s.max, type);
      if (min === undefined || max === undefined) return true;
      if (typeof min === 'bigint' && typeof max === 'bigint' && type.kind === 'decimal') {
        // A unit of slack: the footer's decimal statistics were rounded through a float.
        return !((high !== null && min - 1n > (high as bigint)) || (low !== null && max + 1n < (low as bigint)));
      }
      return !((high !== null && min > high) || (low !== null && max < low));
    },
    test: (v) => {
      if (v === null || v === undefined) return false;
      const x = comparable(v, type);
      if (typeof x === 'number' && Number.isNaN(x)) return false;
      return (low === null || x >= low) && (high === null || x <= high);
    },
  };
}
