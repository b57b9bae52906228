import type { APIRoute } from 'astro';
import { getCatalog } from '../lib/catalog.ts';
import { buildDcatGraph } from '../lib/standards/dcat-graph.ts';
import { toJsonLd } from '../lib/standards/rdf-serialise.ts';
import { jsonResponse } from '../lib/standards/responses.ts';
import { siteConfig } from '../site.config.ts';

/** The catalog in DCAT-AP 3, as JSON-LD (the same graph as /catalog.ttl). */
export const GET: APIRoute = async () => jsonResponse(await toJsonLd(buildDcatGraph(await getCatalog(), siteConfig)), 'application/ld+json');
