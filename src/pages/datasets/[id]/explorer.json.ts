import type { APIRoute, GetStaticPaths } from 'astro';
import { getCatalog, type CatalogEntry } from '../../../lib/catalog.ts';
import { explorerConfig } from '../../../lib/explorer-config.ts';
import { jsonResponse } from '../../../lib/standards/responses.ts';

export const getStaticPaths = (async () =>
  (await getCatalog()).filter((entry) => explorerConfig(entry) !== null).map((entry) => ({ params: { id: entry.dataset.id }, props: { entry } }))) satisfies GetStaticPaths;

/** The table explorer's settings for the latest version: its Parquet file and the columns with their filters' pick-lists. */
export const GET: APIRoute<{ entry: CatalogEntry }> = ({ props }) => jsonResponse(explorerConfig(props.entry));
