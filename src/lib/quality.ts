import type { Dataset } from '../schemas/dataset.ts';
import type { Manifest } from '../schemas/manifest.ts';
import { formatDate, formatInteger, formatShare } from './format.ts';
import { datasetSchedule, type UpdateSchedule } from './next-update.ts';

/**
 * The quality scorecard's rules, in one place: four measures taken on the snapshot itself (counts
 * from the profile step, see scripts/build-data/steps/profile.ts) and the declared frequency, each
 * scored from 0 to 1, and an overall grade from A to E. A measure that cannot be taken (no key
 * declared, no rule declared, irregular updates, a version older than the scorecard) is left out
 * of the grade and says why, rather than counting as perfect or as failed.
 */

export type MeasureId = 'completeness' | 'uniqueness' | 'validity' | 'timeliness';
export type Grade = 'A' | 'B' | 'C' | 'D' | 'E';

export interface Measure {
  id: MeasureId;
  label: string;
  /** 0 to 1; null when the measure does not apply or was not taken. */
  score: number | null;
  /** One or two plain sentences: what was measured and what it found. */
  explanation: string;
}

export interface ColumnQuality {
  name: string;
  /** Share of rows with a value (0 to 1); null for an empty table. */
  filled: number | null;
  /** Filled-in values breaking the declared rule; null when there is no rule or it was not measured. */
  invalid: number | null;
  /** Filled-in values checked against the rule (the denominator of `invalid`). */
  checked: number;
  /** The declared rule in words, or null. */
  rule: string | null;
}

export interface Scorecard {
  grade: Grade | null;
  /** Mean of the scored measures, 0 to 100 (see `points`). */
  score: number | null;
  measures: Measure[];
  columns: ColumnQuality[];
  /** How the grade was made, in one sentence. */
  summary: string;
}

/** Grade boundaries on the 0–100 score: at least this much for this grade. */
export const gradeBoundaries: readonly [Grade, number][] = [
  ['A', 95],
  ['B', 85],
  ['C', 70],
  ['D', 50],
  ['E', 0],
];

/**
 * A 0–1 score as points out of 100, one decimal, rounded down: 99.96% filled in is 99.9, never
 * 100, so "100" always means nothing was found wrong.
 */
export function points(score: number): number {
  return Math.floor(Math.round(score * 100_000) / 100) / 10;
}

export function gradeFor(score: number): Grade {
  return gradeBoundaries.find(([, min]) => score >= min)![0];
}

function ruleText(field: Dataset['fields'][number]): string | null {
  const parts: string[] = [];
  if (field.allowedValues && field.allowedValues.length > 0) parts.push(`one of ${field.allowedValues.length} allowed values`);
  const numeric = field.type === 'integer' || field.type === 'number';
  if (numeric && field.range?.min !== undefined) parts.push(`at least ${field.range.min}`);
  if (numeric && field.range?.max !== undefined) parts.push(`at most ${field.range.max}`);
  return parts.length > 0 ? parts.join(', ') : null;
}

function percent(share: number): string {
  return formatShare(share, 1);
}

function completeness(columns: readonly ColumnQuality[], rowCount: number): Measure {
  const label = 'Completeness';
  const scored = columns.filter((c) => c.filled !== null);
  if (rowCount === 0 || scored.length === 0) return { id: 'completeness', label, score: null, explanation: 'Not measured: this version has no rows.' };
  const score = scored.reduce((sum, c) => sum + c.filled!, 0) / scored.length;
  const full = scored.filter((c) => c.filled === 1).length;
  return {
    id: 'completeness',
    label,
    score,
    explanation:
      `On average ${percent(score)} of the cells in each column are filled in; ${full} of ${scored.length} columns have no empty values. ` +
      'An empty cell is not always an error (a request that is still open has no closing date).',
  };
}

function uniqueness(dataset: Dataset, manifest: Manifest): Measure {
  const label = 'Uniqueness';
  if (dataset.primaryKey.length === 0) return { id: 'uniqueness', label, score: null, explanation: 'Not measured: the metadata declares no column that identifies a row.' };
  const key = manifest.quality?.key;
  const keyName = dataset.primaryKey.join(' + ');
  if (!key) return { id: 'uniqueness', label, score: null, explanation: 'Not measured for this version: it was published before the scorecard existed.' };
  if (manifest.rowCount === 0) return { id: 'uniqueness', label, score: null, explanation: 'Not measured: this version has no rows.' };
  const bad = key.emptyRows + key.duplicateRows;
  const score = 1 - bad / manifest.rowCount;
  if (bad === 0) return { id: 'uniqueness', label, score, explanation: `Every row has its own ${keyName}, as declared.` };
  const parts = [
    key.duplicateValues > 0 ? `${formatInteger(key.duplicateValues)} ${keyName} value(s) are shared by more than one row (${formatInteger(key.duplicateRows)} extra row(s))` : '',
    key.emptyRows > 0 ? `${formatInteger(key.emptyRows)} row(s) have no ${keyName}` : '',
  ].filter(Boolean);
  return { id: 'uniqueness', label, score, explanation: `${parts.join('; ')}. Each row should have its own ${keyName}.` };
}

function validity(columns: readonly ColumnQuality[], declared: number): Measure {
  const label = 'Validity';
  if (declared === 0) return { id: 'validity', label, score: null, explanation: 'Not measured: the metadata declares no allowed values or ranges to check against.' };
  const measured = columns.filter((c) => c.invalid !== null);
  if (measured.length === 0) return { id: 'validity', label, score: null, explanation: 'Not measured for this version: it was published before the scorecard existed.' };
  const checked = measured.reduce((sum, c) => sum + c.checked, 0);
  const invalid = measured.reduce((sum, c) => sum + c.invalid!, 0);
  if (checked === 0) return { id: 'validity', label, score: null, explanation: 'Not measured: the columns with declared rules have no values.' };
  const score = 1 - invalid / checked;
  const where = measured.filter((c) => c.invalid! > 0).map((c) => c.name);
  return {
    id: 'validity',
    label,
    score,
    explanation:
      invalid === 0
        ? `All ${formatInteger(checked)} values in the ${measured.length} column(s) with declared allowed values or ranges respect them.`
        : `${formatInteger(invalid)} of ${formatInteger(checked)} checked values (${formatShare(invalid, checked)}) are outside the declared allowed values or ranges, in: ${where.join(', ')}.`,
  };
}

/** What the schedule was judged from, in words: readers must know a fresh upload of old data is not fresh. */
function judgedFrom(schedule: Extract<UpdateSchedule, { kind: 'expected' | 'overdue' }>): string {
  return schedule.basis === 'records'
    ? `Judged from the data's newest record (${formatDate(schedule.from)}) against its declared frequency, not from the day it was published.`
    : `Judged from the date of the latest version (${formatDate(schedule.from)}), since the data has no column that dates a record.`;
}

function timeliness(schedule: UpdateSchedule): Measure {
  const label = 'Timeliness';
  switch (schedule.kind) {
    case 'expected':
      return { id: 'timeliness', label, score: 1, explanation: `Up to date for its declared frequency. ${judgedFrom(schedule)}` };
    case 'overdue':
      return schedule.daysLate <= schedule.periodDays
        ? { id: 'timeliness', label, score: 0.5, explanation: `Late: the update expected ${schedule.daysLate} day(s) ago has not come, less than one update period. ${judgedFrom(schedule)}` }
        : { id: 'timeliness', label, score: 0, explanation: `Late by more than one update period: the update was expected ${formatInteger(schedule.daysLate)} days ago. ${judgedFrom(schedule)}` };
    case 'irregular':
      return { id: 'timeliness', label, score: null, explanation: 'Not measured: the dataset is updated irregularly, with no promised date.' };
    case 'never':
      return { id: 'timeliness', label, score: null, explanation: 'Not measured: historical data that is not updated.' };
    case 'retired':
      return { id: 'timeliness', label, score: null, explanation: 'Not measured: the dataset is retired.' };
  }
}

/** Per-column completeness and validity from the manifest's profile and the field dictionary. */
export function columnQuality(dataset: Dataset, manifest: Manifest): ColumnQuality[] {
  const profiles = new Map(manifest.profile.map((p) => [p.name, p]));
  return dataset.fields.map((field) => {
    const profile = profiles.get(field.name);
    const rule = ruleText(field);
    const nulls = profile?.nulls ?? null;
    return {
      name: field.name,
      filled: nulls === null || manifest.rowCount === 0 ? null : 1 - nulls / manifest.rowCount,
      invalid: rule && profile?.invalid !== undefined ? profile.invalid : null,
      checked: nulls === null ? 0 : manifest.rowCount - nulls,
      rule,
    };
  });
}

export function scorecard(dataset: Dataset, manifest: Manifest, today: string): Scorecard {
  const columns = columnQuality(dataset, manifest);
  const schedule = datasetSchedule(dataset, manifest, today);
  const measures = [completeness(columns, manifest.rowCount), uniqueness(dataset, manifest), validity(columns, columns.filter((c) => c.rule !== null).length), timeliness(schedule)];
  const scored = measures.filter((m) => m.score !== null);
  if (scored.length === 0) return { grade: null, score: null, measures, columns, summary: 'No grade: none of the four measures could be taken on this version.' };
  const score = points(scored.reduce((sum, m) => sum + m.score!, 0) / scored.length);
  const grade = gradeFor(score);
  const parts = scored.map((m) => `${m.label.toLowerCase()} ${points(m.score!)}`);
  const left = measures.filter((m) => m.score === null).map((m) => m.label.toLowerCase());
  return {
    grade,
    score,
    measures,
    columns,
    summary:
      `Grade ${grade} (${score} out of 100): the average of ${parts.join(', ')}` +
      (left.length > 0 ? `; ${left.join(' and ')} could not be measured, so ${left.length === 1 ? 'it does' : 'they do'} not count.` : '.'),
  };
}
