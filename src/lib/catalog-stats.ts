import type { CatalogEntry } from './catalog.ts';
import { themeLabel, frequencyLabel } from './taxonomy.ts';
import { entrySchedule } from './next-update.ts';
import type { FrequencyId, ThemeId } from '../schemas/vocabularies.ts';

/**
 * The figures of the "catalog in numbers" page, from the catalog alone (no I/O), so they can be
 * tested with hand-made entries. `now` is the build time: overdue means "as of this build".
 */

export interface OverdueDataset {
  id: string;
  title: string;
  frequency: FrequencyId;
  lastSnapshot: string;
  /** The date the schedule is counted from: the newest record, or the latest version for undated data. */
  from: string;
  basis: 'records' | 'version';
  /** When the update was expected (ISO 8601 instant). */
  due: string;
}

export interface CatalogNumbers {
  /** Datasets still updated. */
  active: number;
  retired: number;
  /** Rows in the latest version of every active dataset. */
  rows: number;
  /** Every published version of every dataset, retired ones included. */
  versions: number;
  /** Published datasets per theme, retired ones included (as the theme pages and the home page count them). */
  perTheme: { theme: ThemeId; label: string; count: number }[];
  perFrequency: { frequency: FrequencyId; label: string; count: number }[];
  /** Active datasets, largest first. */
  rowsPerDataset: { id: string; title: string; rows: number }[];
  /** Versions published per calendar year, oldest year first. */
  versionsPerYear: { year: number; count: number }[];
  /** Active datasets, most recently updated first. */
  lastUpdates: { id: string; title: string; version: string; snapshotAt: string; rows: number }[];
  overdue: OverdueDataset[];
}

/** Year of a version id or an ISO date: "2026-01-01-2" → 2026. */
export function yearOf(dateOrVersion: string): number {
  return Number(dateOrVersion.slice(0, 4));
}

function countBy<K>(keys: K[]): Map<K, number> {
  const counts = new Map<K, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

export function catalogNumbers(entries: CatalogEntry[], now: Date): CatalogNumbers {
  const active = entries.filter((entry) => entry.dataset.status !== 'retired');
  // Every published dataset, retired ones included: the same count as the theme's page and the home page.
  const themes = countBy(entries.map((entry) => entry.dataset.theme));
  const schedules = countBy(active.map((entry) => entry.dataset.frequency));
  const years = countBy(entries.flatMap((entry) => entry.versions.map((version) => yearOf(version.version))));
  const byCountThenLabel = <T extends { count: number; label: string }>(a: T, b: T) => b.count - a.count || a.label.localeCompare(b.label, 'en');

  return {
    active: active.length,
    retired: entries.length - active.length,
    rows: active.reduce((sum, entry) => sum + entry.latest.rowCount, 0),
    versions: entries.reduce((sum, entry) => sum + entry.versions.length, 0),
    perTheme: [...themes].map(([theme, count]) => ({ theme, label: themeLabel(theme), count })).sort(byCountThenLabel),
    perFrequency: [...schedules].map(([frequency, count]) => ({ frequency, label: frequencyLabel(frequency), count })).sort(byCountThenLabel),
    rowsPerDataset: active.map((entry) => ({ id: entry.dataset.id, title: entry.dataset.title, rows: entry.latest.rowCount })).sort((a, b) => b.rows - a.rows || a.title.localeCompare(b.title, 'en')),
    versionsPerYear: [...years].map(([year, count]) => ({ year, count })).sort((a, b) => a.year - b.year),
    lastUpdates: active
      .map((entry) => ({
        id: entry.dataset.id,
        title: entry.dataset.title,
        version: entry.latest.version,
        snapshotAt: entry.latest.snapshotAt,
        rows: entry.latest.rowCount,
      }))
      .sort((a, b) => b.snapshotAt.localeCompare(a.snapshotAt) || a.title.localeCompare(b.title, 'en')),
    overdue: active
      .flatMap((entry) => {
        const schedule = entrySchedule(entry, now.toISOString().slice(0, 10));
        if (schedule.kind !== 'overdue') return [];
        return [
          {
            id: entry.dataset.id,
            title: entry.dataset.title,
            frequency: entry.dataset.frequency,
            lastSnapshot: entry.latest.snapshotAt,
            from: schedule.from,
            basis: schedule.basis,
            due: schedule.due,
          },
        ];
      })
      .sort((a, b) => a.due.localeCompare(b.due)),
  };
}
