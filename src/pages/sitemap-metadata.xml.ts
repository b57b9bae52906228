import type { APIRoute } from 'astro';
import { getCatalog } from '../lib/catalog.ts';
import { metadataSitemap } from '../lib/standards/metadata-sitemap.ts';
import { textResponse } from '../lib/standards/responses.ts';
import { siteConfig } from '../site.config.ts';

/** The sitemap of every machine-readable file, listed in /sitemap-index.xml beside the pages' sitemap. */
export const GET: APIRoute = async () => textResponse(metadataSitemap(await getCatalog(), siteConfig), 'application/xml');
