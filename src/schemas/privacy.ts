import { z } from 'zod';
import { piiDetectorIds } from './pii.ts';
import { TEXT_LIMITS, tooLong } from './text-limits.ts';

/**
 * Dataset-level privacy rules: which rows are left out, and small-cell protection for columns that
 * together could single a person out. Both are applied in SQL, inside the snapshot transaction,
 * before any row leaves the database.
 */

/**
 * A row filter is a condition on the table's own columns, pasted into a WHERE clause. It is
 * reviewed metadata, but it must still not be able to escape its parentheses or read other tables.
 */
export function rowFilterProblem(where: string): string | null {
  const code = where.replace(/'(?:[^']|'')*'/g, "''");
  if (/;|--|\/\*/.test(code)) return 'a row filter cannot contain ";" or comments';
  if (/\bselect\b/i.test(code)) return 'a row filter cannot contain a subquery; filter on this table\'s own columns, or publish a view';
  let depth = 0;
  for (const char of code) {
    depth += char === '(' ? 1 : char === ')' ? -1 : 0;
    if (depth < 0) return 'the row filter closes a parenthesis it did not open';
  }
  if (depth !== 0) return 'the row filter leaves a parenthesis open';
  if ((where.match(/'/g)?.length ?? 0) % 2 !== 0) return 'the row filter leaves a quoted text open';
  return null;
}

export const rowFilterSchema = z
  .object({
    /** SQL condition rows must meet to be published, e.g. `NOT sealed`. */
    where: z.string().min(1).max(TEXT_LIMITS.rowFilter, tooLong('the row filter', TEXT_LIMITS.rowFilter)).superRefine((where, ctx) => {
      const problem = rowFilterProblem(where);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
    /** Which rows are left out and why, in plain language; shown to readers. */
    reason: z
      .string()
      .min(10, { error: 'say in plain language which rows are left out and why; it is shown to readers' })
      .max(TEXT_LIMITS.reason, tooLong('the reason', TEXT_LIMITS.reason)),
  })
  .strict();

export const smallCellActions = ['suppress', 'fail'] as const;

export const smallCellsSchema = z
  .object({
    /** Published columns that together could identify someone (after their transforms), e.g. age band, sex, postal area. */
    quasiIdentifiers: z.array(z.string()).min(1, { error: 'list the columns that together could identify a person' }),
    /** Smallest group of rows a combination of quasi-identifiers may describe. */
    k: z.number().int().min(2, { error: 'k must be at least 2' }).default(5),
    /** `suppress` leaves out rows in smaller groups (and reports how many); `fail` stops the dataset. */
    action: z.enum(smallCellActions, { error: `action must be one of: ${smallCellActions.join(', ')}` }).default('suppress'),
  })
  .strict();

export const privacySchema = z
  .object({
    rowFilter: rowFilterSchema.optional(),
    smallCells: smallCellsSchema.optional(),
  })
  .strict();

/** A field whose values a person has checked and found not personal, despite what a detector says. */
export const scanReviewedSchema = z
  .object({
    /** Detectors whose hits in this column are expected, e.g. [street-address]. */
    detectors: z.array(z.enum(piiDetectorIds, { error: `detectors are: ${piiDetectorIds.join(', ')}` })).min(1),
    /** Why those hits are not personal data, e.g. "addresses of city buildings, not of people". */
    justification: z
      .string()
      .min(20, { error: 'justify in a sentence why these hits are not personal data' })
      .max(TEXT_LIMITS.reason, tooLong('the justification', TEXT_LIMITS.reason)),
  })
  .strict();

export type Privacy = z.infer<typeof privacySchema>;
export type SmallCells = z.infer<typeof smallCellsSchema>;
export type ScanReviewed = z.infer<typeof scanReviewedSchema>;
