import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { searchSynonymsSchema, type SearchSynonyms } from '../schemas/search-synonyms.ts';
import { problemsFromIssues } from '../shared/friendly-errors.ts';

/** The maintainers' synonym list, relative to the project root. */
export const SYNONYMS_FILE = 'src/content/search-synonyms.yaml';

/** Reads and validates the synonym list; an invalid list fails the build with file, group and fix. */
export function loadSynonyms(root = process.cwd()): SearchSynonyms {
  const file = path.join(root, SYNONYMS_FILE);
  const parsed = searchSynonymsSchema.safeParse(parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const problems = problemsFromIssues(SYNONYMS_FILE, parsed.error.issues).map((p) => `  - ${p.field}: ${p.message}`);
    throw new Error(`${SYNONYMS_FILE} is not a valid synonym list:\n${problems.join('\n')}`);
  }
  return parsed.data;
}

/** Lower case, with letters and digits kept and everything else a space, so phrases match across punctuation. */
export function normaliseText(text: string): string {
  return ` ${text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;
}

/**
 * The terms to add to a dataset's search text: for each group with a term in `text` (as whole
 * words), its other terms that `text` does not already hold.
 */
export function synonymExpansions(text: string, synonyms: SearchSynonyms): string[] {
  const haystack = normaliseText(text);
  const has = (term: string) => haystack.includes(normaliseText(term));
  const out = new Set<string>();
  for (const group of synonyms.groups) {
    if (!group.some(has)) continue;
    for (const term of group) if (!has(term)) out.add(term);
  }
  return [...out];
}
