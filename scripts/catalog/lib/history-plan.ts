/**
 * Decides how the snapshot history is kept by the scheduled refresh: small files (manifests, most
 * CSV/JSON) are committed to the repository; files above the limit go to a GitHub release as
 * assets, because git hosts refuse or slow down on large files. An index committed next to the
 * snapshots says which release holds each large file, so the next refresh can restore it.
 */

import { CliError } from '../../../src/shared/cli-error.ts';

export const ASSET_INDEX = 'data-snapshots/release-assets.json';

export interface AssetEntry {
  /** Path in the repository, e.g. `data-snapshots/trees/2026-11-25-ab12cd/data.csv`. */
  path: string;
  /** Release tag that holds the file. */
  release: string;
  /** Asset name in that release (assets are flat, so the path is encoded). */
  asset: string;
  bytes: number;
  sha256: string;
}

export interface AssetIndex {
  assets: AssetEntry[];
}

export interface SnapshotFile {
  path: string;
  bytes: number;
}

export interface HistoryPlan {
  commit: string[];
  release: SnapshotFile[];
}

/** Release assets are one flat list: `data-snapshots/a/v1/data.csv` → `a__v1__data.csv`. */
export function assetNameOf(filePath: string): string {
  return filePath
    .replace(/^data-snapshots\//, '')
    .split('/')
    .join('__');
}

/**
 * New files only: those git already tracks and those already in a release are history already.
 * Staging leftovers are never kept.
 */
export function planHistory(files: readonly SnapshotFile[], tracked: ReadonlySet<string>, index: AssetIndex, limitBytes: number): HistoryPlan {
  const released = new Set(index.assets.map((a) => a.path));
  const plan: HistoryPlan = { commit: [], release: [] };
  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    if (tracked.has(file.path) || released.has(file.path) || file.path.includes('/.staging/')) continue;
    if (file.bytes > limitBytes) plan.release.push(file);
    else plan.commit.push(file.path);
  }
  return plan;
}

/** Reads the size limit from SNAPSHOT_LARGE_FILE_MB (default 50 MB: GitHub warns above 50, refuses above 100). */
export function limitFromEnv(env: NodeJS.ProcessEnv): number {
  const raw = env.SNAPSHOT_LARGE_FILE_MB || '50';
  const megabytes = Number(raw);
  if (!Number.isFinite(megabytes) || megabytes <= 0) {
    throw new CliError(`SNAPSHOT_LARGE_FILE_MB must be a positive number of megabytes, not "${raw}"; set the repository variable to e.g. 50.`, { exitCode: 2 });
  }
  return megabytes * 1024 * 1024;
}
