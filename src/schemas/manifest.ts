import { z } from 'zod';
import { fieldTypeSchema } from './field.ts';
import { versionChangesSchema } from './version-changes.ts';

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

/** A download format left out of a version, and why (a table too large for XLSX and XML, say). */
export const formatNotWrittenSchema = z.object({
  /** Format label as in `files`, e.g. `XLSX`. */
  format: z.string(),
  /** Plain-language reason shown to readers. */
  reason: z.string(),
});

export const columnProfileSchema = z.object({
  name: z.string(),
  nulls: z.number().int().nonnegative(),
  distinct: z.number().int().nonnegative(),
  /** The column has too many different values to count exactly on the stream: `distinct` is a HyperLogLog estimate (about 1 % off). */
  distinctEstimated: z.literal(true).optional(),
  /** Smallest and largest value as text (absent for types without an order, e.g. boolean). */
  min: z.string().nullable(),
  max: z.string().nullable(),
  /** Most frequent values, for text and boolean columns. */
  top: z.array(z.object({ value: z.string().nullable(), count: z.number().int() })),
  /**
   * The column has too many different values to count each one: `top` was found on a sample of
   * the rows (Misra–Gries summary) and its counts are estimates.
   */
  topEstimated: z.literal(true).optional(),
  /** Equal-width histogram for numeric columns, month counts for date columns. */
  histogram: z.array(z.object({ from: z.string(), to: z.string(), count: z.number().int() })),
  /**
   * Filled-in values outside the field's declared `allowedValues` or `range`, counted in SQL on the
   * snapshot. Absent when the field declares neither (nothing to check), for hashed columns, and in
   * versions written before the quality scorecard existed.
   */
  invalid: z.number().int().nonnegative().optional(),
});

/** The declared key checked on the snapshot: how far it really identifies one row. */
export const keyCheckSchema = z.object({
  /** The declared `primaryKey` columns, as checked. */
  columns: z.array(z.string()).min(1),
  /** Rows with an empty value in any key column (they identify nothing). */
  emptyRows: z.number().int().nonnegative(),
  /** Key values shared by more than one row. */
  duplicateValues: z.number().int().nonnegative(),
  /** Rows beyond the first for each shared key value: the rows a reader cannot tell apart by key. */
  duplicateRows: z.number().int().nonnegative(),
});

/** Quality measured on the snapshot itself (the scorecard's inputs that are not per column). */
export const qualityCountsSchema = z.object({
  /** Null when the metadata declares no primary key. */
  key: keyCheckSchema.nullable(),
});

/**
 * The first rows in the same CSV encoding as `data.csv`, for the page's sortable, filterable
 * preview: small enough to load in a browser. Not a download and not part of the content hash.
 */
export const sampleFileSchema = snapshotFileSchema.extend({
  /** Data rows in the file (the header not counted). */
  rows: z.number().int().nonnegative(),
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
  /** Formats offered for other versions but not this one, with the reason. Absent in versions written before XLSX and XML. */
  notWritten: z.array(formatNotWrittenSchema).optional(),
  /** What changed against the previous version. Absent in a dataset's first version and in versions written before this record existed. */
  changes: versionChangesSchema.optional(),
  profile: z.array(columnProfileSchema),
  /** The first rows as published (text, null for empty), for the page's preview table. */
  preview: z.array(z.array(z.string().nullable())),
  /** Absent only in versions written before the privacy gate existed. */
  privacy: privacyReportSchema.optional(),
  /** Absent in versions written before the quality scorecard existed. */
  quality: qualityCountsSchema.optional(),
  /** Absent in versions written before the interactive preview existed. */
  sample: sampleFileSchema.optional(),
  /**
   * The cheap change fingerprint of the source table taken with this content (see
   * scripts/build-data/steps/fingerprint.ts). Absent when the source cannot be fingerprinted
   * (views, row filters, statistics off): such datasets are always snapshotted in full.
   */
  fingerprint: z.object({ rule: z.string(), value: z.string().regex(/^[0-9a-f]{64}$/) }).optional(),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type SnapshotFile = z.infer<typeof snapshotFileSchema>;
export type FormatNotWritten = z.infer<typeof formatNotWrittenSchema>;
export type ColumnProfile = z.infer<typeof columnProfileSchema>;
export type PrivacyReport = z.infer<typeof privacyReportSchema>;
export type QualityCounts = z.infer<typeof qualityCountsSchema>;
export type KeyCheck = z.infer<typeof keyCheckSchema>;
export type SampleFile = z.infer<typeof sampleFileSchema>;
