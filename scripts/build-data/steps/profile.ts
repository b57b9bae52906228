import type pg from 'pg';
import type { ColumnProfile } from '../../../src/schemas/manifest.ts';
import { quoteIdent } from '../lib/pg-types.ts';
import type { OutputColumn } from '../lib/row-writers.ts';

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
  columns: readonly OutputColumn[],
  /** Columns whose SQL values are not the published ones (hashed on the stream): counts only, no values. */
  opaque: ReadonlySet<string> = new Set(),
): Promise<ColumnProfile[]> {
  const aggregates = columns.flatMap((column, i) => {
    const c = quoteIdent(column.name);
    const extremes = ordered.has(column.type) && !opaque.has(column.name) ? [`min(${c})::text AS min${i}`, `max(${c})::text AS max${i}`] : [`NULL AS min${i}`, `NULL AS max${i}`];
    return [`count(*) - count(${c}) AS nulls${i}`, `count(DISTINCT ${c}) AS distinct${i}`, ...extremes];
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
