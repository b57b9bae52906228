import type { Dataset } from '../schemas/dataset.ts';
import type { Manifest } from '../schemas/manifest.ts';
import { frequencies, type FrequencyId } from '../schemas/vocabularies.ts';
import { temporalCoverage } from '../shared/temporal-coverage.ts';
import { formatDate } from './format.ts';

/**
 * When the next update of a dataset is expected, from its declared frequency and the newest date
 * the data itself holds, and whether it is overdue. One rule, used by the page's key facts, its
 * notice, the quality scorecard's timeliness and the numbers page, so they can never disagree.
 *
 * The data's own last date comes from `src/shared/temporal-coverage.ts`: the last value of the
 * column that dates a record. A daily dataset whose newest record is ten months old is ten months
 * late, however recently it was published or checked. Only a dataset without a dated column is
 * judged by the date of its latest version (when the data last *changed*: a refresh that finds the
 * same data writes no new version). Dates are calendar days in UTC, like version ids.
 */

/** What the schedule is judged from: the newest record's date, or the latest version's date. */
export type ScheduleBasis = 'records' | 'version';

export type UpdateSchedule =
  /** Due on `due` (YYYY-MM-DD); not yet late on `today`. `from` is the date it is counted from. */
  | { kind: 'expected'; due: string; periodDays: number; basis: ScheduleBasis; from: string }
  /** `due` has passed: `daysLate` full days after it. */
  | { kind: 'overdue'; due: string; daysLate: number; periodDays: number; basis: ScheduleBasis; from: string }
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
 * @param lastUpdate the newest record's date (basis `records`) or the latest version's snapshot instant (basis `version`)
 * @param today the day the page is built (YYYY-MM-DD or an instant); the nightly rebuild keeps it current
 */
export function updateSchedule(options: { frequency: FrequencyId; lastUpdate: string; today: string; retired?: boolean; basis?: ScheduleBasis }): UpdateSchedule {
  const { frequency, lastUpdate, today, retired = false, basis = 'version' } = options;
  if (retired) return { kind: 'retired' };
  const periodDays = frequencies[frequency].days;
  if (periodDays === null) return { kind: frequency === 'never' ? 'never' : 'irregular' };
  const from = dayNumber(lastUpdate);
  const due = from + periodDays;
  const late = dayNumber(today) - due;
  const common = { due: isoDay(due), periodDays, basis, from: isoDay(from) };
  return late > 0 ? { kind: 'overdue', daysLate: late, ...common } : { kind: 'expected', ...common };
}

/** The date a dataset's schedule is counted from: its newest record when the data is dated, else its latest version. */
export function scheduleBasis(dataset: Pick<Dataset, 'fields' | 'recordDate' | 'temporal'>, manifest: Pick<Manifest, 'profile' | 'snapshotAt'>): { basis: ScheduleBasis; lastUpdate: string } {
  const coverage = temporalCoverage(dataset, manifest);
  return coverage.source === 'records' ? { basis: 'records', lastUpdate: coverage.end } : { basis: 'version', lastUpdate: manifest.snapshotAt };
}

function days(n: number): string {
  return n === 1 ? '1 day' : `${n} days`;
}

/** The schedule in words: a short fact for the key facts, and a notice when the reader should know more. */
export function describeSchedule(schedule: UpdateSchedule): { fact: string; notice: string | null } {
  switch (schedule.kind) {
    case 'expected':
      return { fact: schedule.basis === 'records' ? `Newer records expected by ${formatDate(schedule.due)}` : `Expected by ${formatDate(schedule.due)}`, notice: null };
    case 'overdue': {
      const every = schedule.periodDays === 1 ? 'day' : days(schedule.periodDays);
      const late = `${formatDate(schedule.due)}, ${days(schedule.daysLate)} ago`;
      return schedule.basis === 'records'
        ? {
            fact: `Overdue: newer records were expected by ${formatDate(schedule.due)}`,
            notice:
              `This dataset is overdue for an update. It is meant to be updated every ${every}, but its newest record is from ` +
              `${formatDate(schedule.from)}: newer records were expected by ${late}. ` +
              'The data below may be out of date; the contact at the end of this page can tell you when it will be refreshed.',
          }
        : {
            fact: `Overdue: expected by ${formatDate(schedule.due)}`,
            notice:
              `This dataset is overdue for an update. It is meant to change at least every ${every}, ` +
              `and the next version was expected by ${late}. ` +
              'The data below may be out of date; the contact at the end of this page can tell you when it will be refreshed.',
          };
    }
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

/** The schedule of a dataset's latest version as of `today`, counted from `scheduleBasis`. */
export function datasetSchedule(dataset: Dataset, manifest: Manifest, today: string): UpdateSchedule {
  return updateSchedule({ frequency: dataset.frequency, today, retired: dataset.status === 'retired', ...scheduleBasis(dataset, manifest) });
}

/** The schedule of a catalog entry's latest version as of the build day. */
export function entrySchedule(entry: { dataset: Dataset; latest: Manifest }, today = buildDay): UpdateSchedule {
  return datasetSchedule(entry.dataset, entry.latest, today);
}
