import { z } from 'zod';
import { scanReviewedSchema } from './privacy.ts';
import { transformSchema } from './transform.ts';
import { TEXT_LIMITS, tooLong, tooMany } from './text-limits.ts';

/**
 * The types a published column can have. They are deliberately few and map onto Frictionless Table
 * Schema types; `scripts/build-data/lib/pg-types.ts` maps PostgreSQL types onto them.
 */
export const fieldTypes = ['string', 'integer', 'number', 'boolean', 'date', 'datetime', 'time', 'duration'] as const;
export const fieldTypeSchema = z.enum(fieldTypes, { error: `type must be one of: ${fieldTypes.join(', ')}` });
export type FieldType = z.infer<typeof fieldTypeSchema>;

/**
 * What a column's values are, beyond their type: decides how the site summarises and charts it.
 * A small, closed set; leave `role` out and the build infers one (see `src/shared/field-role.ts`).
 *
 * - `identifier`: names one thing (a request number, a permit number); never charted.
 * - `code`: a label written with digits or letters (a postal code, a ward number, a route); counted
 *   as categories when there are few, never drawn as a distribution of numbers.
 * - `coordinate`: a latitude, longitude or projected x/y; never charted (a map is not a histogram).
 * - `house-number`: a street number or block number; never charted.
 * - `category`: one of a short list of values (a status, a type); counted as categories.
 * - `measure`: a quantity that can be compared or added up (a cost, a height, a count); its
 *   distribution is drawn as a histogram.
 * - `text`: free text (notes, descriptions); never charted.
 */
export const fieldRoles = ['identifier', 'code', 'coordinate', 'house-number', 'category', 'measure', 'text'] as const;
export const fieldRoleSchema = z.enum(fieldRoles, { error: `role must be one of: ${fieldRoles.join(', ')}` });
export type FieldRole = z.infer<typeof fieldRoleSchema>;

/** One column of the field dictionary. */
export const fieldSchema = z
  .object({
    /** The column name exactly as in the database (case and spaces matter). */
    name: z.string().min(1, { error: 'give the column name as it is in the database' }),
    /** A short human label, e.g. "Species (common name)". */
    title: z.string().min(2, { error: 'give the column a human title' }).max(TEXT_LIMITS.fieldTitle, tooLong('the title', TEXT_LIMITS.fieldTitle)),
    /** What the column means in plain language; required for every published column. */
    description: z
      .string()
      .min(10, { error: 'describe the column in plain language (at least 10 characters); undocumented columns are not published' })
      .max(TEXT_LIMITS.fieldDescription, tooLong('the description', TEXT_LIMITS.fieldDescription)),
    /** Published type; must match the live column (checked at every snapshot). */
    type: fieldTypeSchema,
    /**
     * What the values are (identifier, code, coordinate, house-number, category, measure, text): decides
     * which chart, if any, the page draws for the column. Inferred when left out (see `fieldRoles`).
     */
    role: fieldRoleSchema.optional(),
    /** Unit of measure where the value has one, e.g. "cm", "USD", "minutes". */
    unit: z.string().max(TEXT_LIMITS.unit, tooLong('the unit', TEXT_LIMITS.unit)).optional(),
    /** A typical value, shown in the data dictionary. */
    example: z.union([z.string().max(TEXT_LIMITS.example, tooLong('the example', TEXT_LIMITS.example)), z.number(), z.boolean()]).optional(),
    /** The complete list of values the column may take (checked by the quality scorecard). */
    allowedValues: z
      .array(z.union([z.string().max(TEXT_LIMITS.allowedValue, tooLong('an allowed value', TEXT_LIMITS.allowedValue)), z.number()]))
      .max(TEXT_LIMITS.allowedValues, tooMany('allowed values', TEXT_LIMITS.allowedValues))
      .optional(),
    /** Inclusive range of valid numbers (checked by the quality scorecard). */
    range: z.object({ min: z.number().optional(), max: z.number().optional() }).optional(),
    /** How values are changed before publication (hash, generalize, truncate, redact), with the reason. */
    transform: transformSchema.optional(),
    /** Personal-data detectors whose hits in this column a person has reviewed and accepted, with why. */
    scanReviewed: scanReviewedSchema.optional(),
  })
  .strict();

export type Field = z.infer<typeof fieldSchema>;
