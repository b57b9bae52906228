import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { listSnapshotFiles } from './snapshot-history.ts';

describe('the snapshot history keeps published files only', () => {
  it('never lists staging, the run lock, temporary files or files no manifest lists', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'history-'));
    onTestFinished(() => rm(root, { recursive: true, force: true }));
    const version = path.join(root, 'data-snapshots/trees/2026-11-25');
    await mkdir(version, { recursive: true });
    await writeFile(path.join(version, 'manifest.json'), JSON.stringify({ files: [{ name: 'data.csv' }], sample: { name: 'sample.csv' } }));
    for (const name of ['data.csv', 'sample.csv', 'data.xml', 'manifest.json.123.tmp']) await writeFile(path.join(version, name), 'x');
    await mkdir(path.join(root, 'data-snapshots/.staging/run-1-abcd/trees-0000'), { recursive: true });
    await writeFile(path.join(root, 'data-snapshots/.staging/run-1-abcd/trees-0000/data.csv'), 'x');
    await writeFile(path.join(root, 'data-snapshots/.lock'), '{}');
    await mkdir(path.join(root, 'data-snapshots/trees/2026-11-26'));
    await writeFile(path.join(root, 'data-snapshots/trees/2026-11-26/sample.csv'), 'x');
    await writeFile(path.join(root, 'data-snapshots/release-assets.json'), '{"assets":[]}');
    const files = (await listSnapshotFiles(root)).map((f) => f.path).sort();
    expect(files).toEqual([
      'data-snapshots/release-assets.json',
      'data-snapshots/trees/2026-11-25/data.csv',
      'data-snapshots/trees/2026-11-25/manifest.json',
      'data-snapshots/trees/2026-11-25/sample.csv',
    ]);
  });
});
