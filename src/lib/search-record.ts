import type { SearchSynonyms } from '../schemas/search-synonyms.ts';
import type { CatalogEntry } from './catalog.ts';
import { formatFamilies } from '../shared/download-formats.ts';
import { formatDate, formatInteger, isoDate } from './format.ts';
import { normaliseText, synonymExpansions } from './search-synonyms.ts';
import { frequencyLabel, themeLabel } from './taxonomy.ts';
import { urls } from './urls.ts';

/**
 * What search indexes for a dataset, and nothing else: its title, keywords, publisher, theme,
 * summary, column titles and descriptions and caveats, each with a weight, plus the synonyms and
 * spelling variants of the words it holds (src/content/search-synonyms.yaml). Grades, counts,
 * dates and table cells are never indexed, so a search matches what a dataset is about. The
 * search-index integration gives Pagefind one such document per dataset instead of the pages.
 */

/** Pagefind weights (0–10): a word in the title counts most, a word in a column description least. */
export const SEARCH_WEIGHTS = { title: 10, keywords: 7, publisher: 7, theme: 4, summary: 3, synonyms: 2, columns: 1, caveats: 1 } as const;

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Markdown emphasis and links in caveats become their words. */
const plain = (text: string) => text.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*_`]/g, '');

/** The indexed texts of a dataset, by part. */
export function searchTexts(entry: CatalogEntry): Record<Exclude<keyof typeof SEARCH_WEIGHTS, 'synonyms'>, string> {
  const { dataset } = entry;
  return {
    title: dataset.title,
    keywords: dataset.keywords.join(', '),
    publisher: dataset.publisher,
    theme: themeLabel(dataset.theme),
    summary: dataset.summary,
    columns: dataset.fields.map((f) => `${f.title}: ${f.description}`).join(' '),
    caveats: dataset.caveats.map(plain).join(' '),
  };
}

/** What a search result shows (Pagefind metadata): never indexed, only displayed. */
export function searchMeta(entry: CatalogEntry): Record<string, string> {
  const { dataset, latest } = entry;
  return {
    title: dataset.title,
    summary: dataset.summary,
    publisher: dataset.publisher,
    updated: isoDate(latest.snapshotAt),
    updatedLabel: formatDate(latest.snapshotAt),
    rows: formatInteger(latest.rowCount),
    formats: formatFamilies(latest.files).join(', '),
    status: dataset.status === 'retired' ? 'retired' : 'active',
  };
}

/** Filters, as the search page offers them. */
export function searchFilters(entry: CatalogEntry): Record<string, string[]> {
  const { dataset, latest } = entry;
  return {
    theme: [themeLabel(dataset.theme)],
    publisher: [dataset.publisher],
    format: formatFamilies(latest.files),
    frequency: dataset.status === 'retired' ? ['No longer updated'] : [frequencyLabel(dataset.frequency)],
  };
}

/** The HTML document Pagefind indexes for a dataset (never served: see src/integrations/search-index.ts). */
export function searchDocument(entry: CatalogEntry, synonyms: SearchSynonyms): string {
  const texts = searchTexts(entry);
  const expansions = synonymExpansions(Object.values(texts).join(' '), synonyms);
  const meta = Object.entries(searchMeta(entry)).map(([key, value]) => `<meta data-pagefind-meta="${key}[content]" content="${escape(value)}">`);
  const filters = Object.entries(searchFilters(entry)).flatMap(([key, values]) => values.map((value) => `<meta data-pagefind-filter="${key}[content]" content="${escape(value)}">`));
  const part = (name: keyof typeof SEARCH_WEIGHTS, text: string, tag = 'p') => (text ? `<${tag} data-pagefind-weight="${SEARCH_WEIGHTS[name]}">${escape(text)}</${tag}>` : '');
  return [
    `<!doctype html><html lang="en"><head><title>${escape(texts.title)}</title>${meta.join('')}${filters.join('')}</head>`,
    '<body><main data-pagefind-body>',
    part('title', texts.title, 'h1'),
    part('keywords', texts.keywords),
    part('publisher', texts.publisher),
    part('theme', texts.theme),
    part('summary', texts.summary),
    part('columns', texts.columns),
    part('caveats', texts.caveats),
    part('synonyms', expansions.join(', ')),
    '</main></body></html>',
  ].join('');
}

export interface SearchRecord {
  url: string;
  html: string;
}

export function searchRecords(entries: readonly CatalogEntry[], synonyms: SearchSynonyms): SearchRecord[] {
  return entries.map((entry) => ({ url: urls.dataset(entry.dataset.id), html: searchDocument(entry, synonyms) }));
}

/**
 * The catalog's own words, for "did you mean": every word of two letters or more in the indexed
 * texts and the synonym list, with how many datasets use it (the more common spelling wins a tie).
 */
export function searchVocabulary(entries: readonly CatalogEntry[], synonyms: SearchSynonyms): [string, number][] {
  const counts = new Map<string, number>();
  for (const entry of entries) {
    const texts = searchTexts(entry);
    const words = new Set(
      normaliseText([...Object.values(texts), ...synonymExpansions(Object.values(texts).join(' '), synonyms)].join(' '))
        .split(' ')
        .filter((w) => w.length >= 2 && !/^\d+$/.test(w)),
    );
    for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return [...counts.entries()].sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
}
