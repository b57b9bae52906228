import { describe, expect, it } from 'vitest';
import type { CatalogEntry } from './catalog.ts';
import type { InventoryItem } from './inventory.ts';
import { catalogNumbers } from './catalog-stats.ts';
import { reportYears, yearlyReport } from './yearly-report.ts';

/** Only the fields the statistics read; the rest of a dataset does not matter here. */
function entry(id: string, options: { theme?: string; frequency?: string; versions: string[]; rows?: number; retired?: { date: string; reason: string } }): CatalogEntry {
  const versions = [...options.versions]
    .sort()
    .reverse()
    .map((version) => ({
      version,
      snapshotAt: `${version.slice(0, 10)}T04:00:00Z`,
      rowCount: options.rows ?? 10,
      profile: [],
    }));
  return {
    dataset: {
      id,
      title: id.replace(/-/g, ' '),
      theme: options.theme ?? 'transport',
      frequency: options.frequency ?? 'monthly',
      status: options.retired ? 'retired' : 'approved',
      retired: options.retired,
      fields: [],
      temporal: { start: '2020-01-01' },
    },
    versions,
    latest: versions[0],
  } as unknown as CatalogEntry;
}

const catalog = [
  entry('bus-stops', { theme: 'transport', frequency: 'monthly', versions: ['2025-03-01', '2026-01-10'], rows: 500 }),
  entry('bike-counts', { theme: 'transport', frequency: 'weekly', versions: ['2026-02-20'], rows: 2_000 }),
  entry('park-benches', { theme: 'environment', frequency: 'annual', versions: ['2026-02-01'], rows: 40 }),
  entry('parking-meters', {
    theme: 'transport',
    frequency: 'monthly',
    versions: ['2024-12-31', '2025-06-30'],
    rows: 900,
    retired: { date: '2025-07-15', reason: 'Meters replaced by the app.' },
  }),
];

describe('catalogNumbers', () => {
  const numbers = catalogNumbers(catalog, new Date('2026-03-01T00:00:00Z'));

  it('counts active datasets, their rows and every version, retired ones apart', () => {
    expect(numbers).toMatchObject({ active: 3, retired: 1, rows: 2_540, versions: 6 });
  });

  it('groups active datasets by theme and frequency, largest group first', () => {
    // Retired datasets count in their theme, as on the theme's page and the home page.
    expect(numbers.perTheme.map((t) => [t.theme, t.count])).toEqual([
      ['transport', 3],
      ['environment', 1],
    ]);
    expect(numbers.perFrequency.map((f) => f.frequency).sort()).toEqual(['annual', 'monthly', 'weekly']);
    expect(numbers.versionsPerYear).toEqual([
      { year: 2024, count: 1 },
      { year: 2025, count: 2 },
      { year: 2026, count: 3 },
    ]);
  });

  it('lists as overdue only active datasets older than their frequency allows, retired ones never', () => {
    // bus-stops: monthly, last 2026-01-10 (due 2026-02-10); bike-counts: weekly, last 2026-02-20 (due 2026-02-27).
    expect(numbers.overdue.map((o) => [o.id, o.due.slice(0, 10)])).toEqual([
      ['bus-stops', '2026-02-10'],
      ['bike-counts', '2026-02-27'],
    ]);
  });

  it('orders the last updates newest first', () => {
    expect(numbers.lastUpdates.map((u) => u.id)).toEqual(['bike-counts', 'park-benches', 'bus-stops']);
  });
});

describe('yearlyReport', () => {
  const planned = {
    id: 'tree-pruning',
    title: 'Tree pruning',
    stage: 'planned',
    plannedPublication: '2026-05-01',
  } as unknown as InventoryItem;
  const later = { ...planned, id: 'later', plannedPublication: '2027-01-01' } as InventoryItem;

  it('has a report for every year with a version or a retirement', () => {
    expect(reportYears(catalog)).toEqual([2024, 2025, 2026]);
  });

  it('tells first publications from updates, and lists retirements and next year’s plans', () => {
    const report = yearlyReport(2025, catalog, [planned, later]);
    expect(report.published.map((p) => p.entry.dataset.id)).toEqual(['bus-stops']);
    expect(report.updated.map((u) => [u.entry.dataset.id, u.versions.map((v) => v.version)])).toEqual([['parking-meters', ['2025-06-30']]]);
    expect(report.retired.map((r) => [r.entry.dataset.id, r.date])).toEqual([['parking-meters', '2025-07-15']]);
    expect(report.planned.map((p) => p.id)).toEqual(['tree-pruning']);
    expect(report.versionCount).toBe(2);
  });

  it('counts a dataset first published and updated in the same year in both lists', () => {
    const twice = entry('noise-levels', { versions: ['2026-01-05', '2026-02-05'] });
    const report = yearlyReport(2026, [twice], []);
    expect(report.published.map((p) => p.first.version)).toEqual(['2026-01-05']);
    expect(report.updated[0]!.versions.map((v) => v.version)).toEqual(['2026-02-05']);
  });
});
