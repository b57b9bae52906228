import type { APIRoute, GetStaticPaths } from 'astro';
import { getCatalog, type CatalogEntry } from '../../../lib/catalog.ts';
import { datasetFeed } from '../../../lib/standards/feeds.ts';
import { textResponse } from '../../../lib/standards/responses.ts';
import { siteConfig } from '../../../site.config.ts';

export const getStaticPaths = (async () => (await getCatalog()).map((entry) => ({ params: { id: entry.dataset.id }, props: { entry } }))) satisfies GetStaticPaths;

/** Atom feed of one dataset's versions. */
export const GET: APIRoute<{ entry: CatalogEntry }> = ({ props }) => textResponse(datasetFeed(props.entry, siteConfig), 'application/atom+xml');
