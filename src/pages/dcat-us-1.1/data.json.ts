import type { APIRoute } from 'astro';
import { getCatalog } from '../../lib/catalog.ts';
import { dataJson } from '../../lib/standards/data-json.ts';
import { jsonResponse } from '../../lib/standards/responses.ts';
import { siteConfig } from '../../site.config.ts';

/** The catalog in DCAT-US 1.1 (Project Open Data), for harvesters not yet on 3.0. */
export const GET: APIRoute = async () => jsonResponse(dataJson(await getCatalog(), siteConfig));
