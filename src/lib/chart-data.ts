import type { Dataset } from '../schemas/dataset.ts';
import type { ColumnProfile, Manifest } from '../schemas/manifest.ts';
import { formatInteger, formatShare } from './format.ts';

/**
 * Which charts a dataset page shows and what they say, from the column profiles alone (the build
 * never reads the data files for a page). Each chart is a table of labelled counts: the page prints
 * the table (it works without JavaScript and is what screen readers read) and the chart script
 * draws from that same table, so the two cannot disagree.
 */

export type ChartKind = 'histogram' | 'categories' | 'timeline';

export interface ChartSpec {
  kind: ChartKind;
  column: string;
  title: string;
  /** Header of the label column in the table. */
  labelHeader: string;
  rows: { label: string; count: number }[];
  /** Plain-language summary of what the chart shows. */
  summary: string;
}

export const MAX_CHARTS = { timeline: 1, categories: 2, histogram: 2 } as const;

const monthFormat = new Intl.DateTimeFormat('en', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "2026-03" → "March 2026"; "2026" stays. */
export function periodLabel(period: string): string {
  return /^\d{4}-\d{2}$/.test(period) ? monthFormat.format(new Date(`${period}-01T00:00:00Z`)) : period;
}

function categoryLabel(value: string | null, type: string): string {
  if (value === null) return '(empty)';
  if (type === 'boolean') return value === 't' || value === 'true' ? 'Yes' : 'No';
  return value === '' ? '(blank text)' : value;
}

function rowsWord(n: number): string {
  return n === 1 ? '1 row' : `${formatInteger(n)} rows`;
}

function listOf(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function timeline(title: string, profile: ColumnProfile): ChartSpec | null {
  if (profile.histogram.length < 2) return null;
  const yearly = !profile.histogram[0]!.from.includes('-');
  const unit = yearly ? 'year' : 'month';
  const rows = profile.histogram.map((bin) => ({ label: periodLabel(bin.from), count: bin.count }));
  const counts = rows.map((r) => r.count);
  const busiest = rows.reduce((a, b) => (b.count > a.count ? b : a));
  return {
    kind: 'timeline',
    column: profile.name,
    title: `Records per ${unit}, by ${title.toLowerCase()}`,
    labelHeader: yearly ? 'Year' : 'Month',
    rows,
    summary:
      `From ${rows[0]!.label} to ${rows.at(-1)!.label}, between ${formatInteger(Math.min(...counts))} and ${formatInteger(Math.max(...counts))} records per ${unit}` +
      ` (the table lists only ${unit}s with records). The busiest ${unit} was ${busiest.label}, with ${rowsWord(busiest.count)}.`,
  };
}

function categories(title: string, type: string, profile: ColumnProfile, rowCount: number): ChartSpec | null {
  // Free text and identifiers: every value appears once, a chart of them says nothing.
  if (profile.top.length < 2 || profile.top[0]!.count < 2) return null;
  const rows = profile.top.map((t) => ({ label: categoryLabel(t.value, type), count: t.count }));
  const shown = rows.slice(0, 3).map((r) => `“${r.label}” (${rowsWord(r.count)}, ${formatShare(r.count, rowCount)})`);
  const of = profile.distinct > rows.length ? `the ${rows.length} most common of ${profile.distinctEstimated ? 'about ' : ''}${formatInteger(profile.distinct)} different values` : rows.length === 2 ? 'both values' : `all ${rows.length} values`;
  const estimated = profile.topEstimated ? ' With this many different values the counts are estimates, made on a sample of the rows.' : '';
  return {
    kind: 'categories',
    column: profile.name,
    title: `Most common values of ${title.toLowerCase()}`,
    labelHeader: title,
    rows,
    summary: `The chart shows ${of}. The most common ${shown.length > 1 ? `are ${listOf(shown)}` : `is ${shown[0]}`}.${estimated}`,
  };
}

function histogram(title: string, unit: string | undefined, profile: ColumnProfile): ChartSpec | null {
  if (profile.histogram.length < 2) return null;
  const u = unit ? ` ${unit}` : '';
  const rows = profile.histogram.map((bin) => ({ label: `${bin.from} to ${bin.to}`, count: bin.count }));
  const total = rows.reduce((sum, r) => sum + r.count, 0);
  const peak = rows.reduce((a, b) => (b.count > a.count ? b : a));
  return {
    kind: 'histogram',
    column: profile.name,
    title: `Distribution of ${title.toLowerCase()}`,
    labelHeader: `${title}${unit ? ` (${unit})` : ''}`,
    rows,
    summary:
      `Values range from ${profile.min}${u} to ${profile.max}${u}, split into ${rows.length} equal ranges. ` +
      `The most common range is ${peak.label}${u}, with ${rowsWord(peak.count)} (${formatShare(peak.count, total)} of the filled-in values).`,
  };
}

/** The charts for a version: one timeline, then up to two category and two distribution charts, in dictionary order. */
export function chartsFor(dataset: Dataset, manifest: Manifest): ChartSpec[] {
  const profiles = new Map(manifest.profile.map((p) => [p.name, p]));
  const found: Record<ChartKind, ChartSpec[]> = { timeline: [], categories: [], histogram: [] };
  for (const field of dataset.fields) {
    const profile = profiles.get(field.name);
    // Keys identify rows, they are not a distribution; hashed values have no profile values anyway.
    if (!profile || dataset.primaryKey.includes(field.name) || field.transform?.method === 'hash') continue;
    let spec: ChartSpec | null = null;
    if (field.type === 'date' || field.type === 'datetime') spec = timeline(field.title, profile);
    else if (field.type === 'string' || field.type === 'boolean') spec = categories(field.title, field.type, profile, manifest.rowCount);
    else if (field.type === 'integer' || field.type === 'number') spec = histogram(field.title, field.unit, profile);
    if (spec && found[spec.kind].length < MAX_CHARTS[spec.kind]) found[spec.kind].push(spec);
  }
  return [...found.timeline, ...found.categories, ...found.histogram];
}
