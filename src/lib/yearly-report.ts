import type { CatalogEntry } from './catalog.ts';
import type { InventoryItem } from './inventory.ts';
import type { Manifest } from '../schemas/manifest.ts';
import { yearOf } from './catalog-stats.ts';

/**
 * One year of the catalog, from version dates: what was first published, what got new versions,
 * what was retired, and what the inventory plans for the following year.
 */

export interface YearlyReport {
  year: number;
  /** First version in this year. */
  published: { entry: CatalogEntry; first: Manifest }[];
  /** New versions in this year, after the first publication (which may be in this year too). */
  updated: { entry: CatalogEntry; versions: Manifest[] }[];
  retired: { entry: CatalogEntry; date: string; reason: string }[];
  /** Unpublished datasets planned for the next year, as the inventory stands at this build. */
  planned: InventoryItem[];
  /** Every version published in this year. */
  versionCount: number;
}

/** Years with at least one published version or retirement, oldest first. */
export function reportYears(entries: CatalogEntry[]): number[] {
  const years = new Set<number>();
  for (const entry of entries) {
    for (const version of entry.versions) years.add(yearOf(version.version));
    if (entry.dataset.retired) years.add(yearOf(entry.dataset.retired.date));
  }
  return [...years].sort((a, b) => a - b);
}

export function yearlyReport(year: number, entries: CatalogEntry[], inventory: InventoryItem[]): YearlyReport {
  const byTitle = (a: { entry: CatalogEntry }, b: { entry: CatalogEntry }) => a.entry.dataset.title.localeCompare(b.entry.dataset.title, 'en');
  const published: YearlyReport['published'] = [];
  const updated: YearlyReport['updated'] = [];
  const retired: YearlyReport['retired'] = [];
  let versionCount = 0;
  for (const entry of entries) {
    // `versions` is newest first: the last one is the first publication.
    const first = entry.versions.at(-1)!;
    if (yearOf(first.version) === year) published.push({ entry, first });
    const later = entry.versions.filter((version) => version !== first && yearOf(version.version) === year);
    if (later.length > 0) updated.push({ entry, versions: later });
    versionCount += entry.versions.filter((version) => yearOf(version.version) === year).length;
    const retirement = entry.dataset.status === 'retired' ? entry.dataset.retired : undefined;
    if (retirement && yearOf(retirement.date) === year) retired.push({ entry, ...retirement });
  }
  const planned = inventory
    .filter((item) => item.stage === 'planned' && item.plannedPublication && yearOf(item.plannedPublication) === year + 1)
    .sort((a, b) => a.plannedPublication!.localeCompare(b.plannedPublication!) || a.title.localeCompare(b.title, 'en'));
  return { year, published: published.sort(byTitle), updated: updated.sort(byTitle), retired: retired.sort(byTitle), planned, versionCount };
}
