import { datasetBlockers, type Dataset } from '../schemas/dataset.ts';
import type { Manifest } from '../schemas/manifest.ts';
import type { Withdrawals, WithdrawnVersion } from '../schemas/withdrawal.ts';
import { withoutWithdrawn } from './withdrawals.ts';

/**
 * The one rule for "published": which datasets are online, with which versions and which files,
 * and, for the others, why not. Pages, the snapshot-files copy, the inventory, feeds, the sitemap
 * (built from the pages) and every export read it, so a file can never outlive its page nor a page
 * its files. Pure: the callers read the metadata, the manifests and the clock.
 *
 * A dataset is online when all of these hold:
 * - its metadata says `approved` or `retired` (a retired dataset keeps its archive, with a notice);
 * - the approval gate clears it (`datasetBlockers`: every sign-off, a `public` classification, a
 *   completed assessment…). This is checked on every build, not only when a snapshot is taken: a
 *   dataset reclassified after publication (say, sensitivity no longer `public`) goes offline whole,
 *   its page and every version's files together, and comes back when it is cleared again. The
 *   files stay in data-snapshots/, so nothing is lost; they are just not served;
 * - at least one version exists.
 *
 * Each version is served with its files (downloads, the preview sample, the manifest), except a
 * withdrawn one (listed in its dataset's withdrawn.json, see `npm run catalog:withdraw`): it is
 * never served, whatever is on disk, and keeps only a tombstone page (when, why, no data) while
 * its dataset's metadata lets the dataset be online, even when no other version is left.
 */

/** Why a dataset known to the metadata is not online. */
export type OfflineReason =
  /** Still being described or reviewed, or sent back there after publication. */
  | { kind: 'not-approved'; status: Exclude<Dataset['status'], 'approved' | 'retired'> }
  /** Approved (or retired) but the approval gate refuses it: one actionable line per blocker. */
  | { kind: 'blocked'; blockers: string[] }
  /** Cleared, but no snapshot version exists yet (the next refresh publishes it). */
  | { kind: 'no-version' };

/** What is online of one version: `served` = its page and its files. */
export type VersionState = 'served';

export interface VersionPublication {
  manifest: Manifest;
  state: VersionState;
  /**
   * Names of the files served at the version's URL (and, for the latest, at `latest/`): the
   * downloads, the preview sample and `manifest.json`. Nothing else in the version folder is served.
   */
  files: readonly string[];
}

export interface OnlineDataset {
  dataset: Dataset;
  /** Every version with a page, newest first. */
  versions: VersionPublication[];
  /** The newest version whose files are served: its files also go to `latest/`. */
  latest: VersionPublication;
  /** Versions withdrawn because they held personal data, newest first: tombstones, no files. */
  withdrawn: WithdrawnVersion[];
}

/** A withdrawn version's tombstone page: the dataset's metadata and the record (no data). */
export interface Tombstone {
  dataset: Dataset;
  withdrawn: WithdrawnVersion;
}

export interface OfflineDataset {
  dataset: Dataset;
  reason: OfflineReason;
  /** Versions on disk that are not served (kept in data-snapshots/, never deleted). */
  versionsOnDisk: number;
}

export interface Publication {
  /** Online datasets, in the order of the input. */
  online: OnlineDataset[];
  offline: OfflineDataset[];
  /** Dataset ids that have manifests but no metadata file: never served. */
  orphans: string[];
  /** Every withdrawn version of a dataset whose metadata lets it be online, online versions or not. */
  tombstones: Tombstone[];
}

export interface PublicationInput {
  /** Every dataset's validated metadata. */
  datasets: readonly Dataset[];
  /** Every manifest found under data-snapshots/, of any dataset, in any order. */
  manifests: readonly Manifest[];
  /** Today's date (YYYY-MM-DD) as of the build: a sign-off dated later does not count yet. */
  today: string;
  /** Every dataset's record of withdrawn versions (data-snapshots/<id>/withdrawn.json). */
  withdrawals?: readonly Withdrawals[];
}

/** "2026-01-01-10" sorts after "2026-01-01-9": the suffix is a number, not text. */
function versionKey(version: string): [string, number] {
  const match = /^(\d{4}-\d{2}-\d{2})(?:-(\d+))?$/.exec(version);
  return [match?.[1] ?? version, Number(match?.[2] ?? 1)];
}

/** Newest version first: by version id (day, then sequence number), then by snapshot time. */
export function newestFirst(a: Manifest, b: Manifest): number {
  const [dateA, seqA] = versionKey(a.version);
  const [dateB, seqB] = versionKey(b.version);
  if (dateA !== dateB) return dateA < dateB ? 1 : -1;
  if (seqA !== seqB) return seqB - seqA;
  return b.snapshotAt.localeCompare(a.snapshotAt);
}

/** The files of a version that are served: its downloads, its preview sample and its manifest. */
export function servedFiles(manifest: Manifest): string[] {
  return [...manifest.files.map((f) => f.name), ...(manifest.sample ? [manifest.sample.name] : []), 'manifest.json'];
}

/** Why a dataset is offline whatever its versions, or null when its metadata lets it be online. */
export function metadataOfflineReason(dataset: Dataset, today: string): Exclude<OfflineReason, { kind: 'no-version' }> | null {
  if (dataset.status !== 'approved' && dataset.status !== 'retired') return { kind: 'not-approved', status: dataset.status };
  const blockers = datasetBlockers(dataset, today);
  return blockers.length > 0 ? { kind: 'blocked', blockers } : null;
}

/** Decides what is online. */
export function decidePublication({ datasets, manifests, today, withdrawals = [] }: PublicationInput): Publication {
  const byDataset = new Map<string, Manifest[]>();
  for (const manifest of manifests) {
    const list = byDataset.get(manifest.dataset) ?? [];
    list.push(manifest);
    byDataset.set(manifest.dataset, list);
  }
  const withdrawnById = new Map(withdrawals.map((record) => [record.dataset, [...record.versions].reverse()]));
  const known = new Set(datasets.map((d) => d.id));
  const publication: Publication = { online: [], offline: [], orphans: [...byDataset.keys()].filter((id) => !known.has(id)).sort(), tombstones: [] };
  for (const dataset of datasets) {
    const withdrawn = withdrawnById.get(dataset.id) ?? [];
    const onDisk = withoutWithdrawn(byDataset.get(dataset.id) ?? [], withdrawn).sort(newestFirst);
    const metadataReason = metadataOfflineReason(dataset, today);
    if (!metadataReason) publication.tombstones.push(...withdrawn.map((record) => ({ dataset, withdrawn: record })));
    const reason = metadataReason ?? (onDisk.length === 0 ? ({ kind: 'no-version' } as const) : null);
    if (reason) {
      publication.offline.push({ dataset, reason, versionsOnDisk: onDisk.length });
      continue;
    }
    const versions = onDisk.map((manifest): VersionPublication => ({ manifest, state: 'served', files: servedFiles(manifest) }));
    publication.online.push({ dataset, versions, latest: versions[0]!, withdrawn });
  }
  return publication;
}
