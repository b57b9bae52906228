import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { CliError } from './cli-error.ts';
import { listVersions } from './snapshot-store.ts';

async function store(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'snapshot-store-'));
  onTestFinished(() => rm(root, { recursive: true, force: true }));
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
  return root;
}

async function failure(promise: Promise<unknown>): Promise<CliError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CliError);
  return error as CliError;
}

describe('the snapshot store', () => {
  it('has no versions for a dataset that was never snapshotted', async () => {
    expect(await listVersions(await store({}), 'trees')).toEqual([]);
  });

  it('ignores a version folder without a manifest and a stray file beside the versions', async () => {
    const root = await store({ 'data-snapshots/trees/2026-01-01/data.csv': 'id\r\n', 'data-snapshots/trees/notes.txt': 'kept by hand' });
    expect(await listVersions(root, 'trees')).toEqual([]);
  });

  it('stops on a manifest that is not JSON, naming the file and the fix (exit 2)', async () => {
    const root = await store({ 'data-snapshots/trees/2026-01-01/manifest.json': '{"dataset": "trees",' });
    const error = await failure(listVersions(root, 'trees'));
    expect(error.exitCode).toBe(2);
    expect(error.message.replace(/\(.*\)\. Restore/, '(…). Restore')).toMatchInlineSnapshot(
      `"data-snapshots/trees/2026-01-01/manifest.json is not valid JSON (…). Restore the file from version control (git checkout -- <file>) or from the release that keeps it (npm run history:restore); a version folder that was never published can be deleted."`,
    );
  });

  it('stops on a manifest that does not match the format, naming each field', async () => {
    const root = await store({ 'data-snapshots/trees/2026-01-01/manifest.json': JSON.stringify({ dataset: 'trees', version: '2026-01-01' }) });
    const error = await failure(listVersions(root, 'trees'));
    expect(error.exitCode).toBe(2);
    expect(error.message.split('\n')[0]).toBe('data-snapshots/trees/2026-01-01/manifest.json does not match the manifest format:');
    expect(error.message).toContain('  data-snapshots/trees/2026-01-01/manifest.json  snapshotAt: required field is missing');
  });

  it('passes on a read failure other than a missing file instead of taking it for "no versions"', async () => {
    // A folder where the manifest should be: reading it fails with EISDIR, not ENOENT.
    const root = await store({ 'data-snapshots/trees/2026-01-01/manifest.json/x': '' });
    await expect(listVersions(root, 'trees')).rejects.toMatchObject({ code: 'EISDIR' });
  });

  it('reports a corrupt manifest to onProblem and skips it, for a caller that can go on without it', async () => {
    const good = { 'data-snapshots/trees/2026-01-01/manifest.json': '{"dataset": "trees",' };
    const problems: string[] = [];
    expect(await listVersions(await store(good), 'trees', { onProblem: (problem) => problems.push(problem) })).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^data-snapshots\/trees\/2026-01-01\/manifest\.json is not valid JSON/);
  });
});
