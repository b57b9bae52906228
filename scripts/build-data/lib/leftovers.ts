import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { manifestSchema } from '../../../src/schemas/manifest.ts';
import { downloadFormats } from '../../../src/shared/download-formats.ts';
import type { Logger } from '../../lib/effects.ts';
import { LOCK_FILE } from './run-lock.ts';
import { runStagingDir, STAGING_DIR } from './staging.ts';

/**
 * The start-up check of a run, made once it holds the run lock (so no other run is writing):
 * lists and removes what killed runs left behind, and reports what it must not touch.
 *
 * - `.staging/<run>/`: a killed run's unfinished versions and temporary manifests;
 * - `.lock.*`: the run lock's own temporary files;
 * - `manifest.json.<pid>.tmp` inside a version folder: a manifest rewrite killed half-way by
 *   releases that wrote the temporary file there, and `withdrawn.json.<pid>.tmp` beside the versions;
 * - a version folder without `manifest.json` holding only files the snapshot writes: a version
 *   copied into place file by file by releases before the whole-folder rename (never published,
 *   since readers ignore a folder without a manifest).
 *
 * A version folder whose manifest is unreadable or invalid, or that holds files the snapshot does
 * not write, is reported and left alone: it may be someone's work, and a version is never deleted.
 */

/** Files a version folder may hold, besides its manifest. */
const SNAPSHOT_FILES = new Set([...downloadFormats.map((f) => f.name), 'sample.csv']);

export interface LeftoverReport {
  removed: string[];
  /** Folders that look like versions but are not valid ones, with the reason; left as they are. */
  problems: string[];
}

export async function cleanLeftovers(snapshots: string, log: Logger): Promise<LeftoverReport> {
  const report: LeftoverReport = { removed: [], problems: [] };
  const remove = async (target: string) => {
    await rm(target, { recursive: true, force: true });
    report.removed.push(path.relative(path.dirname(snapshots), target));
  };
  const mine = path.basename(runStagingDir(snapshots));
  const top = await readdir(snapshots, { withFileTypes: true }).catch(() => []);
  for (const entry of top) {
    const full = path.join(snapshots, entry.name);
    if (entry.name === STAGING_DIR && entry.isDirectory()) {
      for (const run of await readdir(full)) if (run !== mine) await remove(path.join(full, run));
    } else if (entry.name.startsWith(`${LOCK_FILE}.`) || /^checks\.json\.\d+\.tmp$/.test(entry.name)) {
      // The run lock's own temporary files, and a check record's from releases that wrote it beside the file.
      await remove(full);
    } else if (entry.isDirectory() && !entry.name.startsWith('.')) {
      await checkDataset(full, report, remove);
    }
  }
  if (report.removed.length > 0) {
    log.warn(`Removed ${report.removed.length} leftover(s) of interrupted runs (never part of a published version):\n${report.removed.map((r) => `  - ${r}`).join('\n')}`);
  }
  if (report.problems.length > 0) {
    log.warn(
      `${report.problems.length} folder(s) in ${snapshots} are not valid versions and are ignored (not published, and their names are never reused):\n` +
        `${report.problems.map((p) => `  - ${p}`).join('\n')}\nRestore their manifest from the history (git, or your backup), or move them out of data-snapshots/.`,
    );
  }
  return report;
}

async function checkDataset(datasetDir: string, report: LeftoverReport, remove: (target: string) => Promise<void>): Promise<void> {
  for (const version of await readdir(datasetDir, { withFileTypes: true })) {
    // A withdrawal record rewritten when a run was killed (catalog:withdraw writes it through a temporary file beside it).
    if (version.isFile() && /^withdrawn\.json\.\d+\.tmp$/.test(version.name)) await remove(path.join(datasetDir, version.name));
    if (!version.isDirectory() || version.name.startsWith('.')) continue;
    const dir = path.join(datasetDir, version.name);
    const names = await readdir(dir);
    for (const name of names.filter((n) => /^manifest\.json\.\d+\.tmp$/.test(n))) await remove(path.join(dir, name));
    const relative = path.join(path.basename(datasetDir), version.name);
    if (!names.includes('manifest.json')) {
      const files = names.filter((n) => !/^manifest\.json\.\d+\.tmp$/.test(n));
      if (files.every((n) => SNAPSHOT_FILES.has(n))) await remove(dir);
      else report.problems.push(`${relative}: no manifest.json, and it holds files the snapshot does not write (${files.filter((n) => !SNAPSHOT_FILES.has(n)).join(', ')})`);
      continue;
    }
    const problem = await manifestProblem(path.join(dir, 'manifest.json'), path.basename(datasetDir), version.name);
    if (problem) report.problems.push(`${relative}: ${problem}`);
  }
}

/** Why a manifest is not a valid one for this folder, or null. */
export async function manifestProblem(file: string, dataset: string, version: string): Promise<string | null> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    return `manifest.json cannot be read as JSON (${(error as Error).name})`;
  }
  const parsed = manifestSchema.safeParse(value);
  if (!parsed.success) return `manifest.json does not follow the manifest format (${parsed.error.issues[0]?.path.join('.') || 'top level'}: ${parsed.error.issues[0]?.message})`;
  if (parsed.data.dataset !== dataset || parsed.data.version !== version) return `manifest.json is for ${parsed.data.dataset}/${parsed.data.version}`;
  return null;
}
