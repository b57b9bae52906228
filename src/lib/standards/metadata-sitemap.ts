import type { SiteConfig } from '../../site.config.ts';
import { absoluteUrl, urls } from '../urls.ts';
import type { StandardsEntry } from './entry.ts';
import { modified } from './facts.ts';

/**
 * The machine-readable files as a sitemap of their own (`/sitemap-metadata.xml`, listed in the sitemap
 * index): harvesters and crawlers find every catalog export and every dataset's DCAT-AP, data
 * package, CSVW and feed without them appearing as HTML pages. `lastmod` is the newest version the
 * file describes.
 */
export function machineReadableFiles(entries: readonly StandardsEntry[]): { path: string; lastmod: string | undefined }[] {
  const newest = entries.map(modified).sort().at(-1);
  const catalogWide = [urls.catalogTurtle(), urls.catalogJsonLd(), urls.catalogRdfXml(), urls.dataJson(), urls.dataJsonUs3(), urls.dataJsonUs11(), urls.catalogDump(), urls.feed()];
  return [
    ...catalogWide.map((path) => ({ path, lastmod: newest })),
    ...entries.flatMap((entry) => {
      const id = entry.dataset.id;
      return [urls.datasetTurtle(id), urls.datasetJsonLd(id), urls.datasetRdfXml(id), urls.dataPackage(id), urls.csvwLatest(id), urls.datasetFeed(id)].map((path) => ({
        path,
        lastmod: modified(entry),
      }));
    }),
  ];
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

export function metadataSitemap(entries: readonly StandardsEntry[], site: Pick<SiteConfig, 'url'>): string {
  const lines = machineReadableFiles(entries).map(({ path, lastmod }) => `<url><loc>${escape(absoluteUrl(site.url, path))}</loc>${lastmod ? `<lastmod>${escape(lastmod)}</lastmod>` : ''}</url>`);
  return ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', ...lines, '</urlset>', ''].join('\n');
}
