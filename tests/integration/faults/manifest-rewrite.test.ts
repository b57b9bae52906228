import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listVersions } from '../../../src/shared/snapshot-store.ts';
import { BUILD_DATA, changeTable, faultDataset, faultTableSql, faultWorkspace, runCli, snapshotEnv, snapshotProblems, startCli } from '../../helpers/faults.ts';
import { createTestDatabase, runStatements, type TestDatabase } from '../../helpers/postgres.ts';

/**
 * A kill while a published manifest is rewritten (the one rewrite a published version gets: a new
 * change fingerprint after a change and its undo). The run is stopped at the exact moment between
 * writing the new manifest and renaming it into place (the `manifest-rewrite` failpoint) and killed
 * there: the published folder must hold its old, valid manifest and nothing else, and the next run
 * removes the temporary file from its staging and makes the rewrite.
 */
describe('a kill while a published manifest is rewritten', () => {
  let db: TestDatabase;
  let root: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    await runStatements(db.client, faultTableSql('small', 200));
    root = await faultWorkspace([faultDataset('small-readings', 'small')]);
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
    await db?.drop();
  });

  it('leaves the published folder exactly as it was, and the next run cleans up and rewrites', async () => {
    const first = await runCli(BUILD_DATA, [], { cwd: root, env: snapshotEnv(db.url) });
    expect(first.code, first.output).toBe(0);
    const [published] = await listVersions(root, 'small-readings');
    const folder = path.join(root, 'data-snapshots/small-readings', published!.version);
    const before = await readFile(path.join(folder, 'manifest.json'), 'utf8');

    // A change and its undo: same content, new fingerprint, so the published manifest is rewritten.
    await changeTable(db.url, 'faults.small', ['UPDATE faults.small SET amount = amount + 1', 'UPDATE faults.small SET amount = amount - 1']);
    const run = startCli(BUILD_DATA, [], { cwd: root, env: snapshotEnv(db.url, { CATALOG_FAILPOINT: 'manifest-rewrite' }) });
    await run.waitFor('failpoint manifest-rewrite reached');
    const staged = (await readdir(path.join(root, 'data-snapshots/.staging'), { recursive: true })).filter((f) => f.endsWith('.tmp'));
    expect(staged).toHaveLength(1);
    run.child.kill('SIGKILL');
    await run.done;

    expect(await readdir(folder)).toEqual(expect.arrayContaining(['manifest.json']));
    expect((await readdir(folder)).filter((f) => f.includes('tmp'))).toEqual([]);
    expect(await readFile(path.join(folder, 'manifest.json'), 'utf8')).toBe(before);
    expect(await listVersions(root, 'small-readings')).toEqual([published]);

    const next = await runCli(BUILD_DATA, [], { cwd: root, env: snapshotEnv(db.url) });
    expect(next.code, next.output).toBe(0);
    expect(next.stderr).toMatch(/Removed 1 leftover\(s\) of interrupted runs[^\n]*\n {2}- data-snapshots\/\.staging\/run-\d+-[0-9a-f]+\n/);
    const [rewritten] = await listVersions(root, 'small-readings');
    expect(rewritten!.fingerprint?.value).not.toBe(published!.fingerprint?.value);
    expect({ ...rewritten, fingerprint: undefined }).toEqual({ ...published, fingerprint: undefined });
    expect(await snapshotProblems(root)).toEqual([]);
  });
});
