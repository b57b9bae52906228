import type { Dataset } from '../schemas/dataset.ts';
import type { Field } from '../schemas/field.ts';
import type { ColumnProfile, Manifest } from '../schemas/manifest.ts';
import { fieldRole } from '../shared/field-role.ts';
import { recordDateField, temporalCoverage } from '../shared/temporal-coverage.ts';
import { formatDate, formatInteger, formatShare } from './format.ts';

/**
 * Which charts a dataset page shows and what they say, from the column profiles alone (the build
 * never reads the data files for a page). Each chart is a table of labelled counts: the page prints
 * the table (it works without JavaScript and is what screen readers read) and the chart script
 * draws from that same table, so the two cannot disagree.
 *
 * Charts are chosen by what a column means (its role, see src/shared/field-role.ts), not only by
 * its type: identifiers, codes, coordinates, house numbers and free text are never drawn as
 * distributions; records over time are drawn only for the column that dates a record, by a period
 * that fits the span, with a partial first or last period marked; categories only when there are few.
 */

export type ChartKind = 'histogram' | 'categories' | 'timeline';

export interface ChartRow {
  label: string;
  count: number;
  /** The period is not complete in the data (it starts after its first day or ends before its last). */
  partial?: boolean;
}

export interface ChartSpec {
  kind: ChartKind;
  column: string;
  title: string;
  /** Header of the label column in the table. */
  labelHeader: string;
  /** Header of the count column: what is counted. */
  countHeader: string;
  rows: ChartRow[];
  /** Plain-language summary of what the chart shows. */
  summary: string;
}

export const MAX_CHARTS = { timeline: 1, categories: 2, histogram: 2 } as const;
/** More different values than this and a bar per value says nothing: no categories chart. */
export const MAX_CATEGORIES = 12;
/** Fewer different values than this and a distribution is not a shape: no histogram. */
export const MIN_HISTOGRAM_VALUES = 8;

const monthFormat = new Intl.DateTimeFormat('en', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "2026-03" → "March 2026"; "2026-Q1" → "Jan–Mar 2026"; "2026" stays. */
export function periodLabel(period: string): string {
  if (/^\d{4}-\d{2}$/.test(period)) return monthFormat.format(new Date(`${period}-01T00:00:00Z`));
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return `${['Jan–Mar', 'Apr–Jun', 'Jul–Sep', 'Oct–Dec'][Number(quarter[2]) - 1]} ${quarter[1]}`;
  return period;
}

/**
 * What a row is, in the plural, for chart titles: "one service request made to 311" → "Service
 * requests". Falls back to "Rows" when the row meaning does not read as one countable thing.
 */
export function rowNoun(rowMeaning: string): string {
  const match = /^(?:one|a|an|each)\s+(.+)$/i.exec(rowMeaning.trim());
  if (!match) return 'Rows';
  const [head = '', rest = ''] = match[1]!.split(/\s+(?=(?:made|in|on|at|to|from|by|with|that|which|where|for|of|per)\b)|[,;(]/, 2);
  // "one bus route on one service day": a row is a combination, not one thing.
  if (/\b(one|each|per)\b/i.test(rest) || head.split(/\s+/).length > 3 || head.length < 2) return 'Rows';
  const words = head.split(/\s+/);
  const last = words.pop()!;
  const plural = /(s|x|z|ch|sh)$/i.test(last) ? `${last}es` : /[^aeiou]y$/i.test(last) ? `${last.slice(0, -1)}ies` : `${last}s`;
  const phrase = [...words, plural].join(' ');
  return phrase.charAt(0).toUpperCase() + phrase.slice(1);
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

type Unit = 'month' | 'quarter' | 'year';

/** The period a profile bin ("2026-03" or "2026") falls in, at `unit`. */
function periodOf(bin: string, unit: Unit): string {
  if (unit === 'year') return bin.slice(0, 4);
  if (unit === 'quarter') return `${bin.slice(0, 4)}-Q${Math.floor((Number(bin.slice(5, 7)) - 1) / 3) + 1}`;
  return bin;
}

/** Every period from `first` to `last` inclusive, so a period without records shows as 0, not as a gap. */
function periodsBetween(first: string, last: string, unit: Unit): string[] {
  const index = (p: string) => {
    const year = Number(p.slice(0, 4));
    if (unit === 'year') return year;
    if (unit === 'quarter') return year * 4 + Number(p.slice(6)) - 1;
    return year * 12 + Number(p.slice(5, 7)) - 1;
  };
  const name = (i: number) => {
    if (unit === 'year') return String(i).padStart(4, '0');
    if (unit === 'quarter') return `${String(Math.floor(i / 4)).padStart(4, '0')}-Q${(i % 4) + 1}`;
    return `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;
  };
  const out: string[] = [];
  for (let i = index(first); i <= index(last); i++) out.push(name(i));
  return out;
}

/** First and last calendar day of a period. */
function periodBounds(period: string, unit: Unit): [string, string] {
  const year = Number(period.slice(0, 4));
  const [firstMonth, months] = unit === 'year' ? [0, 12] : unit === 'quarter' ? [(Number(period.slice(6)) - 1) * 3, 3] : [Number(period.slice(5, 7)) - 1, 1];
  const start = new Date(Date.UTC(year, firstMonth, 1));
  const end = new Date(Date.UTC(year, firstMonth + months, 0));
  return [start.toISOString().slice(0, 10), end.toISOString().slice(0, 10)];
}

function timeline(dataset: Dataset, field: Field, profile: ColumnProfile, manifest: Manifest): ChartSpec | null {
  if (profile.histogram.length < 2) return null;
  const yearly = !profile.histogram[0]!.from.includes('-');
  // A point per month up to five years, per quarter up to ten (the profile counts years beyond).
  const months = yearly ? Infinity : periodsBetween(profile.histogram[0]!.from, profile.histogram.at(-1)!.from, 'month').length;
  const unit: Unit = yearly || months > 120 ? 'year' : months > 60 ? 'quarter' : 'month';
  const counts = new Map<string, number>();
  for (const bin of profile.histogram) counts.set(periodOf(bin.from, unit), (counts.get(periodOf(bin.from, unit)) ?? 0) + bin.count);
  const periods = periodsBetween(periodOf(profile.histogram[0]!.from, unit), periodOf(profile.histogram.at(-1)!.from, unit), unit);
  const coverage = temporalCoverage(dataset, manifest);
  const span = coverage.source === 'records' && coverage.column === field.name ? coverage : null;
  const rows: ChartRow[] = periods.map((period, index) => {
    const [first, last] = periodBounds(period, unit);
    const partial = span !== null && ((index === 0 && span.start > first) || (index === periods.length - 1 && span.end < last));
    return { label: periodLabel(period), count: counts.get(period) ?? 0, ...(partial ? { partial: true } : {}) };
  });
  const whole = rows.filter((r) => !r.partial);
  const basis = whole.length > 0 ? whole : rows;
  const values = basis.map((r) => r.count);
  const busiest = basis.reduce((a, b) => (b.count > a.count ? b : a));
  const noun = rowNoun(dataset.rowMeaning);
  const lastRow = rows.at(-1)!;
  const firstRow = rows[0]!;
  const partialNotes = [
    firstRow.partial && span ? `The first ${unit}, ${firstRow.label}, is partial: the records start on ${formatDate(span.start)}.` : '',
    lastRow.partial && span ? `The last ${unit}, ${lastRow.label}, is partial: the records end on ${formatDate(span.end)}, so its lower count does not mean a drop.` : '',
  ].filter(Boolean);
  return {
    kind: 'timeline',
    column: profile.name,
    title: `${noun} per ${unit}, by ${field.title.toLowerCase()}`,
    labelHeader: unit === 'year' ? 'Year' : unit === 'quarter' ? 'Quarter' : 'Month',
    countHeader: noun,
    rows: rows.map((r) => (r.partial ? { ...r, label: `${r.label} (partial)` } : r)),
    summary: [
      `From ${firstRow.label} to ${lastRow.label}, between ${formatInteger(Math.min(...values))} and ${formatInteger(Math.max(...values))} ${noun.toLowerCase()} per ${unit}` +
        `${whole.length < rows.length ? ` in the complete ${unit}s` : ''}. The busiest ${unit} was ${busiest.label}, with ${formatInteger(busiest.count)}.`,
      ...partialNotes,
    ].join(' '),
  };
}

function categories(dataset: Dataset, field: Field, profile: ColumnProfile, rowCount: number, rows: ChartRow[]): ChartSpec | null {
  if (rows.length < 2 || profile.distinct > MAX_CATEGORIES) return null;
  const noun = rowNoun(dataset.rowMeaning);
  const shown = rows.slice(0, 3).map((r) => `“${r.label}” (${rowsWord(r.count)}, ${formatShare(r.count, rowCount)})`);
  const of = profile.distinct > rows.length ? `the ${rows.length} most common of ${formatInteger(profile.distinct)} different values` : rows.length === 2 ? 'both values' : `all ${rows.length} values`;
  const estimated = profile.topEstimated ? ' With this many different values the counts are estimates, made on a sample of the rows.' : '';
  return {
    kind: 'categories',
    column: profile.name,
    title: `${noun} by ${field.title.toLowerCase()}`,
    labelHeader: field.title,
    countHeader: noun,
    rows,
    summary: `The chart shows ${of}. The most common ${shown.length > 1 ? `are ${listOf(shown)}` : `is ${shown[0]}`}.${estimated}`,
  };
}

/** Category rows of a text or yes/no column, from its most common values. */
function topRows(field: Field, profile: ColumnProfile): ChartRow[] {
  // Free text and identifiers: every value appears once, a chart of them says nothing.
  if (profile.top.length < 2 || profile.top[0]!.count < 2) return [];
  return profile.top.map((t) => ({ label: categoryLabel(t.value, field.type), count: t.count }));
}

/**
 * Category rows of a whole-number code or category (a ward number) from its histogram, when each
 * non-empty bin is narrower than one, so it holds exactly one whole number.
 */
function integerRows(field: Field, profile: ColumnProfile): ChartRow[] {
  if (field.type !== 'integer' || profile.histogram.length === 0) return [];
  const bins = profile.histogram.filter((b) => b.count > 0);
  if (bins.some((b) => Number(b.to) - Number(b.from) >= 1)) return [];
  const rows = bins.map((b) => ({ label: String(Math.ceil(Number(b.from))), count: b.count }));
  // Codes and years read best in their own order.
  return new Set(rows.map((r) => r.label)).size === rows.length ? rows.sort((a, b) => Number(a.label) - Number(b.label)) : [];
}

function histogram(dataset: Dataset, field: Field, profile: ColumnProfile): ChartSpec | null {
  if (profile.histogram.length < 2 || profile.distinct < MIN_HISTOGRAM_VALUES) return null;
  const unit = field.unit;
  const u = unit ? ` ${unit}` : '';
  const rows = profile.histogram.map((bin) => ({ label: `${bin.from} to ${bin.to}`, count: bin.count }));
  const total = rows.reduce((sum, r) => sum + r.count, 0);
  const peak = rows.reduce((a, b) => (b.count > a.count ? b : a));
  const noun = rowNoun(dataset.rowMeaning);
  return {
    kind: 'histogram',
    column: profile.name,
    title: `${noun} by ${field.title.toLowerCase()}${unit ? ` (${unit})` : ''}`,
    labelHeader: `${field.title}${unit ? ` (${unit})` : ''}`,
    countHeader: noun,
    rows,
    summary:
      `Values range from ${profile.min}${u} to ${profile.max}${u}, split into ${rows.length} equal ranges. ` +
      `The most common range is ${peak.label}${u}, with ${rowsWord(peak.count)} (${formatShare(peak.count, total)} of the filled-in values).`,
  };
}

/** The charts for a version: one timeline, then up to two category and two distribution charts, in dictionary order. */
export function chartsFor(dataset: Dataset, manifest: Manifest): ChartSpec[] {
  const profiles = new Map(manifest.profile.map((p) => [p.name, p]));
  // Records over time on the column that dates a record; an inventory (recordDate: false) on its first date.
  const dated = dataset.recordDate === false ? dataset.fields.find((f) => f.type === 'date' || f.type === 'datetime')?.name : recordDateField(dataset)?.field.name;
  const found: Record<ChartKind, ChartSpec[]> = { timeline: [], categories: [], histogram: [] };
  for (const field of dataset.fields) {
    const profile = profiles.get(field.name);
    // Hashed values have no profile values anyway.
    if (!profile || field.transform?.method === 'hash') continue;
    let spec: ChartSpec | null = null;
    if (field.type === 'date' || field.type === 'datetime') {
      if (field.name === dated) spec = timeline(dataset, field, profile, manifest);
    } else {
      switch (fieldRole(field, dataset.primaryKey)) {
        case 'category':
        case 'code':
          spec = categories(dataset, field, profile, manifest.rowCount, field.type === 'integer' ? integerRows(field, profile) : topRows(field, profile));
          break;
        case 'measure':
          spec = histogram(dataset, field, profile) ?? categories(dataset, field, profile, manifest.rowCount, integerRows(field, profile));
          break;
        default:
          // Identifiers, coordinates, house numbers and free text: a chart of them says nothing true.
          break;
      }
    }
    if (spec && found[spec.kind].length < MAX_CHARTS[spec.kind]) found[spec.kind].push(spec);
  }
  return [...found.timeline, ...found.categories, ...found.histogram];
}
