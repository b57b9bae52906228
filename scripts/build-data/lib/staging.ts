import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { failpoint } from '../../lib/failpoints.ts';

/**
 * Where a run assembles what it is about to publish: `data-snapshots/.staging/run-<pid>-<random>/`,
 * one directory per run, so a run only ever removes its own files. Everything a run publishes is
 * renamed out of here in one step (a version folder, a rewritten manifest), so the published
 * folders never hold a partial or temporary file. Whatever a killed run left here is removed by
 * the next run's start-up check (leftovers.ts), under the run lock (run-lock.ts).
 */

export const STAGING_DIR = '.staging';

/** This process's run: its pid (so a leftover can be traced) and a random part (pids are reused). */
const RUN_NAME = `run-${process.pid}-${randomBytes(4).toString('hex')}`;

/** This run's staging directory under a data-snapshots directory. */
export function runStagingDir(snapshots: string): string {
  return path.join(snapshots, STAGING_DIR, RUN_NAME);
}

/** A fresh directory for one dataset's new version, inside this run's staging directory. */
export async function createStagingDir(snapshots: string, datasetId: string): Promise<string> {
  const dir = path.join(runStagingDir(snapshots), `${datasetId}-${randomBytes(4).toString('hex')}`);
  await mkdir(dir, { recursive: true });
  return dir;
}

/** Removes what this run staged for one dataset (its unfinished version), freeing the space at once. */
export async function removeDatasetStaging(snapshots: string, datasetId: string): Promise<void> {
  const dir = runStagingDir(snapshots);
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => n.startsWith(`${datasetId}-`) && /^[0-9a-f]{8}$/.test(n.slice(datasetId.length + 1))).map((n) => rm(path.join(dir, n), { recursive: true, force: true })));
}

/** Removes this run's staging directory (never another run's), and `.staging/` itself once empty. */
export async function removeRunStaging(snapshots: string): Promise<void> {
  await rm(runStagingDir(snapshots), { recursive: true, force: true });
  await rmdir(path.join(snapshots, STAGING_DIR)).catch(() => {});
}

/**
 * Replaces a file of a published folder in one step: the new content is written in this run's
 * staging directory (same filesystem), then renamed over the old file. A kill at any moment leaves
 * the old file or the new one, and nothing else in the published folder.
 */
export async function replaceFileAtomically(snapshots: string, target: string, content: string): Promise<void> {
  const dir = runStagingDir(snapshots);
  await mkdir(dir, { recursive: true });
  const temporary = path.join(dir, `${path.basename(path.dirname(target))}-${path.basename(target)}-${randomBytes(4).toString('hex')}.tmp`);
  await writeFile(temporary, content);
  failpoint('manifest-rewrite');
  await rename(temporary, target);
}
