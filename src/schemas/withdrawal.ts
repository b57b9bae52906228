import { z } from 'zod';
import { isoDate } from './iso-date.ts';

/**
 * The record of withdrawn versions: `data-snapshots/<dataset>/withdrawn.json`, written by
 * `npm run catalog:withdraw` and committed (it is the one file of a dataset's snapshot folder that
 * is never generated again). A withdrawn version is the one exception to permanence: its files are
 * gone from the site and the kept history, and this record keeps its public tombstone (when, why).
 * It never holds a value from the data.
 */
export const withdrawnVersionSchema = z.object({
  /** The version id, as it was published. */
  version: z.string().regex(/^\d{4}-\d{2}-\d{2}(-\d+)?$/),
  /** When the version's snapshot was taken (from its manifest), so the tombstone can say what it was. */
  snapshotAt: z.string(),
  /** Rows the version had. */
  rowCount: z.number().int().nonnegative(),
  /** The day it was withdrawn. */
  withdrawnOn: isoDate,
  /** Why, in plain language, shown on the version page and in the feeds. Never the personal data itself. */
  reason: z.string().min(20, { error: 'say in a sentence why the version was withdrawn (shown to readers), at least 20 characters' }),
  /** Names of the files that were removed, e.g. data.csv. */
  files: z.array(z.string()),
});

export const withdrawalsSchema = z.object({
  dataset: z.string(),
  /** Oldest withdrawal first. */
  versions: z.array(withdrawnVersionSchema),
});

export type WithdrawnVersion = z.infer<typeof withdrawnVersionSchema>;
export type Withdrawals = z.infer<typeof withdrawalsSchema>;
