import type { APIRoute } from 'astro';
import { getDcatGraphs } from '../lib/catalog-graphs.ts';
import { toTurtle } from '../lib/standards/rdf-serialise.ts';
import { textResponse } from '../lib/standards/responses.ts';

/** The catalog in DCAT-AP 3, as Turtle. */
export const GET: APIRoute = async () => textResponse(await toTurtle((await getDcatGraphs()).catalog), 'text/turtle');
