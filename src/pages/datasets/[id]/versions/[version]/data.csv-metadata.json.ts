import type { APIRoute, GetStaticPaths } from 'astro';
import { getCatalog, type CatalogEntry } from '../../../../../lib/catalog.ts';
import type { Manifest } from '../../../../../schemas/manifest.ts';
import { csvwMetadata } from '../../../../../lib/standards/datapackage.ts';
import { jsonResponse } from '../../../../../lib/standards/responses.ts';
import { siteConfig } from '../../../../../site.config.ts';

export const getStaticPaths = (async () =>
  (await getCatalog()).flatMap((entry) =>
    entry.versions
      .filter((manifest) => manifest.files.some((file) => file.name === 'data.csv'))
      .map((manifest) => ({ params: { id: entry.dataset.id, version: manifest.version }, props: { entry, manifest } })),
  )) satisfies GetStaticPaths;

/** CSVW metadata beside one version's CSV. */
export const GET: APIRoute<{ entry: CatalogEntry; manifest: Manifest }> = ({ props }) => jsonResponse(csvwMetadata(props.entry, props.manifest, siteConfig), 'application/csvm+json');
