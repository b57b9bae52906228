import { z } from 'zod';
import type { FieldType } from './field.ts';
import { TEXT_LIMITS, tooLong } from './text-limits.ts';

/**
 * Per-field transforms: how a column's values are changed before any byte is written. Each one
 * carries a plain-language `reason`, shown on the dataset page so readers know what they are not
 * seeing and why. The snapshot applies them in SQL (generalize, truncate, redact) or on the stream
 * (hash, which needs a secret key that must never reach the database server's logs).
 */

const reason = z
  .string()
  .min(10, { error: 'say in plain language why this column is transformed (at least 10 characters); it is shown to readers' })
  .max(TEXT_LIMITS.reason, tooLong('the reason', TEXT_LIMITS.reason));

export const generalizeUnits = ['day', 'month', 'year'] as const;

/** Replaces each value by a keyed HMAC pseudonym: equal values stay equal, across versions too. */
const hashTransform = z.object({ method: z.literal('hash'), reason }).strict();

/** Coarsens a value: a date or timestamp to its day, month or year; a number to a band or fewer decimals. */
const generalizeTransform = z
  .object({
    method: z.literal('generalize'),
    /** Dates and timestamps: `day` publishes a date, `month` YYYY-MM text, `year` an integer. */
    to: z.enum(generalizeUnits, { error: `to must be one of ${generalizeUnits.join(', ')}` }).optional(),
    /** Numbers: ascending band edges, e.g. [0, 18, 35, 65] publishes "0–17", "18–34", "35–64", "65 and over". */
    bins: z.array(z.number()).min(2, { error: 'give at least two band edges, e.g. [0, 18, 65]' }).optional(),
    /** Numbers (e.g. coordinates): round to this many decimals; 3 decimals of a degree is about 100 m. */
    decimals: z.number().int().min(0).max(10).optional(),
    reason,
  })
  .strict()
  .refine((t) => [t.to, t.bins, t.decimals].filter((v) => v !== undefined).length === 1, {
    error: 'generalize takes exactly one of: to (day, month, year), bins (band edges) or decimals',
  })
  .refine((t) => !t.bins || t.bins.every((edge, i) => i === 0 || edge > t.bins![i - 1]!), {
    error: 'bins must be in ascending order with no repeats, e.g. [0, 18, 35, 65]',
    path: ['bins'],
  });

/** Keeps only the first characters of a text, e.g. a postal code's area. */
const truncateTransform = z.object({ method: z.literal('truncate'), length: z.number().int().min(1, { error: 'keep at least one character' }), reason }).strict();

/** Replaces every match of a pattern (PostgreSQL regular expression) with a fixed text. */
const redactTransform = z
  .object({
    method: z.literal('redact'),
    pattern: z.string().min(1).max(TEXT_LIMITS.pattern, tooLong('the pattern', TEXT_LIMITS.pattern)).refine(isRegExp, { error: 'the pattern is not a valid regular expression' }),
    replacement: z.string().max(TEXT_LIMITS.replacement, tooLong('the replacement', TEXT_LIMITS.replacement)).default('[removed]'),
    reason,
  })
  .strict();

export const transformMethods = ['hash', 'generalize', 'truncate', 'redact'] as const;

export const transformSchema = z.discriminatedUnion('method', [hashTransform, generalizeTransform, truncateTransform, redactTransform], {
  error: `transform.method must be one of: ${transformMethods.join(', ')}`,
});

export type Transform = z.infer<typeof transformSchema>;

function isRegExp(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return false;
  }
}

/** The published type a transform produces, given the column's own type. */
export function transformedType(transform: Transform, sourceType: FieldType): FieldType {
  switch (transform.method) {
    case 'hash':
    case 'truncate':
    case 'redact':
      return 'string';
    case 'generalize':
      if (transform.to === 'day') return 'date';
      if (transform.to === 'month') return 'string';
      if (transform.to === 'year') return 'integer';
      if (transform.bins) return 'string';
      return sourceType;
  }
}

/** The column types a transform can read; `null` means any publishable type. */
export function acceptedSourceTypes(transform: Transform): readonly FieldType[] | null {
  switch (transform.method) {
    case 'hash':
      return null;
    case 'truncate':
    case 'redact':
      return ['string'];
    case 'generalize':
      if (transform.to) return ['date', 'datetime'];
      if (transform.bins) return ['integer', 'number'];
      return ['number'];
  }
}

/** One plain-language sentence saying what the transform did, for the dataset page and the privacy report. */
export function describeTransform(transform: Transform): string {
  switch (transform.method) {
    case 'hash':
      return 'Replaced by a pseudonym: the same original value always gets the same code, but the code cannot be turned back into the value.';
    case 'truncate':
      return `Shortened to its first ${transform.length} character${transform.length === 1 ? '' : 's'}.`;
    case 'redact':
      return `Parts matching a pattern were replaced by “${transform.replacement}”.`;
    case 'generalize':
      if (transform.to) return `Only the ${transform.to} is published, not the exact ${transform.to === 'day' ? 'time' : 'date'}.`;
      if (transform.bins) return `Published as bands (${binLabels(transform.bins).join(', ')}) instead of exact numbers.`;
      return `Rounded to ${transform.decimals} decimal place${transform.decimals === 1 ? '' : 's'}.`;
  }
}

/** Labels of the bands made by ascending edges: "0–17", "18–34", …, "65 and over" for whole numbers. */
export function binLabels(edges: readonly number[]): string[] {
  const whole = edges.every(Number.isInteger);
  return edges.map((edge, i) => {
    const next = edges[i + 1];
    if (next === undefined) return `${edge} and over`;
    return whole ? `${edge}–${next - 1}` : `${edge} to under ${next}`;
  });
}
