import type { APIRoute } from 'astro';
import { getCatalog } from '../../lib/catalog.ts';
import { dataJsonUs3 } from '../../lib/standards/data-json-us3.ts';
import { jsonResponse } from '../../lib/standards/responses.ts';
import { siteConfig } from '../../site.config.ts';

/** The catalog in DCAT-US 3.0, always at this address whichever version /data.json serves. */
export const GET: APIRoute = async () => jsonResponse(dataJsonUs3(await getCatalog(), siteConfig));
