import type { APIRoute } from 'astro';
import { getCatalog } from '../lib/catalog.ts';
import { searchRecords } from '../lib/search-record.ts';
import { loadSynonyms } from '../lib/search-synonyms.ts';

/**
 * The documents search indexes, one per published dataset (src/lib/search-record.ts). A build
 * intermediate: the search-index integration reads this file, hands each document to Pagefind and
 * deletes it, so it is never served.
 */
export const GET: APIRoute = async () => new Response(JSON.stringify({ records: searchRecords(await getCatalog(), loadSynonyms()) }), { headers: { 'Content-Type': 'application/json' } });
