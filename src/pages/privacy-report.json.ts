import type { APIRoute } from 'astro';
import { getCatalog } from '../lib/catalog.ts';
import { siteConfig } from '../site.config.ts';

/**
 * The privacy report of this build: for each published dataset, the privacy record of its latest
 * version (columns withheld, rows left out, values changed, the scan) and who approved it.
 */
export const GET: APIRoute = async () => {
  const catalog = await getCatalog();
  const datasets = catalog.map(({ dataset, latest }) => ({
    id: dataset.id,
    title: dataset.title,
    status: dataset.status,
    version: latest.version,
    snapshotAt: latest.snapshotAt,
    rowCount: latest.rowCount,
    approvals: dataset.approvals,
    sensitivity: dataset.checklist?.sensitivity ?? null,
    privacyImpactAssessment: dataset.checklist?.privacyImpactAssessment ?? null,
    privacy: latest.privacy ?? null,
  }));
  const body = { catalog: siteConfig.name, generatedAt: new Date().toISOString(), datasets };
  return new Response(JSON.stringify(body, null, 2) + '\n', { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
