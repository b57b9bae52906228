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
