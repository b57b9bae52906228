import type { APIRoute } from 'astro';
import { getDcatGraphs } from '../lib/catalog-graphs.ts';
import { toJsonLd } from '../lib/standards/rdf-serialise.ts';
import { jsonResponse } from '../lib/standards/responses.ts';

/** The catalog in DCAT-AP 3, as JSON-LD (the same graph as /catalog.ttl). */
export const GET: APIRoute = async () => jsonResponse(await toJsonLd((await getDcatGraphs()).catalog), 'application/ld+json');
