import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { withdrawnVersionSchema, type Withdrawals, type WithdrawnVersion } from '../../../src/schemas/withdrawal.ts';
import { withdrawalsFile } from '../../../src/shared/withdrawals.ts';
import { listVersionDirs, readWithdrawals, snapshotsRoot, SNAPSHOTS_DIR } from '../../../src/shared/snapshot-store.ts';
import { writeJsonAtomic } from '../../build-data/steps/publish-version.ts';
import { CliError } from '../../../src/shared/cli-error.ts';
import { ASSET_INDEX, type AssetEntry, type AssetIndex } from './history-plan.ts';

/**
 * `npm run catalog:withdraw -- <id> <version> --reason "…"`: the one exception to permanence. A
 * version found to hold personal data is withdrawn: the record is written first
 * (data-snapshots/<id>/withdrawn.json, committed), then the version's folder (data files, sample,
 * manifest with its preview and profile) is deleted from data-snapshots/ and from dist/, and its
 * entries leave the history's release-asset index. From then on every reader of the snapshots
 * (the site, its exports, the pipeline) skips the version, even if a stale copy of its files comes
 * back. What lives outside this machine (git history, release assets, the deployed site) is listed
 * with the exact commands that remove it. Running it again finishes an interrupted withdrawal.
 */

const exec = promisify(execFile);

// Where the built site keeps a version's files and the latest copies: src/lib/urls.ts's `version`
// and `latestFile` (site code the pipeline may not import). tests/e2e/withdrawal.test.ts runs this
// command on a built site, so the two cannot drift apart unnoticed.
const siteVersionPath = (id: string, version: string): string => `/datasets/${id}/versions/${version}/`;
const siteLatestPath = (id: string): string => `/datasets/${id}/latest/`;

export interface WithdrawOptions {
  root: string;
  datasetId: string;
  version: string;
  reason: string;
  today: string;
  /** The built site to remove the files from (default: <root>/dist). */
  dist?: string;
}

export interface WithdrawReport {
  record: WithdrawnVersion;
  /** Paths removed on this machine, relative to the root. */
  removed: string[];
  /** Release assets that held the version's large files: delete them (see `followUp`). */
  releaseAssets: AssetEntry[];
  /** Snapshot files of the version tracked by git in this repository. */
  tracked: string[];
  /** The steps left to do elsewhere, as commands, one per line. */
  followUp: string[];
}

async function gitTracked(root: string, dir: string): Promise<string[]> {
  try {
    const { stdout } = await exec('git', ['ls-files', '-z', '--', dir], { cwd: root });
    return stdout.split('\0').filter(Boolean);
  } catch {
    return []; // not a git checkout
  }
}

export async function withdrawVersion(options: WithdrawOptions): Promise<WithdrawReport> {
  const { root, datasetId, version, today } = options;
  const reason = options.reason.trim();
  const checked = withdrawnVersionSchema.shape.reason.safeParse(reason);
  if (!checked.success)
    throw new CliError(`--reason: ${checked.error.issues[0]!.message}. It is shown on the version's page and in the feeds; never include the personal data itself.`, { exitCode: 2 });

  const withdrawals = await readWithdrawals(root, datasetId);
  const versionDir = path.join(snapshotsRoot(root), datasetId, version);
  let record = withdrawals.versions.find((w) => w.version === version);
  if (!record) {
    const manifest = (await listVersionDirs(root, datasetId)).find((m) => m.version === version);
    if (!manifest) {
      const known = (await listVersionDirs(root, datasetId)).map((m) => m.version);
      throw new CliError(
        `${datasetId} has no published version ${version} in ${SNAPSHOTS_DIR}/${datasetId}/ ` +
          (known.length > 0 ? `(its versions: ${known.join(', ')}).` : '(no version of it is on this machine; run npm run history:restore, or check the id).'),
        { exitCode: 2 },
      );
    }
    record = {
      version,
      snapshotAt: manifest.snapshotAt,
      rowCount: manifest.rowCount,
      withdrawnOn: today,
      reason,
      files: [...manifest.files.map((f) => f.name), ...(manifest.sample ? [manifest.sample.name] : []), 'manifest.json'],
    };
    // The record first: once it exists nothing serves the version, and a rerun finishes the rest.
    const next: Withdrawals = { dataset: datasetId, versions: [...withdrawals.versions, record] };
    await writeJsonAtomic(path.join(snapshotsRoot(root), withdrawalsFile(datasetId)), next);
  }

  const removed: string[] = [];
  const relative = (p: string) => path.relative(root, p).split(path.sep).join('/');
  if (existsSync(versionDir)) {
    await rm(versionDir, { recursive: true, force: true });
    removed.push(`${relative(versionDir)}/`);
  }
  // The built site: the version's files, and the latest/ copies when they were this version's.
  const dist = options.dist ?? path.join(root, 'dist');
  const distVersion = path.join(dist, siteVersionPath(datasetId, version));
  for (const name of record.files) {
    const file = path.join(distVersion, name);
    if (existsSync(file)) {
      await rm(file, { force: true });
      removed.push(relative(file));
    }
  }
  const latestDir = path.join(dist, siteLatestPath(datasetId));
  if (existsSync(path.join(latestDir, 'manifest.json'))) {
    const latest = JSON.parse(await readFile(path.join(latestDir, 'manifest.json'), 'utf8')) as { version?: string };
    if (latest.version === version) {
      await rm(latestDir, { recursive: true, force: true });
      removed.push(`${relative(latestDir)}/`);
    }
  }

  // The history's index of large files kept as release assets: the version's entries leave it.
  const indexFile = path.join(root, ASSET_INDEX);
  const prefix = `${SNAPSHOTS_DIR}/${datasetId}/${version}/`;
  let releaseAssets: AssetEntry[] = [];
  if (existsSync(indexFile)) {
    const index = JSON.parse(await readFile(indexFile, 'utf8')) as AssetIndex;
    releaseAssets = index.assets.filter((a) => a.path.startsWith(prefix));
    if (releaseAssets.length > 0) {
      const kept: AssetIndex = { ...index, assets: index.assets.filter((a) => !a.path.startsWith(prefix)) };
      await writeFile(indexFile, `${JSON.stringify(kept, null, 2)}\n`);
    }
  }

  const tracked = await gitTracked(root, prefix);
  const followUp = [
    `npm run build:site   # the version page becomes its tombstone; the dataset page, search index and every export stop listing it`,
    ...(tracked.length > 0 ? [`git rm -r -q --cached -- ${prefix}`] : []),
    `git add -f -- ${SNAPSHOTS_DIR}/${withdrawalsFile(datasetId)}${releaseAssets.length > 0 ? ` ${ASSET_INDEX}` : ''}`,
    `git commit -m "Withdraw ${datasetId} version ${version}"`,
    ...releaseAssets.map((a) => `gh release delete-asset ${a.release} ${a.asset} --yes`),
    ...(tracked.length > 0
      ? [
          `# The files are still in earlier commits: rewrite the history without them (every clone must re-clone), then force-push.`,
          `git filter-repo --invert-paths --path ${prefix}`,
          `git push --force-with-lease origin HEAD`,
        ]
      : []),
    `# Then redeploy (the scheduled refresh does it), and ask the host to purge cached copies of ${siteVersionPath(datasetId, version)}.`,
  ];
  return { record, removed, releaseAssets, tracked, followUp };
}
