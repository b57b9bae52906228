import { createHash } from 'node:crypto';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { manifestSchema, type Manifest } from '../../../src/schemas/manifest.ts';
import { isMissing, listVersions, MANIFEST_FILE, readManifest, snapshotsRoot, versionDir } from '../../../src/shared/snapshot-store.ts';
import { createStagingDir as createRunStagingDir, removeRunStaging, replaceFileAtomically } from '../lib/staging.ts';

/**
 * Versions on disk: `data-snapshots/<dataset>/<version>/`, each complete with its manifest. A new
 * version is assembled, manifest included, in this run's `data-snapshots/.staging/run-…/` and
 * renamed into place whole, so a crash at any moment leaves either the old set of versions or the
 * new one, never a partial folder; a published manifest is rewritten the same way (staging.ts).
 * Nothing here deletes a published version.
 */

/** Removes this run's staging files (never another run's, never a published version). */
export async function clearStaging(root: string): Promise<void> {
  await removeRunStaging(snapshotsRoot(root));
}

export async function createStagingDir(root: string, datasetId: string): Promise<string> {
  return createRunStagingDir(snapshotsRoot(root), datasetId);
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

/** Names of the folders in a dataset's directory (valid versions or not): new versions are numbered over all of them. */
async function versionFolderNames(root: string, datasetId: string): Promise<string[]> {
  try {
    const entries = await readdir(path.join(snapshotsRoot(root), datasetId), { withFileTypes: true });
    return entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name);
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
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
export async function publishVersion(options: { root: string; stagingDir: string; manifest: Omit<Manifest, 'version'>; now: Date }): Promise<{ version: string | null; previous: Manifest | null }> {
  const { root, stagingDir, manifest, now } = options;
  // A folder without a valid manifest is not a version (the start-up check reported it).
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
  await writeJsonAtomic(path.join(stagingDir, MANIFEST_FILE), complete);
  const target = versionDir(root, manifest.dataset, version);
  await mkdir(path.dirname(target), { recursive: true });
  await rename(stagingDir, target);
  return { version, previous };
}

/**
 * An unchanged version gains the download formats added to the catalog since it was written
 * (the same rows, so the same version): each new file is moved in, then the manifest is replaced
 * in one step to list it. Files already listed are never touched. A crash in between leaves a file
 * that no manifest lists (the site and the history ignore it) and the next run moves it in again.
 */
async function addMissingFormats(root: string, previous: Manifest, stagingDir: string, manifest: Omit<Manifest, 'version'>): Promise<void> {
  const listed = new Set(previous.files.map((f) => f.name));
  const missing = manifest.files.filter((f) => !listed.has(f.name));
  const notWritten = (manifest.notWritten ?? []).filter((n) => !previous.files.some((f) => f.format === n.format));
  if (missing.length === 0 && JSON.stringify(notWritten) === JSON.stringify(previous.notWritten ?? [])) return;
  const dir = versionDir(root, previous.dataset, previous.version);
  for (const file of missing) await rename(path.join(stagingDir, file.name), path.join(dir, file.name));
  const { notWritten: _stale, ...unchanged } = previous;
  const updated: Manifest = manifestSchema.parse({
    ...unchanged,
    files: [...previous.files, ...missing],
    ...(notWritten.length > 0 ? { notWritten } : {}),
  });
  await replaceFileAtomically(snapshotsRoot(root), path.join(dir, MANIFEST_FILE), JSON.stringify(updated, null, 2) + '\n');
}

/**
 * Records a new change fingerprint on a published version whose content it matches. Only the
 * optional `fingerprint` field changes; the files and the content hash stay as published.
 */
export async function recordFingerprint(root: string, version: Manifest, fingerprint: NonNullable<Manifest['fingerprint']>): Promise<void> {
  // Read it again: the same run may just have rewritten it to list new download formats.
  const file = path.join(versionDir(root, version.dataset, version.version), MANIFEST_FILE);
  const current = await readManifest(root, file);
  await replaceFileAtomically(snapshotsRoot(root), file, JSON.stringify(manifestSchema.parse({ ...current, fingerprint }), null, 2) + '\n');
}
