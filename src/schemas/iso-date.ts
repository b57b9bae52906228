import { z } from 'zod';

/**
 * A calendar date written YYYY-MM-DD. Astro's YAML reader turns an unquoted 2024-01-31 into a
 * Date; the pipeline's keeps it as text. Both arrive here as the same string.
 */
export const isoDate = z.preprocess(
  (value) => (value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString().slice(0, 10) : value),
  z.iso.date({ error: 'write a date as YYYY-MM-DD, e.g. 2024-01-31' }),
);
