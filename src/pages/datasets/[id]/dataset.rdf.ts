import type { APIRoute, GetStaticPaths } from 'astro';
import { getCatalog } from '../../../lib/catalog.ts';
import { getDcatGraphs } from '../../../lib/catalog-graphs.ts';
import { toRdfXml } from '../../../lib/standards/rdf-serialise.ts';
import { textResponse } from '../../../lib/standards/responses.ts';

export const getStaticPaths = (async () => (await getCatalog()).map((entry) => ({ params: { id: entry.dataset.id } }))) satisfies GetStaticPaths;

/** One dataset in DCAT-AP 3 as RDF/XML: its part of the catalog graph (versions, series, distributions). */
export const GET: APIRoute = async ({ params }) => {
  const graph = (await getDcatGraphs()).datasets.get(params.id!);
  if (!graph) throw new Error(`No DCAT graph for dataset "${params.id}": it is not in the catalog.`);
  return textResponse(await toRdfXml(graph), 'application/rdf+xml');
};
