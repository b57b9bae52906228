import type pg from 'pg';
import type { Field } from '../../../src/schemas/field.ts';
import type { ColumnProfile, KeyCheck } from '../../../src/schemas/manifest.ts';
import { numericFieldTypes, quoteIdent, quoteLiteral } from '../lib/pg-types.ts';
import type { ColumnStatsPlan, StreamedColumnStats } from '../lib/column-stats.ts';
import type { OutputColumn } from '../lib/row-writers.ts';
import { DISPLAY_CHARS, forDisplay } from '../../../src/shared/display-text.ts';

/**
 * A published column with the validity rules its metadata declares (a field of the dictionary).
 * `extremes: false` when PostgreSQL has no order for its type (uuid, macaddr, bit strings: see pg-types.ts).
 */
export type ProfiledColumn = OutputColumn & Pick<Field, 'allowedValues' | 'range'> & { extremes?: boolean };

const ordered = new Set(['integer', 'number', 'date', 'datetime', 'time', 'string', 'duration']);

/** What one scan of SQL aggregates says about the published rows: the count, and per column the empty values, extremes and invalid values. */
export interface ColumnSummary {
  rows: number;
  columns: { nulls: number; min: string | null; max: string | null; invalid?: number }[];
}

/**
 * The profile's SQL part: one aggregate scan over the published query, inside the snapshot
 * transaction, so the figures describe exactly the rows in the files. Extremes and validity are
 * SQL's (the database's own ordering and comparison); everything that needs to see each value
 * (distinct and common values, histograms) is measured on the snapshot's stream instead
 * (column-stats.ts), which costs no further scan.
 */
export async function summarizeColumns(
  client: pg.Client,
  published: string,
  columns: readonly ProfiledColumn[],
  /** Columns whose SQL values are not the published ones (hashed on the stream): counts only, no values. */
  opaque: ReadonlySet<string> = new Set(),
): Promise<ColumnSummary> {
  const aggregates = columns.flatMap((column, i) => {
    const c = quoteIdent(column.name);
    // Extremes are shown, never downloaded: a long text is cut in SQL already, so a 1 MB value is not even transferred.
    const extremes =
      ordered.has(column.type) && column.extremes !== false && !opaque.has(column.name)
        ? [`left(min(${c})::text, ${DISPLAY_CHARS + 1}) AS min${i}`, `left(max(${c})::text, ${DISPLAY_CHARS + 1}) AS max${i}`]
        : [];
    const rule = opaque.has(column.name) ? null : validityCondition(column);
    const invalid = rule ? [`count(*) FILTER (WHERE ${c} IS NOT NULL AND NOT (${rule})) AS invalid${i}`] : [];
    return [`count(${c}) AS filled${i}`, ...extremes, ...invalid];
  });
  const { rows } = await client.query(`SELECT count(*) AS rows, ${aggregates.join(', ')} FROM (${published}) AS published`);
  const r = rows[0] as Record<string, string | null | undefined>;
  const total = Number(r.rows);
  return {
    rows: total,
    columns: columns.map((_, i) => ({
      nulls: total - Number(r[`filled${i}`]),
      min: forDisplay(r[`min${i}`] ?? null),
      max: forDisplay(r[`max${i}`] ?? null),
      ...(r[`invalid${i}`] !== undefined ? { invalid: Number(r[`invalid${i}`]) } : {}),
    })),
  };
}

/** What the stream measures for each column, given the summary's extremes. */
export function statsPlans(columns: readonly ProfiledColumn[], opaque: ReadonlySet<string>, summary: ColumnSummary): ColumnStatsPlan[] {
  return columns.map((column, i) => {
    const { min, max } = summary.columns[i]!;
    // Pseudonymised columns: top values, extremes and histograms would show the original values the pseudonyms replace.
    if (opaque.has(column.name)) return { top: false, boolean: false, histogram: null };
    const top = column.type === 'string' || column.type === 'boolean';
    let histogram: ColumnStatsPlan['histogram'] = null;
    if ((column.type === 'integer' || column.type === 'number') && min !== null && max !== null && min !== max) {
      const [low, high] = [Number(min), Number(max)];
      if (Number.isFinite(low) && Number.isFinite(high)) histogram = { kind: 'numeric', min: low, max: high };
    } else if ((column.type === 'date' || column.type === 'datetime') && min !== null) {
      // Rows per month, or per year when the data spans more than ten years.
      const years = Number((max ?? min).slice(0, 4)) - Number(min.slice(0, 4));
      histogram = { kind: 'time', unit: years > 10 ? 'year' : 'month' };
    }
    return { top, boolean: column.type === 'boolean', histogram };
  });
}

/** The published profile: the SQL summary and the stream's measures, column by column. */
export function columnProfiles(columns: readonly ProfiledColumn[], summary: ColumnSummary, streamed: readonly StreamedColumnStats[]): ColumnProfile[] {
  return columns.map((column, i) => {
    const sql = summary.columns[i]!;
    const measured = streamed[i]!;
    return {
      name: column.name,
      nulls: sql.nulls,
      distinct: measured.distinct,
      ...(measured.distinctEstimated ? { distinctEstimated: true as const } : {}),
      min: sql.min,
      max: sql.max,
      top: measured.top,
      ...(measured.topEstimated ? { topEstimated: true as const } : {}),
      histogram: measured.histogram,
      ...(sql.invalid !== undefined ? { invalid: sql.invalid } : {}),
    };
  });
}

/**
 * The SQL condition a valid value meets, or null when the field declares no rule. Allowed values
 * are compared as numbers in numeric columns (so `1.50` matches `1.5`) and as text otherwise;
 * a range only applies to numeric columns (the metadata format gives its bounds as numbers).
 */
export function validityCondition(column: ProfiledColumn): string | null {
  const c = quoteIdent(column.name);
  const numeric = numericFieldTypes.has(column.type);
  const conditions: string[] = [];
  if (column.allowedValues && column.allowedValues.length > 0) {
    const asNumbers = numeric && column.allowedValues.every((v) => Number.isFinite(Number(v)));
    const list = column.allowedValues.map((v) => (asNumbers ? `${Number(v)}::numeric` : quoteLiteral(String(v)))).join(', ');
    conditions.push(asNumbers ? `${c}::numeric IN (${list})` : `${c}::text IN (${list})`);
  }
  const range = column.range;
  if (numeric && range && (range.min !== undefined || range.max !== undefined)) {
    if (range.min !== undefined) conditions.push(`${c}::numeric >= ${Number(range.min)}`);
    if (range.max !== undefined) conditions.push(`${c}::numeric <= ${Number(range.max)}`);
  }
  return conditions.length > 0 ? conditions.join(' AND ') : null;
}

/**
 * Checks that the declared key identifies one row: rows with an empty key column, and key values
 * shared by several rows, counted over the published rows in one grouped scan. Null without a key.
 */
export async function checkKey(client: pg.Client, published: string, key: readonly string[]): Promise<KeyCheck | null> {
  if (key.length === 0) return null;
  const cols = key.map(quoteIdent);
  const complete = cols.map((c) => `${c} IS NOT NULL`).join(' AND ');
  const { rows } = await client.query<{ empty_rows: string; duplicate_values: string; duplicate_rows: string }>(
    `SELECT coalesce(sum(n) FILTER (WHERE NOT complete), 0) AS empty_rows,
            count(*) FILTER (WHERE complete AND n > 1) AS duplicate_values,
            coalesce(sum(n - 1) FILTER (WHERE complete AND n > 1), 0) AS duplicate_rows
       FROM (SELECT ${complete} AS complete, count(*) AS n FROM (${published}) AS published GROUP BY ${cols.join(', ')}) AS keys`,
  );
  const r = rows[0]!;
  return { columns: [...key], emptyRows: Number(r.empty_rows), duplicateValues: Number(r.duplicate_values), duplicateRows: Number(r.duplicate_rows) };
}
