import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/workspace.ts';

/**
 * Withdrawal on a built site: a copy of the project with the demo's snapshots (from the e2e build)
 * gets a second, older version of the street trees; `npm run catalog:withdraw` withdraws it and
 * `npm run build:site` rebuilds. Its files are gone from data-snapshots/ and dist/, every export
 * stops listing it, and its address shows the tombstone: when and why, without the data.
 */

const ID = 'street-trees';
const OLD = '2026-01-15';
const REASON = 'It held the home address of a resident typed into the notes column.';
let root: string;

function npm(args: string[]): { status: number | null; output: string } {
  const run = spawnSync('npm', ['run', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' } });
  return { status: run.status, output: `${run.stdout}\n${run.stderr}` };
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'catalog-withdraw-'));
  for (const entry of await readdir(PROJECT_ROOT)) {
    if (['node_modules', '.git', 'dist', '.astro'].includes(entry)) continue;
    await cp(path.join(PROJECT_ROOT, entry), path.join(root, entry), { recursive: true });
  }
  await symlink(path.join(PROJECT_ROOT, 'node_modules'), path.join(root, 'node_modules'));
  const versions = (await readdir(path.join(root, 'data-snapshots', ID))).filter((name) => /^\d{4}-/.test(name)).sort();
  expect(versions.length, 'the e2e build published the street trees').toBeGreaterThan(0);
  // An older version with the same files: what a dataset with a history looks like.
  const source = path.join(root, 'data-snapshots', ID, versions[0]!);
  const older = path.join(root, 'data-snapshots', ID, OLD);
  await cp(source, older, { recursive: true });
  const manifest = JSON.parse(await readFile(path.join(older, 'manifest.json'), 'utf8'));
  await writeFile(path.join(older, 'manifest.json'), JSON.stringify({ ...manifest, version: OLD, snapshotAt: `${OLD}T06:00:00.000Z`, changes: undefined }, null, 2));
  const first = npm(['build:site']);
  expect(first.status, first.output).toBe(0);
  expect(existsSync(path.join(root, 'dist/datasets', ID, 'versions', OLD, 'data.csv'))).toBe(true);
}, 600_000);

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('withdrawing a published version', () => {
  it('removes its files from data-snapshots/ and dist/, and leaves a tombstone page, a history row and feed entries', async () => {
    const withdraw = npm(['catalog:withdraw', '--', ID, OLD, '--reason', REASON]);
    expect(withdraw.status, withdraw.output).toBe(0);
    expect(withdraw.output).toContain(`removed data-snapshots/${ID}/${OLD}/`);
    expect(withdraw.output).toContain(`removed dist/datasets/${ID}/versions/${OLD}/data.csv`);
    expect(existsSync(path.join(root, 'data-snapshots', ID, OLD))).toBe(false);

    const build = npm(['build:site']);
    expect(build.status, build.output).toBe(0);
    const versionDir = path.join(root, 'dist/datasets', ID, 'versions', OLD);
    expect(await readdir(versionDir)).toEqual(['index.html']);
    const tombstone = await readFile(path.join(versionDir, 'index.html'), 'utf8');
    expect(tombstone).toContain('This version was withdrawn');
    expect(tombstone).toContain(REASON);
    expect(tombstone).not.toContain('data.csv');

    const datasetPage = await readFile(path.join(root, 'dist/datasets', ID, 'index.html'), 'utf8');
    expect(datasetPage).toContain(`Withdrawn on`);
    expect(datasetPage).not.toContain(`/versions/${OLD}/data.csv`);
    for (const feed of ['dist/feed.xml', `dist/datasets/${ID}/feed.xml`]) expect(await readFile(path.join(root, feed), 'utf8')).toContain(`version ${OLD} withdrawn`);
    const exports = ['dist/data.json', 'dist/dcat-us-1.1/data.json', 'dist/catalog.ttl', 'dist/catalog.jsonld', 'dist/catalog.rdf', 'dist/catalog-dump.json', 'dist/sitemap-metadata.xml'];
    for (const exported of [...exports, ...['datapackage.json', 'dataset.ttl', 'dataset.jsonld', 'dataset.rdf'].map((file) => `dist/datasets/${ID}/${file}`)]) {
      expect(await readFile(path.join(root, exported), 'utf8'), exported).not.toContain(OLD);
    }
  });
});
