import type { APIRoute } from 'astro';
import { getCatalog } from '../lib/catalog.ts';
import { catalogDump } from '../lib/standards/catalog-dump.ts';
import { jsonResponse } from '../lib/standards/responses.ts';
import { siteConfig } from '../site.config.ts';

/** Every dataset, version and distribution with its metadata, in one file. */
export const GET: APIRoute = async () => jsonResponse(catalogDump(await getCatalog(), siteConfig));
