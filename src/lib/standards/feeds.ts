import { Feed, type Item } from 'feed';
import type { SiteConfig } from '../../site.config.ts';
import { formatInteger } from '../format.ts';
import { urls } from '../urls.ts';
import { changeLine, versionChangeSummary } from '../version-changes.ts';
import type { StandardsEntry } from './entry.ts';
import { standardIris } from './iris.ts';

/**
 * Atom feeds of what changed: a dataset's first version is "new", later ones "updated", and a
 * retirement is an entry of its own. Dates come from the manifests and metadata, never from the
 * build clock, so rebuilding without new data leaves the feed unchanged (feed readers notice).
 */

const MAX_ITEMS = 50;

function itemsFor(entry: StandardsEntry, site: SiteConfig): Item[] {
  const { dataset } = entry;
  const ids = standardIris(site);
  const oldestFirst = [...entry.versions].reverse();
  const items: Item[] = oldestFirst.map((manifest, index) => {
    const link = ids.abs(urls.version(dataset.id, manifest.version));
    const what = index === 0 ? `New dataset: ${dataset.title}` : `${dataset.title} updated`;
    return {
      title: `${what} (version ${manifest.version})`,
      id: link,
      link,
      date: new Date(manifest.snapshotAt),
      description: `${index === 0 ? dataset.summary : `What changed: ${changeLine(versionChangeSummary(entry.versions, entry.versions.length - 1 - index))}`} ${formatInteger(manifest.rowCount)} rows in this version.`,
      category: [{ name: dataset.publisher }],
      author: [{ name: dataset.publisher, email: dataset.contactPoint.email }],
    };
  });
  if (dataset.status === 'retired' && dataset.retired) {
    const link = ids.abs(urls.dataset(dataset.id));
    items.push({
      title: `${dataset.title} retired`,
      id: `${link}#retired`,
      link,
      date: new Date(`${dataset.retired.date}T00:00:00Z`),
      description: dataset.retired.reason,
      author: [{ name: dataset.publisher, email: dataset.contactPoint.email }],
    });
  }
  return items;
}

function buildFeed(options: { id: string; title: string; description: string; self: string; link: string }, items: Item[], site: SiteConfig) {
  const newest = items.map((item) => item.date.getTime()).sort((a, b) => b - a)[0];
  const feed = new Feed({
    id: options.id,
    title: options.title,
    description: options.description,
    link: options.link,
    language: site.language,
    updated: newest === undefined ? new Date(0) : new Date(newest),
    generator: site.name,
    feedLinks: { atom: options.self },
    author: { name: site.organisation, email: site.contact.email, link: standardIris(site).home },
    copyright: `${site.organisation}; each dataset's licence is on its page`,
  });
  for (const item of items.sort((a, b) => b.date.getTime() - a.date.getTime()).slice(0, MAX_ITEMS)) feed.addItem(item);
  return feed.atom1();
}

/** `/feed.xml`: new and updated datasets across the catalog, newest first. */
export function catalogFeed(entries: readonly StandardsEntry[], site: SiteConfig): string {
  const ids = standardIris(site);
  return buildFeed(
    { id: ids.abs(urls.feed()), self: ids.abs(urls.feed()), link: ids.home, title: `${site.name}: new and updated datasets`, description: site.tagline },
    entries.flatMap((entry) => itemsFor(entry, site)),
    site,
  );
}

/** `/datasets/<id>/feed.xml`: one dataset's versions, for following a single dataset. */
export function datasetFeed(entry: StandardsEntry, site: SiteConfig): string {
  const ids = standardIris(site);
  const self = ids.abs(urls.datasetFeed(entry.dataset.id));
  return buildFeed(
    { id: self, self, link: ids.abs(urls.dataset(entry.dataset.id)), title: `${entry.dataset.title}: updates (${site.name})`, description: entry.dataset.summary },
    itemsFor(entry, site),
    site,
  );
}
