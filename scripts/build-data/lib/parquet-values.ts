import { DATE_INFINITY, daysFromCivil, TIMESTAMP_INFINITY } from '../../../src/shared/parquet-columns.ts';
import { FormatNotWritable } from '../errors.ts';

/**
 * Parsers from PostgreSQL's text output (the COPY bytes of one value, as the session prints them:
 * DateStyle ISO, TimeZone UTC) to the physical values of `data.parquet`, reading the bytes without
 * making a string where the value allows it. src/shared/parquet-columns.ts turns the values back
 * into the same text; the tests hold the two to each other.
 */

const MINUS = 45;
const DOT = 46;
const ZERO = 48;

/** A decimal integer; a number when it has at most 15 digits (always exact), else a bigint. */
export function parseInteger(buf: Buffer, s: number, e: number): number | bigint {
  const negative = buf[s] === MINUS;
  let i = negative || buf[s] === 43 ? s + 1 : s;
  if (e - i > 15) return BigInt(buf.toString('latin1', s, e));
  let n = 0;
  for (; i < e; i++) n = n * 10 + (buf[i]! - ZERO);
  return negative ? -n : n;
}

/**
 * numeric's text as the unscaled integer of a DECIMAL with `scale` digits after the point. Throws
 * FormatNotWritable for NaN and infinity (a DECIMAL cannot hold them) and for more decimals than
 * the scale (which the column's declared scale rules out).
 */
export function parseDecimal(buf: Uint8Array, s: number, e: number, scale: number, column: string): number | bigint {
  const negative = buf[s] === MINUS;
  let i = negative ? s + 1 : s;
  let n = 0;
  let digits = 0;
  let fraction = -1;
  let big: string | null = null;
  for (; i < e; i++) {
    const b = buf[i]!;
    if (b === DOT && fraction < 0) {
      fraction = 0;
      continue;
    }
    const d = b - ZERO;
    if (d < 0 || d > 9) throw new FormatNotWritable(`the column "${column}" holds NaN or infinity, which a Parquet DECIMAL cannot hold`);
    if (fraction >= 0) fraction++;
    digits++;
    if (big !== null) big += String.fromCharCode(b);
    else if (digits > 15) big = String(n) + String.fromCharCode(b);
    else n = n * 10 + d;
  }
  if (fraction < 0) fraction = 0;
  if (fraction > scale) throw new FormatNotWritable(`the column "${column}" holds a value with more than its ${scale} declared decimals`);
  const pad = scale - fraction;
  if (big === null && digits + pad <= 15) {
    const unscaled = n * 10 ** pad;
    return negative ? -unscaled : unscaled;
  }
  const unscaled = BigInt(big ?? String(n)) * 10n ** BigInt(pad);
  return negative ? -unscaled : unscaled;
}

/** A run of ASCII digits as a number. */
function digitsAt(buf: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + (buf[i]! - ZERO);
  return n;
}

/** Whether the value ends in " BC" (PostgreSQL's era for years before 1). */
function isBc(buf: Uint8Array, e: number): boolean {
  return buf[e - 1] === 67 && buf[e - 2] === 66 && buf[e - 3] === 32;
}

/** Where the last date or clock parsed ended (module scratch: the parsers run per value and allocate nothing). */
let parsedEnd = 0;

/** Parses `YYYY-MM-DD` at `s` (the year may have more digits) into days; sets `parsedEnd`. */
function parseDatePart(buf: Uint8Array, s: number, e: number, bc: boolean): number {
  let dash = s;
  while (dash < e && buf[dash] !== MINUS) dash++;
  if (dash + 6 > e) throw new Error('internal: a date value is not in the form PostgreSQL prints with DateStyle ISO');
  const year = digitsAt(buf, s, dash);
  const month = digitsAt(buf, dash + 1, dash + 3);
  const day = digitsAt(buf, dash + 4, dash + 6);
  parsedEnd = dash + 6;
  return daysFromCivil(bc ? 1 - year : year, month, day);
}

/** date's text as days since 1970-01-01; `infinity` and `-infinity` as the INT32 extremes. */
export function parseDate(buf: Uint8Array, s: number, e: number): number {
  if (buf[s] === 105) return DATE_INFINITY; // "infinity"
  if (buf[s] === MINUS) return -DATE_INFINITY; // "-infinity"
  return parseDatePart(buf, s, e, isBc(buf, e));
}

/** `HH:MM:SS[.ffffff]` at `s` as microseconds; sets `parsedEnd`. */
function parseClock(buf: Uint8Array, s: number, e: number): number {
  const seconds = digitsAt(buf, s, s + 2) * 3600 + digitsAt(buf, s + 3, s + 5) * 60 + digitsAt(buf, s + 6, s + 8);
  let i = s + 8;
  let fraction = 0;
  if (buf[i] === DOT) {
    let scale = 100_000;
    for (i++; i < e && buf[i]! >= ZERO && buf[i]! <= ZERO + 9; i++) {
      fraction += (buf[i]! - ZERO) * scale;
      scale /= 10;
    }
  }
  parsedEnd = i;
  return seconds * 1_000_000 + fraction;
}

/** time's text as microseconds since midnight (24:00:00 is 86,400,000,000). */
export function parseTime(buf: Uint8Array, s: number, e: number): number {
  return parseClock(buf, s, e);
}

/**
 * timestamp's text as microseconds since 1970-01-01 00:00 (UTC for timestamptz: an offset, which
 * the UTC session prints as +00, is taken off); `infinity` and `-infinity` as the INT64 extremes.
 * A number while exact (years up to about 2255), else a bigint. PostgreSQL counts from 2000, so
 * its last 29 years (after 294247-01-10) do not fit: FormatNotWritable.
 */
export function parseTimestamp(buf: Uint8Array, s: number, e: number, column: string): number | bigint {
  if (buf[s] === 105) return TIMESTAMP_INFINITY;
  if (buf[s] === MINUS) return -TIMESTAMP_INFINITY;
  const days = parseDatePart(buf, s, e, isBc(buf, e));
  const micros = parseClock(buf, parsedEnd + 1, e);
  let offset = 0;
  const at = parsedEnd + 1;
  const sign = buf[parsedEnd];
  if (sign === 43 || sign === MINUS) {
    offset = digitsAt(buf, at, at + 2) * 3600;
    if (buf[at + 2] === 58) offset += digitsAt(buf, at + 3, at + 5) * 60;
    if (buf[at + 5] === 58) offset += digitsAt(buf, at + 6, at + 8);
    if (sign === MINUS) offset = -offset;
  }
  const fraction = micros % 1_000_000;
  const seconds = days * 86_400 + (micros - fraction) / 1_000_000 - offset;
  if (Math.abs(seconds) < 9_000_000_000) return seconds * 1_000_000 + fraction;
  const exact = BigInt(seconds) * 1_000_000n + BigInt(fraction);
  if (exact >= TIMESTAMP_INFINITY || exact <= -TIMESTAMP_INFINITY) {
    throw new FormatNotWritable(`the column "${column}" holds a timestamp after 294247-01-10, later than Parquet's microseconds since 1970 can count`);
  }
  return exact;
}
