/**
 * The longest each metadata text may be, in characters. Every text is copied into the dataset's
 * page, the search index and each catalog export (DCAT, data.json, schema.org, the data package),
 * and some into every other page that lists the dataset: a 5 MB description would make a 5 MB page
 * and a 5 MB catalog.ttl. The limits are generous for writing and small for a web page; longer
 * material belongs in a linked document. docs/maintainers.md lists them.
 */
export const TEXT_LIMITS = {
  title: 120,
  summary: 400,
  description: 20_000,
  rowMeaning: 200,
  keyword: 60,
  keywords: 30,
  name: 200,
  spatial: 200,
  collectionMethod: 4_000,
  caveat: 1_000,
  caveats: 30,
  reason: 2_000,
  uses: 50,
  fieldTitle: 120,
  fieldDescription: 2_000,
  unit: 50,
  example: 200,
  allowedValue: 200,
  allowedValues: 1_000,
  pattern: 500,
  replacement: 100,
  rowFilter: 2_000,
  retentionSchedule: 300,
  quality: 2_000,
} as const;

/** The message for a text over its limit, with its length, for the metadata check. */
export function tooLong(what: string, max: number): { error: (issue: { input?: unknown }) => string } {
  return {
    error: (issue) => {
      const length = typeof issue.input === 'string' ? ` (it has ${issue.input.length.toLocaleString('en')})` : '';
      return `keep ${what} to ${max.toLocaleString('en')} characters or fewer${length}: it is copied into pages and every catalog export; link to a longer document instead`;
    },
  };
}

/** The message for a list over its limit. */
export function tooMany(what: string, max: number): { error: string } {
  return { error: `list at most ${max.toLocaleString('en')} ${what}` };
}
