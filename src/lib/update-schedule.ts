import { frequencies, type FrequencyId } from '../schemas/vocabularies.ts';

/**
 * When a dataset's next refresh is due, from its declared frequency and its latest snapshot. The
 * allowance per frequency is the vocabulary's `days` (a month is 31 days, a year 366), so a refresh
 * that lands on the last day of a long month is not called late. `irregular` and `never` are never due.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

function parseInstant(value: string): Date {
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) throw new Error(`"${value}" is not a date: expected YYYY-MM-DD or an ISO 8601 instant`);
  return date;
}

/** The instant the next version is expected (ISO 8601), or null when the frequency promises none. */
export function nextUpdate(frequency: FrequencyId, lastSnapshotIso: string): string | null {
  const days = frequencies[frequency].days;
  if (days === null) return null;
  return new Date(parseInstant(lastSnapshotIso).getTime() + days * DAY_MS).toISOString();
}

/**
 * True when the latest snapshot is older than the frequency allows at `now` (the build time on the
 * site: a static page says "overdue" as of its build, which the scheduled refresh keeps recent).
 */
export function isOverdue(frequency: FrequencyId, lastSnapshotIso: string, now: Date = new Date()): boolean {
  const due = nextUpdate(frequency, lastSnapshotIso);
  return due !== null && now.getTime() > new Date(due).getTime();
}
