import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { manifestSchema, type Manifest } from '../schemas/manifest.ts';
import { withdrawalsSchema, type Withdrawals } from '../schemas/withdrawal.ts';
import { withdrawalsFile, withoutWithdrawn } from './withdrawals.ts';
import { CliError } from './cli-error.ts';
import { formatProblems, problemsFromIssues } from './friendly-errors.ts';

/**
 * The published history on disk, as both sides read it: `data-snapshots/<dataset>/<version>/`,
 * each version complete with its `manifest.json`. The pipeline writes versions (steps/publish-version.ts);
 * the site copies their files into `dist/` (src/integrations/snapshot-files.ts).
 */

export const SNAPSHOTS_DIR = 'data-snapshots';
export const MANIFEST_FILE = 'manifest.json';

export function snapshotsRoot(root: string): string {
  return path.join(root, SNAPSHOTS_DIR);
}

/** The folder of one published version. */
export function versionDir(root: string, datasetId: string, version: string): string {
  return path.join(snapshotsRoot(root), datasetId, version);
}

/** A version's manifest path, relative to the project root, as maintainers see it in messages. */
function manifestLabel(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

/**
 * Reads and validates one manifest. A manifest that is not JSON or does not match the schema is a
 * CliError naming the file and what to do: publishing on top of it, or serving it, would spread the damage.
 */
export async function readManifest(root: string, file: string): Promise<Manifest> {
  const text = await readFile(file, 'utf8');
  const label = manifestLabel(root, file);
  const fix =
    'Restore the file from version control (git checkout -- <file>) or from the release that keeps it (npm run history:restore); ' + 'a version folder that was never published can be deleted.';
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    if (!(cause instanceof SyntaxError)) throw cause;
    throw new CliError(`${label} is not valid JSON (${cause.message}). ${fix}`, { exitCode: 2, cause });
  }
  const result = manifestSchema.safeParse(json);
  if (!result.success) {
    throw new CliError(`${label} does not match the manifest format:\n${formatProblems(problemsFromIssues(label, result.error.issues))}\n${fix}`, { exitCode: 2 });
  }
  return result.data;
}

/** True for the error a missing file or folder gives (and a path through a plain file). */
export function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * Every published version of a dataset, oldest first. A dataset without a folder has none; a
 * version folder without a manifest is unfinished and ignored; anything else that fails to read
 * (a corrupt manifest, a permission) is thrown, never taken for "no versions". Withdrawn versions
 * are not published, even if their files came back (see withdrawals.ts). A caller that can go on
 * without a folder whose manifest is corrupt (the snapshot, which never numbers a new version over
 * it and whose start-up check reports it) passes `onProblem`: the problem is reported there and the folder skipped.
 */
export async function listVersions(root: string, datasetId: string, options: ListOptions = {}): Promise<Manifest[]> {
  return withoutWithdrawn(await listVersionDirs(root, datasetId, options), (await readWithdrawals(root, datasetId)).versions);
}

export interface ListOptions {
  /** Called with the message of a corrupt manifest, whose folder is then skipped; without it, the CliError is thrown. */
  onProblem?: (problem: string) => void;
}

/**
 * The dataset's record of withdrawn versions (`<dataset>/withdrawn.json`, written by
 * `npm run catalog:withdraw`); empty when none was ever withdrawn.
 */
export async function readWithdrawals(root: string, datasetId: string): Promise<Withdrawals> {
  const file = path.join(snapshotsRoot(root), withdrawalsFile(datasetId));
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (isMissing(error)) return { dataset: datasetId, versions: [] };
    throw error;
  }
  const label = manifestLabel(root, file);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    if (!(cause instanceof SyntaxError)) throw cause;
    throw new CliError(`${label} is not valid JSON (${cause.message}). Restore it from version control (git checkout -- ${label}).`, { exitCode: 2, cause });
  }
  const result = withdrawalsSchema.safeParse(json);
  if (!result.success)
    throw new CliError(`${label} does not match the format of withdrawn versions:\n${formatProblems(problemsFromIssues(label, result.error.issues))}\nRestore it from version control.`, {
      exitCode: 2,
    });
  return result.data;
}

/** Every version folder with a manifest, withdrawn or not, oldest first (the withdrawal command reads it). */
export async function listVersionDirs(root: string, datasetId: string, options: ListOptions = {}): Promise<Manifest[]> {
  const dir = path.join(snapshotsRoot(root), datasetId);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
  const manifests: Manifest[] = [];
  for (const name of names.filter((n) => !n.startsWith('.'))) {
    try {
      manifests.push(await readManifest(root, path.join(dir, name, MANIFEST_FILE)));
    } catch (error) {
      if (isMissing(error)) continue;
      if (!(error instanceof CliError) || !options.onProblem) throw error;
      options.onProblem(error.message);
    }
  }
  return manifests.sort((a, b) => a.snapshotAt.localeCompare(b.snapshotAt) || a.version.localeCompare(b.version));
}
