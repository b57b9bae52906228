import type { APIRoute } from 'astro';
import { getCatalog } from '../lib/catalog.ts';
import { buildDcatGraph } from '../lib/standards/dcat-graph.ts';
import { toTurtle } from '../lib/standards/rdf-serialise.ts';
import { textResponse } from '../lib/standards/responses.ts';
import { siteConfig } from '../site.config.ts';

/** The catalog in DCAT-AP 3, as Turtle. */
export const GET: APIRoute = async () => textResponse(await toTurtle(buildDcatGraph(await getCatalog(), siteConfig)), 'text/turtle');
