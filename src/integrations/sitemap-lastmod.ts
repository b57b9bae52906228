import { readAllMetadata } from '../shared/metadata.ts';
import { decidePublication, type Publication } from '../shared/publication.ts';
import { listVersions, readWithdrawals } from '../shared/snapshot-store.ts';
import { buildDay } from '../lib/catalog-day.ts';
import { urls } from '../lib/urls.ts';

/** The shape @astrojs/sitemap hands to `serialize` (its own type is not exported by name). */
interface SitemapItem {
  url: string;
  lastmod?: string | undefined;
}

/**
 * `lastmod` for the sitemap, from the data: a dataset's page and everything under it changes with
 * its latest version, a version's page with that version (never again), and the pages that list
 * datasets with the newest version in the catalog. What is online is decided by the one rule
 * (src/shared/publication.ts), read from disk as the snapshot-files integration reads it. Other
 * pages (about, search) carry no date rather than a made-up one.
 */
export function sitemapLastmod(root: string): (item: SitemapItem) => Promise<SitemapItem> {
  let dates: Promise<Map<string, string>> | undefined;
  return async (item) => {
    dates ??= readPublication(root).then(pageDates);
    // The site is served from the root of its host (src/site.config.ts), so a page's path is its URL's.
    const path = new URL(item.url).pathname;
    const lastmod = (await dates).get(path) ?? (await dates).get(datasetPath(path) ?? '');
    return lastmod ? { ...item, lastmod } : item;
  };
}

/** `/datasets/<id>/compare/` → `/datasets/<id>/`: pages under a dataset change with it. */
function datasetPath(path: string): string | undefined {
  const match = /^\/datasets\/[^/]+\//.exec(path);
  return match && !path.includes('/versions/') ? match[0] : undefined;
}

async function readPublication(root: string): Promise<Publication> {
  const datasets = (await readAllMetadata(root)).map((f) => f.dataset);
  const manifests = (await Promise.all(datasets.map((d) => listVersions(root, d.id)))).flat();
  const withdrawals = await Promise.all(datasets.map((d) => readWithdrawals(root, d.id)));
  return decidePublication({ datasets, manifests, today: buildDay(), withdrawals });
}

/** Site path → ISO date-time of the data it shows. */
export function pageDates(publication: Pick<Publication, 'online'>): Map<string, string> {
  const dates = new Map<string, string>();
  let newest = '';
  for (const { dataset, versions, latest } of publication.online) {
    dates.set(urls.dataset(dataset.id), latest.manifest.snapshotAt);
    for (const { manifest } of versions) dates.set(urls.version(dataset.id, manifest.version), manifest.snapshotAt);
    if (latest.manifest.snapshotAt > newest) newest = latest.manifest.snapshotAt;
  }
  if (newest) for (const path of [urls.home(), urls.datasets(), '/recently-updated/']) dates.set(path, newest);
  return dates;
}
