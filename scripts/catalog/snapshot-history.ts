import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { CliError } from '../../src/shared/cli-error.ts';
import { consoleLogger } from '../lib/effects.ts';
import { acquireRunLock } from '../build-data/lib/run-lock.ts';
import { runCommand } from '../lib/run-command.ts';
import { ASSET_INDEX, assetNameOf, limitFromEnv, planHistory, type AssetIndex, type SnapshotFile } from './lib/history-plan.ts';

/**
 * `npm run history:restore` / `npm run history:keep`: the scheduled refresh's snapshot history.
 * restore: downloads the large files of earlier versions from their releases (before build:data).
 * keep:    commits new manifests and small files, uploads large ones as release assets, pushes.
 * SNAPSHOT_HISTORY=none skips both (keep the history elsewhere, e.g. object storage).
 * Needs git and the GitHub CLI (`gh`, with GH_TOKEN), both present on GitHub's runners.
 */

const exec = promisify(execFile);
const SNAPSHOTS = 'data-snapshots';

async function run(command: string, args: string[], root: string): Promise<string> {
  try {
    const { stdout } = await exec(command, args, { cwd: root, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (cause) {
    const stderr = ((cause as { stderr?: string }).stderr ?? '').trim();
    throw new CliError(`\`${command} ${args.join(' ')}\` failed: ${stderr || (cause as Error).message}`, { cause });
  }
}

async function readIndex(root: string): Promise<AssetIndex> {
  const file = path.join(root, ASSET_INDEX);
  if (!existsSync(file)) return { assets: [] };
  return JSON.parse(await readFile(file, 'utf8')) as AssetIndex;
}

async function sha256(file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
}

/**
 * The published files under data-snapshots/: each version's manifest and the files it lists, and
 * the files beside the dataset folders (the asset index, the README). Never a run's staging
 * directory, its lock, a temporary file, or a file no manifest lists (a download format being
 * added when a run was killed): those are not part of the history.
 */
export async function listSnapshotFiles(root: string): Promise<SnapshotFile[]> {
  const dir = path.join(root, SNAPSHOTS);
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const listed = new Map<string, Set<string> | null>();
  const listedIn = async (versionDir: string): Promise<Set<string> | null> => {
    if (!listed.has(versionDir)) {
      const manifest = await readFile(path.join(versionDir, 'manifest.json'), 'utf8').then(
        (text) => JSON.parse(text) as { files?: { name: string }[]; sample?: { name: string } },
        () => null,
      );
      listed.set(versionDir, manifest ? new Set(['manifest.json', ...(manifest.files ?? []).map((f) => f.name), ...(manifest.sample ? [manifest.sample.name] : [])]) : null);
    }
    return listed.get(versionDir)!;
  };
  const files: SnapshotFile[] = [];
  for (const entry of entries.filter((e) => e.isFile())) {
    const absolute = path.join(entry.parentPath, entry.name);
    const parts = path.relative(dir, absolute).split(path.sep);
    if (parts.some((part) => part.startsWith('.'))) continue;
    if (parts.length === 3 && !(await listedIn(path.dirname(absolute)))?.has(entry.name)) continue;
    if (parts.length > 3) continue;
    files.push({ path: path.relative(root, absolute).split(path.sep).join('/'), bytes: (await stat(absolute)).size });
  }
  return files;
}

export async function restore(root: string): Promise<void> {
  const missing = (await readIndex(root)).assets.filter((a) => !existsSync(path.join(root, a.path)));
  if (missing.length === 0) return console.log('History: every large file of earlier versions is present.');
  const download = await mkdtemp(path.join(tmpdir(), 'history-'));
  try {
    for (const entry of missing) {
      await run('gh', ['release', 'download', entry.release, '--pattern', entry.asset, '--dir', download, '--clobber'], root);
      const file = path.join(download, entry.asset);
      const actual = await sha256(file);
      if (actual !== entry.sha256) {
        throw new CliError(`${entry.asset} in release ${entry.release} has SHA-256 ${actual}, not ${entry.sha256} as ${ASSET_INDEX} says; the release asset was changed. Restore it from a backup.`);
      }
      await mkdir(path.dirname(path.join(root, entry.path)), { recursive: true });
      await rename(file, path.join(root, entry.path));
      console.log(`History: restored ${entry.path} from release ${entry.release}.`);
    }
  } finally {
    await rm(download, { recursive: true, force: true });
  }
}

export async function keep(root: string, env: NodeJS.ProcessEnv, now = new Date()): Promise<void> {
  const tracked = new Set((await run('git', ['ls-files', '-z', '--', SNAPSHOTS], root)).split('\0').filter(Boolean));
  const index = await readIndex(root);
  const plan = planHistory(await listSnapshotFiles(root), tracked, index, limitFromEnv(env));
  // Published manifests build-data rewrites without a new version: an unchanged version that gained
  // new download formats (their files are new, so planned above), or one that records a new change
  // fingerprint (same content, see scripts/build-data/steps/fingerprint.ts). Keep them.
  const updated = (await run('git', ['ls-files', '-m', '-z', '--', SNAPSHOTS], root)).split('\0').filter((p) => p.endsWith('/manifest.json'));
  plan.commit.push(...updated);
  if (plan.commit.length === 0 && plan.release.length === 0) return console.log('History: no new snapshot files to keep.');

  if (plan.release.length > 0) {
    const tag = `snapshots-${now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')}`;
    // gh names an asset after its file, so each file is copied under its flat asset name first.
    const staging = await mkdtemp(path.join(tmpdir(), 'history-assets-'));
    try {
      const files: string[] = [];
      for (const file of plan.release) {
        const target = path.join(staging, assetNameOf(file.path));
        await copyFile(path.join(root, file.path), target);
        files.push(target);
      }
      await run(
        'gh',
        [
          'release',
          'create',
          tag,
          '--title',
          `Snapshot files ${now.toISOString().slice(0, 10)}`,
          '--notes',
          'Large snapshot files kept by the scheduled refresh (see docs/maintainers.md).',
          '--latest=false',
          ...files,
        ],
        root,
      );
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
    for (const file of plan.release) {
      index.assets.push({ path: file.path, release: tag, asset: assetNameOf(file.path), bytes: file.bytes, sha256: await sha256(path.join(root, file.path)) });
      console.log(`History: ${file.path} (${(file.bytes / 1024 / 1024).toFixed(1)} MB) → release ${tag}.`);
    }
    await writeFile(path.join(root, ASSET_INDEX), `${JSON.stringify(index, null, 2)}\n`);
    plan.commit.push(ASSET_INDEX);
  }
  // -f: data-snapshots/ is ignored in the demo repository; a deployment keeps its history in git.
  await run('git', ['add', '-f', '--', ...plan.commit], root);
  await run('git', ['commit', '-q', '-m', `Snapshot history: ${plan.commit.length} file(s) committed, ${plan.release.length} kept as release assets`], root);
  await run('git', ['pull', '--rebase', '-q'], root);
  await run('git', ['push', '-q'], root);
  console.log(`History: committed ${plan.commit.length} file(s) and pushed.`);
}

if (import.meta.main) {
  await runCommand(async () => {
    const [command] = process.argv.slice(2);
    if (process.env.SNAPSHOT_HISTORY === 'none') return console.log('History: SNAPSHOT_HISTORY=none, nothing kept or restored here.');
    if (command !== 'restore' && command !== 'keep')
      throw new CliError('Usage: node scripts/catalog/snapshot-history.ts restore|keep (npm run history:restore, npm run history:keep)', { exitCode: 2 });
    // restore writes into published version folders: never while a snapshot run writes there.
    const lock = await acquireRunLock(path.join(process.cwd(), SNAPSHOTS), { command: `npm run history:${command}`, waitSeconds: 0, log: consoleLogger() });
    try {
      if (command === 'restore') await restore(process.cwd());
      else await keep(process.cwd(), process.env);
    } finally {
      await lock.release();
    }
  });
}
