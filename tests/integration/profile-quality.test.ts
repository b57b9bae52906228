import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ColumnStats } from '../../scripts/build-data/lib/column-stats.ts';
import { copyOut } from '../../scripts/build-data/lib/copy-out-stream.ts';
import { CopyTranscoder } from '../../scripts/build-data/lib/copy-transcoder.ts';
import { checkKey, columnProfiles, statsPlans, summarizeColumns, validityCondition, type ProfiledColumn } from '../../scripts/build-data/steps/profile.ts';
import { createTestDatabase, runStatements, type TestDatabase } from '../helpers/postgres.ts';

/**
 * The quality counts of the profile step, computed by a real PostgreSQL server over a table whose
 * right answers are known: invalid values against allowed values and ranges, empty and shared keys.
 */

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await runStatements(db.client, [
    `CREATE TABLE "Inspections" (
       id integer, "Zone" text, grade text, score numeric, rating integer, badge text, "select" text)`,
    // 8 rows: id 2 twice and 3 three times (2 shared values, 3 extra rows), one row without id.
    `INSERT INTO "Inspections" VALUES
       (1, 'A', 'good', 50, 1, 'b1', 'x'),
       (2, 'A', 'good', 100, 2, 'b2', 'x'),
       (2, 'A', 'GOOD', 101, 3, 'b3', 'x'),
       (3, 'B', 'bad', -1, 5, 'b4', NULL),
       (3, 'B', NULL, NULL, NULL, 'b5', 'y'),
       (3, 'B', 'fair', 1.50, 1, 'b6', 'y'),
       (NULL, 'C', '', 0, 2, 'b7', 'y'),
       (4, NULL, 'fair', 99.999, 4, 'b8', 'y')`,
  ]);
});

afterAll(async () => {
  await db?.drop();
});

const published = `SELECT id, "Zone", grade, score, rating, badge, "select" FROM "Inspections"`;

const columns: ProfiledColumn[] = [
  { name: 'id', type: 'integer' },
  { name: 'Zone', type: 'string' },
  // Case matters, and an empty string is a value that is not allowed (NULL is empty, not invalid).
  { name: 'grade', type: 'string', allowedValues: ['good', 'fair'] },
  { name: 'score', type: 'number', range: { min: 0, max: 100 } },
  // Allowed values compared as numbers in a numeric column; range and list both apply.
  { name: 'rating', type: 'integer', allowedValues: [1, 2, 3, 4], range: { max: 3 } },
  // Hashed on the stream: its SQL values are not the published ones, so no rule is checked.
  { name: 'badge', type: 'string', allowedValues: ['b1'] },
  // A reserved word as a column name, with a rule.
  { name: 'select', type: 'string', allowedValues: ['x'] },
];

/** The profile as the snapshot makes it: the SQL summary, then the measures taken on the COPY stream ordered by `key`. */
async function profileOf(query: string, cols: readonly ProfiledColumn[], opaque: ReadonlySet<string>, key: readonly string[] = []) {
  const summary = await summarizeColumns(db.client, query, cols, opaque);
  const keyIndexes = key.map((name) => cols.findIndex((c) => c.name === name));
  const stats = new ColumnStats(statsPlans(cols, opaque, summary), keyIndexes);
  const transcoder = new CopyTranscoder({ columns: cols, json: false, sampleRows: 0, onRow: (row) => stats.add(row) });
  const order = key.length > 0 ? ` ORDER BY ${key.map((k) => `"${k}"`).join(', ')}` : '';
  for await (const chunk of db.client.query(copyOut(`COPY (${query}${order}) TO STDOUT`)) as AsyncIterable<Buffer>) transcoder.push(chunk);
  transcoder.end();
  const counts = stats.keyCounts();
  return {
    profiles: columnProfiles(
      cols,
      summary,
      cols.map((_, i) => stats.column(i)),
    ),
    key: counts && { columns: [...key], ...counts },
    rows: transcoder.rowCount,
  };
}

describe('quality counts in the profile step (PostgreSQL)', () => {
  it('counts filled-in values outside the declared allowed values or range, and only where a rule exists', async () => {
    const { profiles } = await profileOf(published, columns, new Set(['badge']));
    const invalid = Object.fromEntries(profiles.map((p) => [p.name, p.invalid]));
    expect(invalid).toEqual({
      id: undefined,
      Zone: undefined,
      grade: 3, // GOOD, bad, ''
      score: 2, // 101, -1 (1.50 and 99.999 are inside)
      rating: 2, // 5 (not allowed, above max), 4 (allowed, above max)
      badge: undefined,
      select: 4, // four 'y'; the NULL is empty, not invalid
    });
    expect(profiles.find((p) => p.name === 'grade')!.nulls).toBe(1);
  });

  it('counts empty keys, shared key values and the extra rows they make', async () => {
    await expect(checkKey(db.client, published, ['id'])).resolves.toEqual({ columns: ['id'], emptyRows: 1, duplicateValues: 2, duplicateRows: 3 });
    // With a second column the key identifies more rows: (2,'A') twice, (3,'B') three times; (4, NULL) and (NULL,'C') are incomplete.
    await expect(checkKey(db.client, published, ['id', 'Zone'])).resolves.toEqual({ columns: ['id', 'Zone'], emptyRows: 2, duplicateValues: 2, duplicateRows: 3 });
    await expect(checkKey(db.client, published, ['badge'])).resolves.toEqual({ columns: ['badge'], emptyRows: 0, duplicateValues: 0, duplicateRows: 0 });
    await expect(checkKey(db.client, published, [])).resolves.toBeNull();
  });

  it('checks the key on the ordered stream with the same counts as the grouped SQL scan', async () => {
    for (const key of [['id'], ['id', 'Zone'], ['badge']]) {
      const streamed = await profileOf(published, columns, new Set(['badge']), key);
      expect(streamed.key).toEqual(await checkKey(db.client, published, key));
    }
    expect((await profileOf(published, columns, new Set())).key).toBeNull();
  });

  it('measures distinct values, common values and histograms on the stream as SQL counts them', async () => {
    const { profiles, rows } = await profileOf(published, columns, new Set(['badge']));
    expect(rows).toBe(8);
    const exactDistinct = await db.client.query<Record<string, string>>(`SELECT ${columns.map((c, i) => `count(DISTINCT "${c.name}") AS d${i}`).join(', ')} FROM (${published}) AS p`);
    expect(profiles.map((p) => p.distinct)).toEqual(columns.map((_, i) => Number(exactDistinct.rows[0]![`d${i}`])));
    const zone = profiles.find((p) => p.name === 'Zone')!;
    expect(zone.top).toEqual(
      [
        { value: 'B', count: 3 },
        { value: 'A', count: 3 },
        { value: 'C', count: 1 },
        { value: null, count: 1 },
      ].sort((a, b) => b.count - a.count || (a.value === null ? 1 : b.value === null ? -1 : a.value < b.value ? -1 : 1)),
    );
    // Pseudonymised: no values, no extremes.
    expect(profiles.find((p) => p.name === 'badge')).toMatchObject({ top: [], histogram: [], min: null, max: null, distinct: 8 });
    // score: -1 … 101 in 12 equal bins, counted as width_bucket does.
    const score = profiles.find((p) => p.name === 'score')!;
    const sqlBins = await db.client.query<{ bin: number; n: number }>(
      `SELECT LEAST(width_bucket(score::float8, -1, 101, 12), 12) AS bin, count(*)::int AS n FROM (${published}) AS p WHERE score IS NOT NULL GROUP BY 1`,
    );
    const expectedCounts = Array.from({ length: 12 }, (_, k) => sqlBins.rows.find((r) => Number(r.bin) === k + 1)?.n ?? 0);
    expect(score.histogram.map((b) => b.count)).toEqual(expectedCounts);
    expect(score.histogram[0]).toMatchObject({ from: '-1', to: '7.5' });
  });

  it('checks nothing for a field without allowed values or a numeric range', () => {
    expect(validityCondition({ name: 'note', type: 'string' })).toBeNull();
    // Ranges are numeric in the metadata format; on a text column there is nothing to compare.
    expect(validityCondition({ name: 'note', type: 'string', range: { min: 1 } })).toBeNull();
    expect(validityCondition({ name: "it's", type: 'string', allowedValues: ["a'b"] })).toBe(`"it's"::text IN ('a''b')`);
  });
});
