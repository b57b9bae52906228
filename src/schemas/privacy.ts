import { z } from 'zod';
import { piiDetectorIds } from './pii.ts';
import { TEXT_LIMITS, tooLong } from './text-limits.ts';

/**
 * Dataset-level privacy rules: which rows are left out, and small-cell protection for columns that
 * together could single a person out. Both are applied in SQL, inside the snapshot transaction,
 * before any row leaves the database.
 */

export const rowFilterSchema = z
  .object({
    /**
     * SQL condition rows must meet to be published, e.g. `NOT sealed`, on this table's own columns.
     * Parsed by PostgreSQL's parser and allowed only a small grammar (no subqueries, no other
     * tables, no functions but a short list): see docs/maintainers.md, "Row filters". The pipeline
     * checks it (src/shared/row-filter.ts) and runs only the condition rebuilt from its parse tree.
     */
    where: z.string().trim().min(1, { error: 'write the condition rows must meet, e.g. NOT sealed' }).max(TEXT_LIMITS.rowFilter, tooLong('the row filter', TEXT_LIMITS.rowFilter)),
    /** Which rows are left out and why, in plain language; shown to readers. */
    reason: z.string().min(10, { error: 'say in plain language which rows are left out and why; it is shown to readers' }).max(TEXT_LIMITS.reason, tooLong('the reason', TEXT_LIMITS.reason)),
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

/**
 * A field a person has checked and found not personal, despite what a detector finds in its values
 * or what its name says (the column classifier: a column called `latitude` or `owner_phone`).
 */
export const scanReviewedSchema = z
  .object({
    /** Detectors whose hits in this column are expected, e.g. [street-address]; leave out when only the column's name looked personal. */
    detectors: z.array(z.enum(piiDetectorIds, { error: `detectors are: ${piiDetectorIds.join(', ')}` })).default([]),
    /** Why those hits are not personal data, e.g. "addresses of city buildings, not of people". */
    justification: z.string().min(20, { error: 'justify in a sentence why these hits are not personal data' }).max(TEXT_LIMITS.reason, tooLong('the justification', TEXT_LIMITS.reason)),
  })
  .strict();

export type Privacy = z.infer<typeof privacySchema>;
export type SmallCells = z.infer<typeof smallCellsSchema>;
export type ScanReviewed = z.infer<typeof scanReviewedSchema>;
