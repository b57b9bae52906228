import { getCollection } from 'astro:content';
import type { Dataset } from '../schemas/dataset.ts';
import type { Manifest } from '../schemas/manifest.ts';
import { withdrawalsSchema, type Withdrawals, type WithdrawnVersion } from '../schemas/withdrawal.ts';
import { frequencyIds, themeIds, type FrequencyId, type ThemeId } from '../schemas/vocabularies.ts';
import { decidePublication, newestFirst, type Publication, type Tombstone } from '../shared/publication.ts';
import { buildDay } from './catalog-day.ts';
import { formatFamilies } from '../shared/download-formats.ts';
import { slugify } from './taxonomy.ts';

/**
 * The one place pages read the content collections. What is online is decided by the one rule in
 * `src/shared/publication.ts` (the snapshot-files integration copies files by the same rule):
 * approved or retired, cleared by the approval gate, with at least one snapshot version.
 */

export interface CatalogEntry {
  dataset: Dataset;
  /** Every published version, newest first. */
  versions: Manifest[];
  latest: Manifest;
  /** Versions withdrawn because they held personal data, newest first: their tombstones. */
  withdrawn: WithdrawnVersion[];
}

export type { Tombstone };

export interface Publisher {
  name: string;
  slug: string;
  entries: CatalogEntry[];
}

export interface ThemeGroup {
  theme: ThemeId;
  entries: CatalogEntry[];
}

async function loadPublication(): Promise<Publication> {
  const [datasetEntries, snapshotEntries] = await Promise.all([getCollection('datasets'), getCollection('snapshots')]);
  for (const entry of snapshotEntries) {
    const [datasetId, version] = entry.id.split('/');
    // A manifest copied into the wrong folder would publish one dataset's files under another's name.
    if (entry.data.dataset !== datasetId || entry.data.version !== version) {
      throw new Error(
        `data-snapshots/${entry.id}/manifest.json says dataset "${entry.data.dataset}", version "${entry.data.version}"; ` +
          'a manifest must sit in data-snapshots/<dataset>/<version>/. Regenerate it with `npm run snapshot`.',
      );
    }
  }
  return decidePublication({
    datasets: datasetEntries.map((e) => e.data),
    manifests: snapshotEntries.map((e) => e.data),
    today: buildDay(),
    withdrawals: readWithdrawals(),
  });
}

async function loadCatalog(): Promise<CatalogEntry[]> {
  const { online } = await getPublication();
  return online
    .map(({ dataset, versions, latest, withdrawn }) => ({ dataset, versions: versions.map((v) => v.manifest), latest: latest.manifest, withdrawn }))
    .sort((a, b) => a.dataset.title.localeCompare(b.dataset.title, 'en'));
}

let cachedPublication: Promise<Publication> | undefined;

/** What is online and why the rest is not (see src/shared/publication.ts). Loaded once per build. */
export function getPublication(): Promise<Publication> {
  if (!import.meta.env.PROD) return loadPublication();
  cachedPublication ??= loadPublication();
  return cachedPublication;
}

let cached: Promise<CatalogEntry[]> | undefined;

/** Every published dataset, sorted by title. Loaded once per build; in dev every request reloads, so edits show. */
export function getCatalog(): Promise<CatalogEntry[]> {
  if (!import.meta.env.PROD) return loadCatalog();
  cached ??= loadCatalog();
  return cached;
}

/**
 * Every withdrawn version of a dataset that is (or was) published, with its metadata: a tombstone
 * page stays at the version's address even when no other version of the dataset is left.
 */
export async function getTombstones(): Promise<Tombstone[]> {
  return (await getPublication()).tombstones;
}

/**
 * Every dataset's record of withdrawn versions (`data-snapshots/<dataset>/withdrawn.json`, written by
 * `npm run catalog:withdraw`), validated. Read with Vite's glob import rather than as a content
 * collection: most catalogs have none, and an empty collection is a build warning.
 */
function readWithdrawals(): Withdrawals[] {
  const files = import.meta.glob<unknown>('../../data-snapshots/*/withdrawn.json', { eager: true, import: 'default' });
  return Object.entries(files).map(([file, data]) => {
    const parsed = withdrawalsSchema.safeParse(data);
    if (!parsed.success) throw new Error(`${file.replace(/^(\.\.\/)+/, '')} is not a valid record of withdrawn versions: ${parsed.error.issues[0]?.message}. Restore it from git.`);
    const folder = file.split('/').at(-2);
    if (parsed.data.dataset !== folder) throw new Error(`${file.replace(/^(\.\.\/)+/, '')} says dataset "${parsed.data.dataset}"; it must sit in data-snapshots/${parsed.data.dataset}/.`);
    return parsed.data;
  });
}

/** Datasets still being published (not retired). */
export async function getActive(): Promise<CatalogEntry[]> {
  return (await getCatalog()).filter((entry) => entry.dataset.status !== 'retired');
}

export async function getEntry(id: string): Promise<CatalogEntry | undefined> {
  return (await getCatalog()).find((entry) => entry.dataset.id === id);
}

/** Most recently snapshotted first; `limit` keeps the home page short (leave it out for every dataset). */
export async function getRecentlyUpdated(limit = Infinity): Promise<CatalogEntry[]> {
  const entries = await getActive();
  return [...entries].sort((a, b) => b.latest.snapshotAt.localeCompare(a.latest.snapshotAt) || newestFirst(a.latest, b.latest)).slice(0, limit);
}

/** Themes that have at least one dataset, in vocabulary order. */
export async function getThemeGroups(): Promise<ThemeGroup[]> {
  const catalog = await getCatalog();
  return themeIds.map((theme) => ({ theme, entries: catalog.filter((entry) => entry.dataset.theme === theme) })).filter((group) => group.entries.length > 0);
}

export interface FormatGroup {
  /** Format label as the manifests give it, e.g. `CSV`. */
  format: string;
  slug: string;
  entries: CatalogEntry[];
}

export interface FrequencyGroup {
  frequency: FrequencyId;
  entries: CatalogEntry[];
}

/** Download formats of the latest versions, by label; a dataset is in each format it offers. */
export async function getFormatGroups(): Promise<FormatGroup[]> {
  const bySlug = new Map<string, FormatGroup>();
  for (const entry of await getCatalog()) {
    for (const format of formatFamilies(entry.latest.files)) {
      const slug = slugify(format);
      const group = bySlug.get(slug) ?? { format, slug, entries: [] };
      group.entries.push(entry);
      bySlug.set(slug, group);
    }
  }
  return [...bySlug.values()].sort((a, b) => a.format.localeCompare(b.format, 'en'));
}

/** Declared update frequencies in vocabulary order. Retired datasets are left out: they are no longer updated. */
export async function getFrequencyGroups(): Promise<FrequencyGroup[]> {
  const active = await getActive();
  return frequencyIds.map((frequency) => ({ frequency, entries: active.filter((entry) => entry.dataset.frequency === frequency) })).filter((group) => group.entries.length > 0);
}

/** Publishing departments, by name; two spellings that slugify alike are one publisher. */
export async function getPublishers(): Promise<Publisher[]> {
  const bySlug = new Map<string, Publisher>();
  for (const entry of await getCatalog()) {
    const slug = slugify(entry.dataset.publisher);
    const publisher = bySlug.get(slug) ?? { name: entry.dataset.publisher, slug, entries: [] };
    publisher.entries.push(entry);
    bySlug.set(slug, publisher);
  }
  return [...bySlug.values()].sort((a, b) => a.name.localeCompare(b.name, 'en'));
}

/** The metadata column for each manifest column, so pages can show titles in the file's order. */
export function fieldsInFileOrder(entry: CatalogEntry, manifest: Manifest = entry.latest) {
  return manifest.columns.map((column) => ({
    column,
    field: entry.dataset.fields.find((field) => field.name === column.name),
  }));
}
