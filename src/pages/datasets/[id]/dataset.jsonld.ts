import type { APIRoute, GetStaticPaths } from 'astro';
import { getCatalog } from '../../../lib/catalog.ts';
import { getDcatGraphs } from '../../../lib/catalog-graphs.ts';
import { toJsonLd } from '../../../lib/standards/rdf-serialise.ts';
import { jsonResponse } from '../../../lib/standards/responses.ts';

export const getStaticPaths = (async () => (await getCatalog()).map((entry) => ({ params: { id: entry.dataset.id } }))) satisfies GetStaticPaths;

/** One dataset in DCAT-AP 3 as JSON-LD: its part of the catalog graph (versions, series, distributions). */
export const GET: APIRoute = async ({ params }) => {
  const graph = (await getDcatGraphs()).datasets.get(params.id!);
  if (!graph) throw new Error(`No DCAT graph for dataset "${params.id}": it is not in the catalog.`);
  return jsonResponse(await toJsonLd(graph), 'application/ld+json');
};
