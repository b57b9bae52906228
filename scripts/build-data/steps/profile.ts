import type pg from 'pg';
import type { Field } from '../../../src/schemas/field.ts';
import type { ColumnProfile, KeyCheck } from '../../../src/schemas/manifest.ts';
import { numericFieldTypes, quoteIdent, quoteLiteral } from '../lib/pg-types.ts';
import type { OutputColumn } from '../lib/row-writers.ts';

/** A published column with the validity rules its metadata declares (a field of the dictionary). */
export type ProfiledColumn = OutputColumn & Pick<Field, 'allowedValues' | 'range'>;

const TOP_VALUES = 10;
const HISTOGRAM_BINS = 12;

const ordered = new Set(['integer', 'number', 'date', 'datetime', 'time', 'string', 'duration']);

/**
 * Profiles every published column with SQL aggregates over the published query, inside the same
 * snapshot transaction, so the figures describe exactly the rows in the files. One scan for the
 * counts and extremes, then one grouped query per column that needs top values or a histogram.
 */
export async function profileColumns(
  client: pg.Client,
  published: string,
  columns: readonly ProfiledColumn[],
  /** Columns whose SQL values are not the published ones (hashed on the stream): counts only, no values. */
  opaque: ReadonlySet<string> = new Set(),
): Promise<ColumnProfile[]> {
  const aggregates = columns.flatMap((column, i) => {
    const c = quoteIdent(column.name);
    const extremes = ordered.has(column.type) && !opaque.has(column.name) ? [`min(${c})::text AS min${i}`, `max(${c})::text AS max${i}`] : [`NULL AS min${i}`, `NULL AS max${i}`];
    const rule = opaque.has(column.name) ? null : validityCondition(column);
    const invalid = rule ? [`count(*) FILTER (WHERE ${c} IS NOT NULL AND NOT (${rule})) AS invalid${i}`] : [];
    return [`count(*) - count(${c}) AS nulls${i}`, `count(DISTINCT ${c}) AS distinct${i}`, ...extremes, ...invalid];
  });
  const { rows } = await client.query(`SELECT ${aggregates.join(', ')} FROM (${published}) AS published`);
  const summary = rows[0] as Record<string, string | null>;

  const profiles: ColumnProfile[] = [];
  for (const [i, column] of columns.entries()) {
    const profile: ColumnProfile = {
      name: column.name,
      nulls: Number(summary[`nulls${i}`]),
      distinct: Number(summary[`distinct${i}`]),
      min: summary[`min${i}`] ?? null,
      max: summary[`max${i}`] ?? null,
      top: [],
      histogram: [],
    };
    if (summary[`invalid${i}`] !== undefined) profile.invalid = Number(summary[`invalid${i}`]);
    const c = quoteIdent(column.name);
    if (opaque.has(column.name)) {
      // Top values, extremes and histograms would show the original values the pseudonyms replace.
    } else if (column.type === 'string' || column.type === 'boolean') {
      const top = await client.query<{ value: string | null; count: string }>(
        `SELECT ${c}::text AS value, count(*) AS count FROM (${published}) AS published
          GROUP BY 1 ORDER BY 2 DESC, 1 NULLS LAST LIMIT ${TOP_VALUES}`,
      );
      profile.top = top.rows.map((r) => ({ value: r.value, count: Number(r.count) }));
    } else if ((column.type === 'integer' || column.type === 'number') && profile.min !== null && profile.max !== null && profile.min !== profile.max) {
      profile.histogram = await numericHistogram(client, published, c, Number(profile.min), Number(profile.max));
    } else if ((column.type === 'date' || column.type === 'datetime') && profile.min !== null) {
      profile.histogram = await timeHistogram(client, published, c, profile.min, profile.max ?? profile.min);
    }
    profiles.push(profile);
  }
  return profiles;
}

async function numericHistogram(client: pg.Client, published: string, c: string, min: number, max: number) {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  const width = (max - min) / HISTOGRAM_BINS;
  // width_bucket puts the maximum in bucket n+1; LEAST folds it into the last bin.
  const { rows } = await client.query<{ bin: number; count: string }>(
    `SELECT LEAST(width_bucket(${c}::float8, $1, $2, ${HISTOGRAM_BINS}), ${HISTOGRAM_BINS}) AS bin, count(*) AS count
       FROM (${published}) AS published WHERE ${c} IS NOT NULL GROUP BY 1 ORDER BY 1`,
    [min, max],
  );
  const counts = new Map(rows.map((r) => [Number(r.bin), Number(r.count)]));
  return Array.from({ length: HISTOGRAM_BINS }, (_, k) => ({
    from: formatEdge(min + k * width),
    to: formatEdge(k === HISTOGRAM_BINS - 1 ? max : min + (k + 1) * width),
    count: counts.get(k + 1) ?? 0,
  }));
}

function formatEdge(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
}

/** Rows per month, or per year when the data spans more than ten years. */
async function timeHistogram(client: pg.Client, published: string, c: string, min: string, max: string) {
  const years = Number(max.slice(0, 4)) - Number(min.slice(0, 4));
  const unit = years > 10 ? 'year' : 'month';
  const { rows } = await client.query<{ period: string; count: string }>(
    `SELECT to_char(date_trunc('${unit}', ${c}), '${unit === 'year' ? 'YYYY' : 'YYYY-MM'}') AS period, count(*) AS count
       FROM (${published}) AS published WHERE ${c} IS NOT NULL GROUP BY 1 ORDER BY 1`,
  );
  return rows.map((r) => ({ from: r.period, to: r.period, count: Number(r.count) }));
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
