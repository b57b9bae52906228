import type { Dataset } from '../schemas/dataset.ts';
import type { Field } from '../schemas/field.ts';
import type { Manifest } from '../schemas/manifest.ts';

/**
 * The one rule for "what period does this data cover": the dataset page, the timeliness measure
 * and every machine-readable export read it from here, so they cannot disagree.
 *
 * When the data has a column that dates a record (declared as `recordDate`, or else the first date
 * or date-time field in the dictionary, unless `recordDate: false` says there is none), the period is that column's first and last value in the
 * latest version's profile: the data's own dates, not the day it was published or checked. Only
 * when there is no such column, or it holds no dates, does the period fall back to the publisher's
 * declared `temporal` metadata.
 */

export type TemporalCoverage =
  /** From the data: first and last value of `column` (calendar days, YYYY-MM-DD). */
  | { source: 'records'; column: string; declared: boolean; start: string; end: string }
  /** From the metadata only: the data has no dated column with values; `end` null while it is still growing. */
  | { source: 'metadata'; start: string; end: string | null };

const DATE_PREFIX = /^(\d{4}-\d{2}-\d{2})(?:$|[ T])/;

/**
 * The calendar day of a profile value as PostgreSQL prints it: `2026-01-01`, `2026-01-01 02:51:11+00`
 * or `2026-01-01 09:05:00`. A date-time keeps the day it shows (UTC for `+00`, wall-clock time for a
 * timestamp without time zone). Null for anything else (BC dates, `infinity`, a generalised year).
 */
export function calendarDay(value: string | null | undefined): string | null {
  if (!value || value.endsWith(' BC')) return null;
  const match = DATE_PREFIX.exec(value);
  if (!match) return null;
  const day = match[1]!;
  return Number.isNaN(Date.parse(`${day}T00:00:00Z`)) ? null : day;
}

/**
 * The field that dates a record: the declared `recordDate`, else the first date or date-time field;
 * none when the metadata says `recordDate: false` (an inventory, whose dates describe things).
 */
export function recordDateField(dataset: Pick<Dataset, 'fields' | 'recordDate'>): { field: Field; declared: boolean } | null {
  if (dataset.recordDate === false) return null;
  if (dataset.recordDate !== undefined) {
    const field = dataset.fields.find((f) => f.name === dataset.recordDate);
    return field ? { field, declared: true } : null;
  }
  const field = dataset.fields.find((f) => f.type === 'date' || f.type === 'datetime');
  return field ? { field, declared: false } : null;
}

/** The period the latest version covers, by the rule above. */
export function temporalCoverage(dataset: Pick<Dataset, 'fields' | 'recordDate' | 'temporal'>, manifest: Pick<Manifest, 'profile'>): TemporalCoverage {
  const dated = recordDateField(dataset);
  const profile = dated ? manifest.profile.find((p) => p.name === dated.field.name) : undefined;
  const start = calendarDay(profile?.min);
  const end = calendarDay(profile?.max);
  if (dated && start && end) return { source: 'records', column: dated.field.name, declared: dated.declared, start, end };
  return { source: 'metadata', start: dataset.temporal.start, end: dataset.temporal.end ?? null };
}
