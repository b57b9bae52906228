import { z } from 'zod';
import { fieldTypeSchema } from './field.ts';

/**
 * What changed in a version against the one before it, computed by build-data when the content
 * hash differs (`scripts/build-data/steps/diff-versions.ts`) and stored in the new version's
 * manifest. Never holds a value from the data: counts and column names only.
 */
export const versionChangesSchema = z.object({
  /** The version this one is compared with. */
  previousVersion: z.string(),
  rowsBefore: z.number().int().nonnegative(),
  rowsAfter: z.number().int().nonnegative(),
  rows: z.discriminatedUnion('method', [
    z.object({
      /** Rows matched by the declared primary key. */
      method: z.literal('key'),
      key: z.array(z.string()).min(1),
      added: z.number().int().nonnegative(),
      removed: z.number().int().nonnegative(),
      /** Rows whose key is in both versions and whose values differ in a column both versions have. */
      changed: z.number().int().nonnegative(),
    }),
    z.object({
      /** Only the row counts could be compared; `reason` says why, in words for readers. */
      method: z.literal('count'),
      reason: z.string(),
    }),
  ]),
  columns: z.object({
    added: z.array(z.string()),
    removed: z.array(z.string()),
    retyped: z.array(z.object({ name: z.string(), from: fieldTypeSchema, to: fieldTypeSchema })),
  }),
});

export type VersionChanges = z.infer<typeof versionChangesSchema>;
