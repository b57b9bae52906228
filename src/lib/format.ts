import { siteConfig } from '../site.config.ts';
import type { FieldType } from '../schemas/field.ts';
import { formatBytes as formatBytesIn } from '../shared/format-bytes.ts';

/**
 * Formatting for people: sizes, counts and dates in plain English. Dates are shown in UTC because
 * version ids are UTC dates; showing local time could put a snapshot on a different day than its id.
 */

const integerFormat = new Intl.NumberFormat(siteConfig.language, { maximumFractionDigits: 0 });
const decimalFormat = new Intl.NumberFormat(siteConfig.language, { maximumFractionDigits: 1 });
const dateFormat = new Intl.DateTimeFormat(siteConfig.language, {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** 1234567 → "1,234,567". */
export function formatInteger(value: number): string {
  return integerFormat.format(value);
}

/** File size in SI units in the site's language: 1234567 → "1.2 MB", 1 → "1 byte". */
export function formatBytes(bytes: number): string {
  return formatBytesIn(bytes, siteConfig.language);
}

/** A share as a percentage a reader can compare: 0 → "0%", 0.0004 → "under 0.1%", 0.25 → "25%". */
export function formatShare(part: number, whole: number): string {
  if (whole === 0 || part === 0) return '0%';
  const share = (part / whole) * 100;
  if (share < 0.1) return 'under 0.1%';
  return `${decimalFormat.format(share)}%`;
}

/** Accepts a date (YYYY-MM-DD) or an ISO instant; throws on anything else rather than print "Invalid Date". */
function toDate(value: string): Date {
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) throw new Error(`Cannot format "${value}" as a date: expected YYYY-MM-DD or an ISO 8601 instant`);
  return date;
}

/** "2026-01-01" or "2026-01-01T02:00:00Z" → "January 1, 2026". */
export function formatDate(value: string): string {
  return dateFormat.format(toDate(value));
}

/** The machine-readable form for `<time datetime>`: the calendar date in UTC. */
export function isoDate(value: string): string {
  return toDate(value).toISOString().slice(0, 10);
}

/** "January 1, 2020 to December 31, 2024", or "since January 1, 2020" while the data is still growing. */
export function formatPeriod(start: string, end?: string): string {
  return end ? `${formatDate(start)} to ${formatDate(end)}` : `Since ${formatDate(start)}`;
}

const fieldTypeLabels: Record<FieldType, string> = {
  string: 'Text',
  integer: 'Whole number',
  number: 'Number',
  boolean: 'Yes or no',
  date: 'Date',
  datetime: 'Date and time',
  time: 'Time of day',
  duration: 'Duration',
};

/** The published column type in words a reader knows. */
export function fieldTypeLabel(type: FieldType): string {
  return fieldTypeLabels[type];
}
