import type { APIRoute, GetStaticPaths } from 'astro';
import { getCatalog, type CatalogEntry } from '../../../../lib/catalog.ts';
import { csvwMetadata } from '../../../../lib/standards/datapackage.ts';
import { jsonResponse } from '../../../../lib/standards/responses.ts';
import { siteConfig } from '../../../../site.config.ts';

export const getStaticPaths = (async () =>
  (await getCatalog())
    .filter((entry) => entry.latest.files.some((file) => file.name === 'data.csv'))
    .map((entry) => ({ params: { id: entry.dataset.id }, props: { entry } }))) satisfies GetStaticPaths;

/** CSVW metadata beside the latest CSV (the snapshot-files integration copies the CSV next to it). */
export const GET: APIRoute<{ entry: CatalogEntry }> = ({ props }) => jsonResponse(csvwMetadata(props.entry, props.entry.latest, siteConfig), 'application/csvm+json');
