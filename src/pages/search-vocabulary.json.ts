import type { APIRoute } from 'astro';
import { getCatalog } from '../lib/catalog.ts';
import { searchVocabulary } from '../lib/search-record.ts';
import { loadSynonyms } from '../lib/search-synonyms.ts';

/** The catalog's own words with how many datasets use each: the search page's "did you mean" reads it when a search finds nothing. */
export const GET: APIRoute = async () => new Response(JSON.stringify({ words: searchVocabulary(await getCatalog(), loadSynonyms()) }), { headers: { 'Content-Type': 'application/json' } });
