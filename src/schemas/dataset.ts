import { z } from 'zod';
import { frequencyIds, hvdCategoryIds, licenses, themeIds } from './vocabularies.ts';
import { approvalsSchema, checklistSchema, publicationBlockers } from './approvals.ts';
import { fieldSchema } from './field.ts';
import { isoDate } from './iso-date.ts';
import { privacySchema } from './privacy.ts';
import { formatRelationName, parseQualifiedName } from './relation-name.ts';
import { classifyColumn } from './personal-columns.ts';
import { acceptedSourceTypes, transformedType } from './transform.ts';
import { TEXT_LIMITS, tooLong, tooMany } from './text-limits.ts';

/**
 * The dataset metadata format: one YAML file per dataset in `src/content/datasets/`. This module is
 * the only definition of it; build-data, Astro's content collections, the linter and the exporters
 * all import it. Every message below says what to write, because maintainers read them in CI.
 */

/** Identifiers end up in URLs and file names: lower-case letters, digits and dashes only. */
export const datasetIdSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
  error: 'use lower-case letters, digits and single dashes only (e.g. street-trees); it becomes the URL',
});

/** Publication workflow: only `approved` datasets are read from the database. */
export const statusSchema = z.enum(['draft', 'review', 'approved', 'retired'], {
  error: 'status must be one of draft, review, approved, retired',
});

const sqlIdentifier = z.string().min(1, { error: 'name the schema or table as it is in the database' });

/** A relation or function the source reads, as `schema.name` (double quotes around parts with dots or quotes). */
const readsEntry = z.string().refine((value) => parseQualifiedName(value) !== null, {
  error: 'write schema.name as in the database, e.g. parks.street_trees (double quotes around a part that holds a dot or a quote)',
});

export const sourceSchema = z
  .object({
    /** Schema of the table or view, exactly as in the database. */
    schema: sqlIdentifier.default('public'),
    /** The table, view or materialised view, exactly as in the database. */
    table: sqlIdentifier,
    /**
     * For a view or materialised view: every table, view, materialised view and user function it
     * reads, directly or through other views, as `schema.name`. The build computes the same list
     * from the database's own dependency records and refuses the dataset when they differ, so the
     * reviewer of a pull request sees every table a dataset draws from. Leave it out for a table
     * (a table reads itself; its partitions and inheritance children go with it).
     */
    reads: z.array(readsEntry).optional(),
  })
  .strict();

export const datasetSchema = z
  .object({
    /** Stable identifier; becomes `/datasets/<id>/`. Must equal the file name without `.yaml`. */
    id: datasetIdSchema,
    /** Short human title, e.g. "Street trees". */
    title: z.string().min(3, { error: 'give the dataset a title of at least 3 characters' }).max(TEXT_LIMITS.title, tooLong('the title', TEXT_LIMITS.title)),
    /** One or two plain-language sentences shown first on the page and in search results. */
    summary: z
      .string()
      .min(20, { error: 'write a plain-language summary of at least 20 characters' })
      .max(TEXT_LIMITS.summary, { error: 'keep the summary under 400 characters; put details in description' }),
    /** Longer description in Markdown: what the data is, why it exists, how to read it. */
    description: z.string().min(50, { error: 'write a description of at least 50 characters (Markdown allowed)' }).max(TEXT_LIMITS.description, tooLong('the description', TEXT_LIMITS.description)),
    /** What one row of the table stands for, e.g. "one tree on public land". */
    rowMeaning: z.string().min(3, { error: 'say what one row means, e.g. "one street tree"' }).max(TEXT_LIMITS.rowMeaning, tooLong('what one row means', TEXT_LIMITS.rowMeaning)),
    /** Search words; at least one. */
    keywords: z
      .array(z.string().min(2).max(TEXT_LIMITS.keyword, tooLong('a keyword', TEXT_LIMITS.keyword)))
      .min(1, { error: 'add at least one keyword' })
      .max(TEXT_LIMITS.keywords, tooMany('keywords', TEXT_LIMITS.keywords)),
    /** One theme from the EU data-theme vocabulary. */
    theme: z.enum(themeIds, { error: `theme must be one of: ${themeIds.join(', ')}` }),
    /** The department that publishes and answers for the data. */
    publisher: z.string().min(2, { error: 'name the publishing department' }).max(TEXT_LIMITS.name, tooLong('the publisher', TEXT_LIMITS.name)),
    /** Who answers questions about the data: a role address is better than a person's. */
    contactPoint: z.object({
      name: z.string().min(2, { error: 'give the contact a name (a team or role is fine)' }).max(TEXT_LIMITS.name, tooLong('the contact name', TEXT_LIMITS.name)),
      email: z.email({ error: 'give a valid e-mail address, e.g. opendata@example.gov' }),
    }),
    /** An SPDX licence id from the vocabulary (e.g. CC-BY-4.0) or the URL of the licence text. */
    license: z.string().refine((value) => value in licenses || (/^https?:\/\//.test(value) && URL.canParse(value)), {
      error: `license must be one of ${Object.keys(licenses).join(', ')} or an https URL`,
    }),
    /** How often the data is refreshed, from the EU frequency vocabulary. */
    frequency: z.enum(frequencyIds, { error: `frequency must be one of: ${frequencyIds.join(', ')}` }),
    /**
     * The date or date-time column that dates a record (when a request was received, a permit
     * issued). The page states "records from X to Y" from its first and last value, and timeliness
     * judges that last date against `frequency`. Leave it out and the first date or date-time field
     * in the dictionary is used; the rule is `src/shared/temporal-coverage.ts`. Write `false` for an
     * inventory (trees, meters, staff) whose dates describe things, not when records were made: it is
     * then judged by the date of its latest version.
     */
    recordDate: z.union([z.string().min(1), z.literal(false)]).optional(),
    /** Time the data covers, as the publisher states it; leave `end` out while it is still growing. */
    temporal: z.object({ start: isoDate, end: isoDate.optional() }),
    /**
     * For a high-value dataset under the EU's implementing regulation 2023/138: its category
     * (geospatial, earth-observation, meteorological, statistics, companies, mobility). DCAT-AP then
     * carries `dcatap:hvdCategory` and the regulation as `dcatap:applicableLegislation`. Leave it out otherwise.
     */
    highValue: z
      .object({ category: z.enum(hvdCategoryIds, { error: `highValue.category must be one of: ${hvdCategoryIds.join(', ')}` }) })
      .strict()
      .optional(),
    /** The place the data covers, in words (e.g. "City of Riverton"). */
    spatial: z.string().min(2, { error: 'name the area the data covers' }).max(TEXT_LIMITS.spatial, tooLong('the area', TEXT_LIMITS.spatial)),
    /** Workflow state: draft → review → approved → retired. */
    status: statusSchema,
    /** Where the data comes from: a table or view, and for a view what it reads. */
    source: sourceSchema,
    /** The field dictionary: every published column, in order. Columns not listed are never read. */
    fields: z.array(fieldSchema).min(1, { error: 'list at least one field to publish' }),
    /** Column names whose combination identifies a row; used for the uniqueness check. */
    primaryKey: z.array(z.string()).default([]),
    /** How the data is collected, in plain language (Markdown). */
    collectionMethod: z
      .string()
      .min(20, { error: 'say in a sentence or two how the data is collected' })
      .max(TEXT_LIMITS.collectionMethod, tooLong('the collection method', TEXT_LIMITS.collectionMethod)),
    /** Known limitations a reader must know before drawing conclusions. */
    caveats: z
      .array(z.string().min(5).max(TEXT_LIMITS.caveat, tooLong('a caveat', TEXT_LIMITS.caveat)))
      .max(TEXT_LIMITS.caveats, tooMany('caveats', TEXT_LIMITS.caveats))
      .default([]),
    /** Ids of related datasets in this catalog. */
    related: z.array(datasetIdSchema).default([]),
    /** Date first published; filled by the first snapshot when left out. */
    issued: isoDate.optional(),
    /** When an unpublished dataset is planned to be published (shown on the inventory). */
    plannedPublication: isoDate.optional(),
    /** Why and when a dataset was retired; required when status is `retired`. */
    retired: z.object({ date: isoDate, reason: z.string().min(10).max(TEXT_LIMITS.reason, tooLong('the reason', TEXT_LIMITS.reason)) }).optional(),
    /** Sign-offs of the approval workflow; all three are required before an approved dataset is published. */
    approvals: approvalsSchema.default({}),
    /** Answers of the data-submission checklist; required before an approved dataset is published. */
    checklist: checklistSchema.optional(),
    /** Rows left out and small-cell protection, applied in SQL before any row leaves the database. */
    privacy: privacySchema.default({}),
    /** Examples of reuse: stories, tutorials, apps. */
    uses: z
      .array(
        z.object({
          title: z.string().min(3).max(TEXT_LIMITS.fieldTitle, tooLong('the title', TEXT_LIMITS.fieldTitle)),
          url: z.url(),
          description: z.string().min(5).max(TEXT_LIMITS.caveat, tooLong('the description', TEXT_LIMITS.caveat)),
        }),
      )
      .max(TEXT_LIMITS.uses, tooMany('uses', TEXT_LIMITS.uses))
      .default([]),
  })
  .strict()
  .superRefine((dataset, ctx) => {
    const names = new Set<string>();
    dataset.fields.forEach((field, index) => {
      if (names.has(field.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['fields', index, 'name'],
          message: `column "${field.name}" is listed twice; list each column once`,
        });
      }
      names.add(field.name);
    });
    dataset.primaryKey.forEach((column, index) => {
      if (!names.has(column)) {
        ctx.addIssue({
          code: 'custom',
          path: ['primaryKey', index],
          message: `primary key column "${column}" is not in fields; add it to fields or remove it here`,
        });
      }
    });
    dataset.fields.forEach((field, index) => {
      const transform = field.transform;
      if (!transform) return;
      // The declared type is what readers get. A transform fixes it for most methods; where it
      // keeps the column's type (rounding), any accepted source type is fine.
      const accepted = acceptedSourceTypes(transform);
      const expected = new Set((accepted ?? [field.type]).map((source) => transformedType(transform, source)));
      if (!expected.has(field.type)) {
        ctx.addIssue({
          code: 'custom',
          path: ['fields', index, 'type'],
          message: `"${field.name}" is published as ${[...expected].join(' or ')} after its ${transform.method} transform; set type: ${[...expected][0]}`,
        });
      }
    });
    dataset.privacy.smallCells?.quasiIdentifiers.forEach((column, index) => {
      if (!names.has(column)) {
        ctx.addIssue({
          code: 'custom',
          path: ['privacy', 'smallCells', 'quasiIdentifiers', index],
          message: `quasi-identifier "${column}" is not a published field; list published columns only (their published, transformed values are counted)`,
        });
      }
    });
    if (typeof dataset.recordDate === 'string') {
      const field = dataset.fields.find((f) => f.name === dataset.recordDate);
      if (!field) {
        ctx.addIssue({ code: 'custom', path: ['recordDate'], message: `recordDate "${dataset.recordDate}" is not a published field; name the date column that dates a record` });
      } else if (field.type !== 'date' && field.type !== 'datetime') {
        ctx.addIssue({ code: 'custom', path: ['recordDate'], message: `recordDate "${dataset.recordDate}" is a ${field.type} column; name a date or datetime column` });
      }
    }
    const reads = new Set<string>();
    dataset.source.reads?.forEach((entry, index) => {
      const name = formatRelationName(parseQualifiedName(entry)!);
      if (reads.has(name)) ctx.addIssue({ code: 'custom', path: ['source', 'reads', index], message: `${name} is listed twice; list each relation once` });
      reads.add(name);
    });
    if (dataset.status === 'retired' && !dataset.retired) {
      ctx.addIssue({
        code: 'custom',
        path: ['retired'],
        message: 'a retired dataset needs `retired: { date, reason }` so readers know why it stopped',
      });
    }
  });

/** True when the metadata declares anything that protects personal data. */
export function handlesPersonalData(dataset: Dataset): boolean {
  return Boolean(dataset.privacy.rowFilter || dataset.privacy.smallCells || dataset.fields.some((f) => f.transform));
}

/**
 * Why this dataset may not be online (empty when it may): see `publicationBlockers`. Applies to
 * approved datasets (read from the database only when cleared) and to retired ones (whose archive
 * is served only while cleared: a retired dataset reclassified later goes offline too).
 */
export function datasetBlockers(dataset: Dataset, today = new Date().toISOString().slice(0, 10)): string[] {
  if (dataset.status !== 'approved' && dataset.status !== 'retired') return [];
  return [...publicationBlockers({ ...dataset, handlesPersonalData: handlesPersonalData(dataset) }, today), ...personalColumnProblems(dataset)];
}

/**
 * Fields that look like personal data by their name, title or description (the column classifier,
 * src/schemas/personal-columns.ts) and are published as they are: neither transformed nor reviewed.
 * One line each, starting with the field's path, like the other blockers.
 */
export function personalColumnProblems(dataset: Pick<Dataset, 'fields'>): string[] {
  return dataset.fields.flatMap((field, index) => {
    if (field.transform || field.scanReviewed) return [];
    const personal = classifyColumn(field);
    if (!personal) return [];
    return [
      `fields[${index}].name: "${field.name}" looks like ${personal.reason}, published as it is. Transform it (hash, generalize, truncate or redact), ` +
        'remove the field, or, if a person checked that it holds no personal data, add scanReviewed: { justification: "…" } saying why',
    ];
  });
}

/** Metadata as written in a file (defaults not yet applied). */
export type DatasetInput = z.input<typeof datasetSchema>;
/** Metadata after validation, defaults applied. */
export type Dataset = z.infer<typeof datasetSchema>;
export type DatasetStatus = z.infer<typeof statusSchema>;
