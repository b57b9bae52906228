import type { APIRoute } from 'astro';
import { getDcatGraphs } from '../lib/catalog-graphs.ts';
import { toRdfXml } from '../lib/standards/rdf-serialise.ts';
import { textResponse } from '../lib/standards/responses.ts';

/** The catalog in DCAT-AP 3, as RDF/XML (the same graph as /catalog.ttl), for harvesters that read only RDF/XML. */
export const GET: APIRoute = async () => textResponse(await toRdfXml((await getDcatGraphs()).catalog), 'application/rdf+xml');
