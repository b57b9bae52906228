import type { APIRoute } from 'astro';
import { getCatalog } from '../lib/catalog.ts';
import { catalogFeed } from '../lib/standards/feeds.ts';
import { textResponse } from '../lib/standards/responses.ts';
import { siteConfig } from '../site.config.ts';

/** Atom feed of new and updated datasets. */
export const GET: APIRoute = async () => textResponse(catalogFeed(await getCatalog(), siteConfig), 'application/atom+xml');
