import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Manifest } from '../../../src/schemas/manifest.ts';
import { listVersions } from '../../../src/shared/snapshot-store.ts';
import { clearStaging, contentHash, createStagingDir, nextVersionId, publishVersion } from './publish-version.ts';

const columns: Manifest['columns'] = [{ name: 'id', type: 'integer', sourceType: 'int4' }];

function manifest(hash: string, at: string): Omit<Manifest, 'version'> {
  return {
    dataset: 'trees',
    snapshotAt: at,
    source: 'parks.trees',
    rowCount: 1,
    contentHash: hash,
    columns,
    files: [{ name: 'data.csv', format: 'CSV', mediaType: 'text/csv', bytes: 6, sha256: 'a'.repeat(64) }],
    profile: [],
    preview: [['1']],
  };
}

async function stage(root: string, content: string): Promise<string> {
  const dir = await createStagingDir(root, 'trees');
  await writeFile(path.join(dir, 'data.csv'), content);
  return dir;
}

describe('publishing versions', () => {
  it('names versions by day and numbers a second one on the same day', () => {
    const day = new Date('2026-11-25T10:00:00Z');
    expect(nextVersionId(day, [])).toBe('2026-11-25');
    expect(nextVersionId(day, ['2026-11-25'])).toBe('2026-11-25-2');
    expect(nextVersionId(day, ['2026-11-25', '2026-11-25-2'])).toBe('2026-11-25-3');
  });

  it('changes the content hash when a column changes type even if the bytes are equal', () => {
    const csv = 'b'.repeat(64);
    expect(contentHash(columns, csv)).not.toBe(contentHash([{ name: 'id', type: 'string', sourceType: 'text' }], csv));
  });

  it('creates a version only when the content hash differs from the latest', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'catalog-'));
    onTestFinished(() => rm(root, { recursive: true, force: true }));
    const first = await publishVersion({ root, stagingDir: await stage(root, 'id\r\n1\r\n'), manifest: manifest('1'.repeat(64), '2026-11-24T10:00:00.000Z'), now: new Date('2026-11-24T10:00:00Z') });
    expect(first.version).toBe('2026-11-24');
    const same = await publishVersion({ root, stagingDir: await stage(root, 'id\r\n1\r\n'), manifest: manifest('1'.repeat(64), '2026-11-25T10:00:00.000Z'), now: new Date('2026-11-25T10:00:00Z') });
    expect(same.version).toBeNull();
    const changed = await publishVersion({ root, stagingDir: await stage(root, 'id\r\n2\r\n'), manifest: manifest('2'.repeat(64), '2026-11-25T11:00:00.000Z'), now: new Date('2026-11-25T11:00:00Z') });
    expect(changed.version).toBe('2026-11-25');
    expect((await listVersions(root, 'trees')).map((v) => v.version)).toEqual(['2026-11-24', '2026-11-25']);
    expect(await readFile(path.join(root, 'data-snapshots/trees/2026-11-24/data.csv'), 'utf8')).toBe('id\r\n1\r\n');
    await clearStaging(root);
    expect(await readdir(path.join(root, 'data-snapshots'))).toEqual(['trees']);
  });

  it('adds download formats new since an unchanged version was written, without a new version or touching its files', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'catalog-'));
    onTestFinished(() => rm(root, { recursive: true, force: true }));
    await publishVersion({ root, stagingDir: await stage(root, 'id\r\n1\r\n'), manifest: manifest('1'.repeat(64), '2026-11-24T10:00:00.000Z'), now: new Date('2026-11-24T10:00:00Z') });
    const staging = await stage(root, 'id\r\n1\r\n');
    await writeFile(path.join(staging, 'data.xml'), '<dataset/>');
    const xml = { name: 'data.xml', format: 'XML', mediaType: 'application/xml', bytes: 10, sha256: 'b'.repeat(64) };
    const withXml = { ...manifest('1'.repeat(64), '2026-11-25T10:00:00.000Z'), files: [...manifest('1'.repeat(64), '').files, xml] };
    const again = await publishVersion({ root, stagingDir: staging, manifest: withXml, now: new Date('2026-11-25T10:00:00Z') });
    expect(again.version).toBeNull();
    const [only] = await listVersions(root, 'trees');
    expect(only!.version).toBe('2026-11-24');
    expect(only!.snapshotAt).toBe('2026-11-24T10:00:00.000Z');
    expect(only!.files.map((f) => f.name)).toEqual(['data.csv', 'data.xml']);
    expect(await readFile(path.join(root, 'data-snapshots/trees/2026-11-24/data.xml'), 'utf8')).toBe('<dataset/>');
  });

  it('ignores a version directory that has no manifest (an unfinished copy)', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'catalog-'));
    onTestFinished(() => rm(root, { recursive: true, force: true }));
    await mkdir(path.join(root, 'data-snapshots/trees/2026-01-01'), { recursive: true });
    expect(await listVersions(root, 'trees')).toEqual([]);
  });
});
