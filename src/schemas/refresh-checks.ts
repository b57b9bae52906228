import { z } from 'zod';

/**
 * When each dataset was last checked against its source: `data-snapshots/checks.json`, written
 * by build-data at the end of every run for the datasets it read (or proved unchanged by their
 * fingerprint) without error. A check that finds the same data writes no new version, so this is
 * the only record that the data was looked at since its latest version. Never holds a data value.
 */
export const refreshCheckSchema = z.object({
  /** ISO 8601 instant the run that checked the dataset finished. */
  checkedAt: z.iso.datetime(),
});

/** By dataset id. */
export const refreshChecksSchema = z.record(z.string(), refreshCheckSchema);

export type RefreshCheck = z.infer<typeof refreshCheckSchema>;
export type RefreshChecks = z.infer<typeof refreshChecksSchema>;

/** Where the record lives, relative to the data-snapshots folder. */
export const REFRESH_CHECKS_FILE = 'checks.json';
