import type { APIRoute } from 'astro';
import { getCatalog } from '../lib/catalog.ts';
import { dataJson } from '../lib/standards/data-json.ts';
import { dataJsonUs3 } from '../lib/standards/data-json-us3.ts';
import { jsonResponse } from '../lib/standards/responses.ts';
import { siteConfig } from '../site.config.ts';

/** The catalog in DCAT-US, for data.gov-style harvesters: 3.0 unless `dataJson: '1.1'` in src/site.config.ts. */
export const GET: APIRoute = async () => {
  const entries = await getCatalog();
  return jsonResponse(siteConfig.dataJson === '1.1' ? dataJson(entries, siteConfig) : dataJsonUs3(entries, siteConfig));
};
