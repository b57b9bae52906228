import type { APIRoute } from 'astro';
import { getInventory } from '../lib/inventory.ts';
import { siteConfig } from '../site.config.ts';

/** The inventory as data, for portals and watchdogs that track what a city plans to publish. */
export const GET: APIRoute = async () => {
  const datasets = await getInventory();
  return new Response(JSON.stringify({ catalog: siteConfig.name, organisation: siteConfig.organisation, datasets }, null, 2) + '\n', {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
