import { z } from 'zod';
import { fieldTypeSchema } from './field.ts';

/**
 * A snapshot version's manifest: `data-snapshots/<dataset>/<version>/manifest.json`. Written by
 * build-data as the last file of a version, read by the site. A version directory without a
 * manifest does not exist as far as the site is concerned.
 */

export const snapshotFileSchema = z.object({
  /** File name inside the version directory, e.g. `data.csv`. */
  name: z.string(),
  /** Format label shown to readers, e.g. `CSV`. */
  format: z.string(),
  /** IANA media type. */
  mediaType: z.string(),
  bytes: z.number().int().nonnegative(),
  /** Lower-case hex SHA-256 of the file's bytes. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const columnProfileSchema = z.object({
  name: z.string(),
  nulls: z.number().int().nonnegative(),
  distinct: z.number().int().nonnegative(),
  /** Smallest and largest value as text (absent for types without an order, e.g. boolean). */
  min: z.string().nullable(),
  max: z.string().nullable(),
  /** Most frequent values, for text and boolean columns. */
  top: z.array(z.object({ value: z.string().nullable(), count: z.number().int() })),
  /** Equal-width histogram for numeric columns, month counts for date columns. */
  histogram: z.array(z.object({ from: z.string(), to: z.string(), count: z.number().int() })),
});

/**
 * What was left out or changed before publication, in the version's own record, so a reader (and
 * the privacy report) knows what they are not seeing. Never holds a value from the data.
 */
export const privacyReportSchema = z.object({
  /** Columns of the source relation that are not in the field dictionary and were never read. */
  unpublishedColumns: z.number().int().nonnegative(),
  transforms: z.array(z.object({ field: z.string(), method: z.string(), description: z.string(), reason: z.string() })),
  /** Present when a row filter was applied; its reason, never its SQL. */
  rowFilter: z.object({ reason: z.string() }).nullable(),
  smallCells: z
    .object({
      quasiIdentifiers: z.array(z.string()),
      k: z.number().int(),
      action: z.enum(['suppress', 'fail']),
      /** Rows left out because fewer than k rows shared their combination of quasi-identifiers. */
      suppressedRows: z.number().int().nonnegative(),
      suppressedGroups: z.number().int().nonnegative(),
    })
    .nullable(),
  scan: z.object({
    detectors: z.array(z.string()),
    valuesScanned: z.number().int().nonnegative(),
    /** Hits a person reviewed and accepted (unreviewed hits stop the dataset, so none are here). */
    reviewed: z.array(z.object({ field: z.string(), detector: z.string(), hits: z.number().int(), justification: z.string() })),
  }),
});

export const manifestSchema = z.object({
  dataset: z.string(),
  /** Version id: the snapshot's UTC date, with `-2`, `-3`… when several land on one day. */
  version: z.string().regex(/^\d{4}-\d{2}-\d{2}(-\d+)?$/),
  /** ISO 8601 instant the database snapshot was taken. */
  snapshotAt: z.string(),
  /** Source relation as `schema.table` (only for approved datasets, which publish it anyway). */
  source: z.string(),
  rowCount: z.number().int().nonnegative(),
  /** SHA-256 over the published column schema and data: equal hashes mean equal content. */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  columns: z.array(z.object({ name: z.string(), type: fieldTypeSchema, sourceType: z.string() })),
  files: z.array(snapshotFileSchema),
  profile: z.array(columnProfileSchema),
  /** The first rows as published (text, null for empty), for the page's preview table. */
  preview: z.array(z.array(z.string().nullable())),
  /** Absent only in versions written before the privacy gate existed. */
  privacy: privacyReportSchema.optional(),
  /**
   * The cheap change fingerprint of the source table taken with this content (see
   * scripts/build-data/steps/fingerprint.ts). Absent when the source cannot be fingerprinted
   * (views, row filters, statistics off): such datasets are always snapshotted in full.
   */
  fingerprint: z.object({ rule: z.string(), value: z.string().regex(/^[0-9a-f]{64}$/) }).optional(),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type SnapshotFile = z.infer<typeof snapshotFileSchema>;
export type ColumnProfile = z.infer<typeof columnProfileSchema>;
export type PrivacyReport = z.infer<typeof privacyReportSchema>;
