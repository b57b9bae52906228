import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { manifestSchema, type Manifest } from '../../../src/schemas/manifest.ts';
import { manifestProblem } from '../lib/leftovers.ts';
import { createStagingDir as createRunStagingDir, removeRunStaging, replaceFileAtomically } from '../lib/staging.ts';

/**
 * Versions on disk: `data-snapshots/<dataset>/<version>/`, each complete with its manifest. A new
 * version is assembled, manifest included, in this run's `data-snapshots/.staging/run-…/` and
 * renamed into place whole, so a crash at any moment leaves either the old set of versions or the
 * new one, never a partial folder; a published manifest is rewritten the same way (staging.ts).
 * Nothing here deletes a published version.
 */

export const SNAPSHOTS_DIR = 'data-snapshots';

export function snapshotsRoot(root: string): string {
  return path.join(root, SNAPSHOTS_DIR);
}

/** Removes this run's staging files (never another run's, never a published version). */
export async function clearStaging(root: string): Promise<void> {
  await removeRunStaging(snapshotsRoot(root));
}

export async function createStagingDir(root: string, datasetId: string): Promise<string> {
  return createRunStagingDir(snapshotsRoot(root), datasetId);
}

/** Names of the folders in a dataset's directory (valid versions or not): new versions are numbered over all of them. */
async function versionFolderNames(root: string, datasetId: string): Promise<string[]> {
  const entries = await readdir(path.join(snapshotsRoot(root), datasetId), { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name);
}

/**
 * Every published version of a dataset, oldest first. A folder without a manifest is not a version
 * (it is ignored); one whose manifest is invalid is reported to `onProblem` and ignored, or, without
 * `onProblem`, stops the caller with an error naming the folder.
 */
export async function listVersions(root: string, datasetId: string, options: { onProblem?: (problem: string) => void } = {}): Promise<Manifest[]> {
  const dir = path.join(snapshotsRoot(root), datasetId);
  const manifests: Manifest[] = [];
  for (const name of await versionFolderNames(root, datasetId)) {
    const file = path.join(dir, name, 'manifest.json');
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    const parsed = (() => {
      try {
        return manifestSchema.safeParse(JSON.parse(text));
      } catch {
        return null;
      }
    })();
    if (parsed?.success && parsed.data.dataset === datasetId && parsed.data.version === name) {
      manifests.push(parsed.data);
      continue;
    }
    const problem = `${path.relative(root, path.join(dir, name))} is not a valid version: ${(await manifestProblem(file, datasetId, name)) ?? 'its manifest is invalid'}`;
    if (!options.onProblem) throw new Error(`${problem}. Restore its manifest from the history, or move the folder out of data-snapshots/.`);
    options.onProblem(problem);
  }
  return manifests.sort((a, b) => a.snapshotAt.localeCompare(b.snapshotAt) || a.version.localeCompare(b.version));
}

/** The content hash: the published column schema and the CSV's bytes (whose hash covers every value). */
export function contentHash(columns: Manifest['columns'], csvSha256: string): string {
  return createHash('sha256')
    .update(JSON.stringify(columns.map(({ name, type }) => [name, type])))
    .update(csvSha256)
    .digest('hex');
}

/** `2026-11-25`, or `2026-11-25-2`, `-3`… when that day already has a version. */
export function nextVersionId(now: Date, existing: readonly string[]): string {
  const day = now.toISOString().slice(0, 10);
  if (!existing.includes(day)) return day;
  let n = 2;
  while (existing.includes(`${day}-${n}`)) n++;
  return `${day}-${n}`;
}

/**
 * Writes JSON the way we commit it: 2-space indent, trailing newline, via a temporary file beside
 * it. For files of a folder not yet published (staging); a published file is replaced with
 * staging.ts's replaceFileAtomically, whose temporary file is never inside the published folder.
 */
export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(value, null, 2) + '\n');
  await rename(temporary, file);
}

/**
 * Moves a finished staging directory into place as a new version, or discards it when the content
 * equals the latest version's. Returns the version id, or null when nothing changed.
 */
export async function publishVersion(options: {
  root: string;
  stagingDir: string;
  manifest: Omit<Manifest, 'version'>;
  now: Date;
}): Promise<{ version: string | null; previous: Manifest | null }> {
  const { root, stagingDir, manifest, now } = options;
  const versions = await listVersions(root, manifest.dataset, { onProblem: () => {} });
  const previous = versions.at(-1) ?? null;
  if (previous && previous.contentHash === manifest.contentHash) {
    await addMissingFormats(root, previous, stagingDir, manifest);
    await rm(stagingDir, { recursive: true, force: true });
    return { version: null, previous };
  }
  // Numbered over every folder, valid or not: a leftover folder must never make the rename fail.
  const version = nextVersionId(now, await versionFolderNames(root, manifest.dataset));
  const complete: Manifest = manifestSchema.parse({ ...manifest, version });
  // The manifest is written in staging with the files: the folder appears complete, in one rename.
  await writeJsonAtomic(path.join(stagingDir, 'manifest.json'), complete);
  const target = path.join(snapshotsRoot(root), manifest.dataset, version);
  await mkdir(path.dirname(target), { recursive: true });
  await rename(stagingDir, target);
  return { version, previous };
}

/**
 * An unchanged version gains the download formats added to the catalog since it was written
 * (the same rows, so the same version): each new file is moved in, then the manifest is rewritten
 * atomically to list it. Files already listed are never touched. A crash in between leaves a file
 * that no manifest lists (the site ignores it) and the next run moves it in again.
 */
async function addMissingFormats(root: string, previous: Manifest, stagingDir: string, manifest: Omit<Manifest, 'version'>): Promise<void> {
  const listed = new Set(previous.files.map((f) => f.name));
  const missing = manifest.files.filter((f) => !listed.has(f.name));
  const notWritten = (manifest.notWritten ?? []).filter((n) => !previous.files.some((f) => f.format === n.format));
  if (missing.length === 0 && JSON.stringify(notWritten) === JSON.stringify(previous.notWritten ?? [])) return;
  const dir = path.join(snapshotsRoot(root), previous.dataset, previous.version);
  for (const file of missing) await rename(path.join(stagingDir, file.name), path.join(dir, file.name));
  const { notWritten: _stale, ...unchanged } = previous;
  const updated: Manifest = manifestSchema.parse({
    ...unchanged,
    files: [...previous.files, ...missing],
    ...(notWritten.length > 0 ? { notWritten } : {}),
  });
  await replaceFileAtomically(snapshotsRoot(root), path.join(dir, 'manifest.json'), JSON.stringify(updated, null, 2) + '\n');
}

/**
 * Records a new change fingerprint on a published version whose content it matches. Only the
 * optional `fingerprint` field changes; the files and the content hash stay as published.
 */
export async function recordFingerprint(root: string, version: Manifest, fingerprint: NonNullable<Manifest['fingerprint']>): Promise<void> {
  // Read it again: the same run may just have rewritten it to list new download formats.
  const file = path.join(snapshotsRoot(root), version.dataset, version.version, 'manifest.json');
  const current = manifestSchema.parse(JSON.parse(await readFile(file, 'utf8')));
  await replaceFileAtomically(snapshotsRoot(root), file, JSON.stringify(manifestSchema.parse({ ...current, fingerprint }), null, 2) + '\n');
}
