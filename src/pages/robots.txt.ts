import type { APIRoute } from 'astro';
import { absoluteUrl, urls } from '../lib/urls.ts';
import { textResponse } from '../lib/standards/responses.ts';
import { siteConfig } from '../site.config.ts';

/** Everything is public; the sitemap tells crawlers where every page is. */
export const GET: APIRoute = () => textResponse(`User-agent: *\nAllow: /\n\nSitemap: ${absoluteUrl(siteConfig.url, urls.sitemap())}\n`, 'text/plain');
