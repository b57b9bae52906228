import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkKey, profileColumns, validityCondition, type ProfiledColumn } from '../../scripts/build-data/steps/profile.ts';
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

describe('quality counts in the profile step (PostgreSQL)', () => {
  it('counts filled-in values outside the declared allowed values or range, and only where a rule exists', async () => {
    const profiles = await profileColumns(db.client, published, columns, new Set(['badge']));
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

  it('checks nothing for a field without allowed values or a numeric range', () => {
    expect(validityCondition({ name: 'note', type: 'string' })).toBeNull();
    // Ranges are numeric in the metadata format; on a text column there is nothing to compare.
    expect(validityCondition({ name: 'note', type: 'string', range: { min: 1 } })).toBeNull();
    expect(validityCondition({ name: "it's", type: 'string', allowedValues: ["a'b"] })).toBe(`"it's"::text IN ('a''b')`);
  });
});
