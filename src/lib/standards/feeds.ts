import type { SiteConfig } from '../../site.config.ts';
import { formatInteger } from '../format.ts';
import { urls } from '../urls.ts';
import { changeLine, versionChangeSummary } from '../version-changes.ts';
import type { StandardsEntry } from './entry.ts';
import { standardIris } from './iris.ts';

/**
 * Atom feeds of what changed: a dataset's first version is "new", later ones "updated", and a
 * retirement and each withdrawn version are entries of their own. Dates come from the manifests
 * and metadata, never from the build clock, so rebuilding without new data leaves the feed
 * unchanged (feed readers notice).
 *
 * Written here rather than with a feed library: titles and summaries are maintainers' text, so
 * they go out as `type="text"` with every markup character escaped. A title holding `<script>` is
 * shown as those characters by any reader, and no text can end a CDATA section or an attribute.
 */

interface Item {
  title: string;
  id: string;
  link: string;
  date: Date;
  summary: string;
  author: { name: string; email: string };
  /** The publishing department, as an Atom category. */
  category?: string;
}

/** Escapes text for XML element content and attribute values; drops characters XML 1.0 cannot hold. */
function xml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- these are exactly the control characters XML 1.0 cannot hold.
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!)
  );
}

function authorXml(author: { name: string; email?: string; uri?: string }, indent: string): string {
  return [
    `${indent}<author>`,
    `${indent}  <name>${xml(author.name)}</name>`,
    ...(author.email ? [`${indent}  <email>${xml(author.email)}</email>`] : []),
    ...(author.uri ? [`${indent}  <uri>${xml(author.uri)}</uri>`] : []),
    `${indent}</author>`,
  ].join('\n');
}

function entryXml(item: Item): string {
  return [
    '  <entry>',
    `    <title type="text">${xml(item.title)}</title>`,
    `    <id>${xml(item.id)}</id>`,
    `    <link rel="alternate" type="text/html" href="${xml(item.link)}"/>`,
    `    <updated>${item.date.toISOString()}</updated>`,
    `    <summary type="text">${xml(item.summary)}</summary>`,
    authorXml(item.author, '    '),
    ...(item.category ? [`    <category term="${xml(item.category)}" label="${xml(item.category)}"/>`] : []),
    '  </entry>',
  ].join('\n');
}

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
      summary: `${index === 0 ? dataset.summary : `What changed: ${changeLine(versionChangeSummary(entry.versions, entry.versions.length - 1 - index))}`} ${formatInteger(manifest.rowCount)} rows in this version.`,
      category: dataset.publisher,
      author: { name: dataset.publisher, email: dataset.contactPoint.email },
    };
  });
  for (const withdrawn of entry.withdrawn ?? []) {
    const link = ids.abs(urls.version(dataset.id, withdrawn.version));
    items.push({
      title: `${dataset.title}: version ${withdrawn.version} withdrawn`,
      id: `${link}#withdrawn`,
      link,
      date: new Date(`${withdrawn.withdrawnOn}T00:00:00Z`),
      summary: `Withdrawn on ${withdrawn.withdrawnOn}: ${withdrawn.reason} Its files are no longer published.`,
      category: dataset.publisher,
      author: { name: dataset.publisher, email: dataset.contactPoint.email },
    });
  }
  if (dataset.status === 'retired' && dataset.retired) {
    const link = ids.abs(urls.dataset(dataset.id));
    items.push({
      title: `${dataset.title} retired`,
      id: `${link}#retired`,
      link,
      date: new Date(`${dataset.retired.date}T00:00:00Z`),
      summary: dataset.retired.reason,
      category: dataset.publisher,
      author: { name: dataset.publisher, email: dataset.contactPoint.email },
    });
  }
  return items;
}

function buildFeed(options: { id: string; title: string; description: string; self: string; link: string }, items: Item[], site: SiteConfig): string {
  const newest = items.map((item) => item.date.getTime()).sort((a, b) => b - a)[0];
  const updated = newest === undefined ? new Date(0) : new Date(newest);
  const entries = [...items].sort((a, b) => b.date.getTime() - a.date.getTime()).slice(0, MAX_ITEMS);
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xml(site.language)}">`,
    `  <id>${xml(options.id)}</id>`,
    `  <title type="text">${xml(options.title)}</title>`,
    `  <subtitle type="text">${xml(options.description)}</subtitle>`,
    `  <updated>${updated.toISOString()}</updated>`,
    `  <generator>${xml(site.name)}</generator>`,
    authorXml({ name: site.organisation, email: site.contact.email, uri: standardIris(site).home }, '  '),
    `  <link rel="alternate" type="text/html" href="${xml(options.link)}"/>`,
    `  <link rel="self" type="application/atom+xml" href="${xml(options.self)}"/>`,
    `  <rights type="text">${xml(`${site.organisation}; each dataset's licence is on its page`)}</rights>`,
    ...entries.map(entryXml),
    '</feed>',
    '',
  ].join('\n');
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
