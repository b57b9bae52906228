import { z } from 'zod';

/**
 * The search synonym list (`src/content/search-synonyms.yaml`): groups of words or phrases that
 * mean the same thing to a reader, including spelling variants (US and UK). A dataset whose
 * indexed text holds one term of a group is also found by every other term of it. Maintainers
 * extend the list through pull requests; `npm run catalog:check` and the unit tests validate it.
 */
const term = z
  .string()
  .trim()
  .min(2, { error: 'a search term needs at least two characters (single letters never match)' })
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} '’-]*$/u, { error: 'write a term as plain words (letters, digits, spaces, hyphens, apostrophes)' });

// YAML reads 311 as a number; a term is text either way.
const termOrNumber = z.union([z.number().transform(String), z.string()]).pipe(term);

export const synonymGroupSchema = z
  .array(termOrNumber)
  .min(2, { error: 'a group needs at least two terms that mean the same thing' })
  .refine((terms) => new Set(terms.map((t) => t.toLowerCase())).size === terms.length, { error: 'a term is listed twice in the same group' });

export const searchSynonymsSchema = z
  .object({
    /** Each group: terms that mean the same thing, e.g. [neighbourhood, neighborhood]. */
    groups: z.array(synonymGroupSchema),
  })
  .strict();

export type SearchSynonyms = z.infer<typeof searchSynonymsSchema>;
