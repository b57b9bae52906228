import type { APIRoute, GetStaticPaths } from 'astro';
import { getCatalog, type CatalogEntry } from '../../../lib/catalog.ts';
import { dataPackage } from '../../../lib/standards/datapackage.ts';
import { jsonResponse } from '../../../lib/standards/responses.ts';
import { siteConfig } from '../../../site.config.ts';

export const getStaticPaths = (async () => (await getCatalog()).map((entry) => ({ params: { id: entry.dataset.id }, props: { entry } }))) satisfies GetStaticPaths;

/** Frictionless Data Package of the latest version, with the Table Schema from the field dictionary. */
export const GET: APIRoute<{ entry: CatalogEntry }> = ({ props }) => jsonResponse(dataPackage(props.entry, siteConfig));
