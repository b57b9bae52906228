import { frequencies, type FrequencyId } from '../schemas/vocabularies.ts';
import { formatDate } from './format.ts';

/**
 * When the next update of a dataset is expected, from its declared frequency and the date of its
 * latest version, and whether it is overdue. One rule, used by the page's key facts, its notice
 * and the quality scorecard's timeliness, so they can never disagree.
 *
 * The latest version's date is when the data last *changed* (a refresh that finds the same data
 * writes no new version), so "overdue" means: the publisher said the data changes this often, and
 * it has not. Dates are calendar days in UTC, like version ids.
 */
export type UpdateSchedule =
  /** Due on `due` (YYYY-MM-DD); not yet late on `today`. */
  | { kind: 'expected'; due: string; periodDays: number }
  /** `due` has passed: `daysLate` full days after it. */
  | { kind: 'overdue'; due: string; daysLate: number; periodDays: number }
  /** The publisher updates it when something changes, on no schedule. */
  | { kind: 'irregular' }
  /** Historical data: not updated any more by design. */
  | { kind: 'never' }
  /** Retired: no longer updated (see the retirement notice). */
  | { kind: 'retired' };

const DAY_MS = 86_400_000;

function dayNumber(value: string): number {
  const day = Date.parse(`${value.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(day)) throw new Error(`"${value}" is not a date (expected YYYY-MM-DD or an ISO 8601 instant)`);
  return day / DAY_MS;
}

function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * @param lastUpdate the latest version's snapshot instant (or date)
 * @param today the day the page is built (YYYY-MM-DD or an instant); the nightly rebuild keeps it current
 */
export function updateSchedule(options: { frequency: FrequencyId; lastUpdate: string; today: string; retired?: boolean }): UpdateSchedule {
  const { frequency, lastUpdate, today, retired = false } = options;
  if (retired) return { kind: 'retired' };
  const periodDays = frequencies[frequency].days;
  if (periodDays === null) return { kind: frequency === 'never' ? 'never' : 'irregular' };
  const due = dayNumber(lastUpdate) + periodDays;
  const late = dayNumber(today) - due;
  return late > 0 ? { kind: 'overdue', due: isoDay(due), daysLate: late, periodDays } : { kind: 'expected', due: isoDay(due), periodDays };
}

function days(n: number): string {
  return n === 1 ? '1 day' : `${n} days`;
}

/** The schedule in words: a short fact for the key facts, and a notice when the reader should know more. */
export function describeSchedule(schedule: UpdateSchedule): { fact: string; notice: string | null } {
  switch (schedule.kind) {
    case 'expected':
      return { fact: `Expected by ${formatDate(schedule.due)}`, notice: null };
    case 'overdue':
      return {
        fact: `Overdue: expected by ${formatDate(schedule.due)}`,
        notice:
          `This dataset is overdue for an update. It is meant to change at least every ${schedule.periodDays === 1 ? 'day' : days(schedule.periodDays)}, ` +
          `and the next version was expected by ${formatDate(schedule.due)}, ${days(schedule.daysLate)} ago. ` +
          'The data below may be out of date; the contact at the end of this page can tell you when it will be refreshed.',
      };
    case 'irregular':
      return { fact: 'No fixed date: it is updated when the data changes', notice: null };
    case 'never':
      return { fact: 'None: this is historical data that is not updated', notice: null };
    case 'retired':
      return { fact: 'None: this dataset is retired', notice: null };
  }
}

/** The day the site is built, in UTC: pages are static, so "overdue" is as of this day (the refresh rebuilds nightly). */
export const buildDay: string = new Date().toISOString().slice(0, 10);

/** The schedule of a catalog entry's latest version as of the build day. */
export function entrySchedule(entry: { dataset: { frequency: FrequencyId; status: string }; latest: { snapshotAt: string } }, today = buildDay): UpdateSchedule {
  return updateSchedule({ frequency: entry.dataset.frequency, lastUpdate: entry.latest.snapshotAt, today, retired: entry.dataset.status === 'retired' });
}
