import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listVersions } from '../../../src/shared/snapshot-store.ts';
import { BUILD_DATA, changeTable, faultDataset, faultTableSql, faultWorkspace, runCli, snapshotEnv, snapshotProblems, startCli } from '../../helpers/faults.ts';
import { createTestDatabase, runStatements, type TestDatabase } from '../../helpers/postgres.ts';

/**
 * Two runs on one data-snapshots/: the second waits or stops with exit code 5, naming the first,
 * and never touches its files; a lock left by a killed run is taken over with a message and the
 * killed run's leftovers are removed, including the leftovers of releases before the lock (a
 * version folder holding only sample.csv, which made every later run fail with ENOTEMPTY, and a
 * manifest.json.<pid>.tmp inside a published folder). The first run is frozen (SIGSTOP) while the
 * second tries, so the overlap does not depend on timing.
 */

const today = () => new Date().toISOString().slice(0, 10);

describe('two runs at once, and the leftovers of a killed one', () => {
  let db: TestDatabase;
  let root: string;
  // CSV and JSON only (no workbook or XML): the runs stay quick; the overlap comes from SIGSTOP, not size.
  const env = () => snapshotEnv(db.url, { CATALOG_SPREADSHEET_ROW_LIMIT: '0' });

  beforeAll(async () => {
    db = await createTestDatabase();
    await runStatements(db.client, [...faultTableSql('big', 40_000), ...faultTableSql('small', 50)]);
    root = await faultWorkspace([faultDataset('big-readings', 'big'), faultDataset('small-readings', 'small')]);
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
    await db?.drop();
  });

  it('a second run stops with exit 5 naming the first, which then publishes whole', async () => {
    const first = startCli(BUILD_DATA, ['--jobs', '1'], { cwd: root, env: env() });
    await first.waitFor('[1/2] big-readings');
    first.child.kill('SIGSTOP');
    const second = await runCli(BUILD_DATA, ['--jobs', '1'], { cwd: root, env: env(), timeoutMs: 30_000 });
    first.child.kill('SIGCONT');
    expect(second.code, second.output).toBe(5);
    expect(second.stderr).toContain(`Another run is writing to ${path.join(root, 'data-snapshots')}: \`npm run build:data -- --jobs 1\` (process ${first.child.pid} on ${hostname()}, started 20`);
    expect(second.stderr).toContain('Wait for it to finish, or rerun with --wait <seconds> to wait for it.');
    expect(second.ms).toBeLessThan(10_000);
    const done = await first.done;
    expect(done.code, done.output).toBe(0);
    expect((await listVersions(root, 'big-readings')).length).toBe(1);
    expect((await listVersions(root, 'small-readings')).length).toBe(1);
    expect(await snapshotProblems(root)).toEqual([]);
  });

  it('with --wait, the second run waits for the first to finish and then runs', async () => {
    await changeTable(db.url, 'faults.small', ['UPDATE faults.small SET amount = amount + 1']);
    const first = startCli(BUILD_DATA, ['--jobs', '1', '--full'], { cwd: root, env: env() });
    await first.waitFor('[1/2] big-readings');
    first.child.kill('SIGSTOP');
    const second = startCli(BUILD_DATA, ['--jobs', '1', '--full', '--wait', '60'], { cwd: root, env: env(), timeoutMs: 90_000 });
    await second.waitFor(`Waiting for \`npm run build:data -- --jobs 1 --full\` (process ${first.child.pid}`);
    first.child.kill('SIGCONT');
    const [a, b] = await Promise.all([first.done, second.done]);
    expect(a.code, a.output).toBe(0);
    expect(b.code, b.output).toBe(0);
    expect(a.stderr).toContain('small-readings → new version');
    expect(b.stderr).toContain('small-readings → unchanged, no new version');
    expect((await listVersions(root, 'small-readings')).length).toBe(2);
    expect(await snapshotProblems(root)).toEqual([]);
  });

  it("takes over a killed run's lock with a message and removes its leftovers, old ones included", async () => {
    await changeTable(db.url, 'faults.big', ['UPDATE faults.big SET amount = amount + 1']);
    const killed = startCli(BUILD_DATA, ['--jobs', '1', '--full'], { cwd: root, env: env() });
    await killed.waitFor('big-readings: ');
    killed.child.kill('SIGKILL');
    await killed.done;
    const snapshots = path.join(root, 'data-snapshots');
    const lock = JSON.parse(await readFile(path.join(snapshots, '.lock'), 'utf8')) as { pid: number };
    expect(lock.pid).toBe(killed.child.pid);
    expect((await readdir(path.join(snapshots, '.staging'))).some((d) => d.startsWith(`run-${killed.child.pid}-`))).toBe(true);

    // What releases before the lock could leave: a version folder holding only sample.csv (named as
    // the next version would be), and a temporary manifest inside a published version.
    const [published] = await listVersions(root, 'small-readings');
    await mkdir(path.join(snapshots, 'big-readings', `${today()}-2`));
    await writeFile(path.join(snapshots, 'big-readings', `${today()}-2`, 'sample.csv'), 'id\r\n');
    await writeFile(path.join(snapshots, 'small-readings', published!.version, 'manifest.json.4242.tmp'), '{');

    const next = await runCli(BUILD_DATA, ['--jobs', '1'], { cwd: root, env: env(), timeoutMs: 60_000 });
    expect(next.code, next.output).toBe(0);
    expect(next.stderr).toContain(`Taking over the run lock ${path.join(snapshots, '.lock')} from \`npm run build:data -- --jobs 1 --full\` (process ${killed.child.pid}`);
    expect(next.stderr).toContain(`process ${killed.child.pid} is no longer running`);
    expect(next.stderr).toMatch(/Removed 3 leftover\(s\) of interrupted runs \(never part of a published version\):/);
    expect(next.stderr).toContain(`data-snapshots/.staging/run-${killed.child.pid}-`);
    expect(next.stderr).toContain(`data-snapshots/big-readings/${today()}-2`);
    expect(next.stderr).toContain(`data-snapshots/small-readings/${published!.version}/manifest.json.4242.tmp`);
    expect(next.stderr).toContain('big-readings → new version');
    expect((await listVersions(root, 'big-readings')).length).toBe(2);
    expect(await snapshotProblems(root)).toEqual([]);
  });

  it('never reuses the name of a folder whose manifest is invalid, reports it and leaves it alone', async () => {
    const snapshots = path.join(root, 'data-snapshots');
    const broken = path.join(snapshots, 'small-readings', `${today()}-7`);
    await mkdir(broken);
    await writeFile(path.join(broken, 'manifest.json'), '{ "dataset": "small-readings" ');
    await writeFile(path.join(broken, 'notes.txt'), 'kept by someone');
    await changeTable(db.url, 'faults.small', ['UPDATE faults.small SET amount = amount + 1']);
    const run = await runCli(BUILD_DATA, ['--only', 'small-readings', '--full'], { cwd: root, env: env(), timeoutMs: 60_000 });
    expect(run.code, run.output).toBe(0);
    expect(run.stderr).toContain(`small-readings/${today()}-7: manifest.json cannot be read as JSON (SyntaxError)`);
    expect(run.stderr).toMatch(/folder\(s\) in .* are not valid versions and are ignored \(not published, and their names are never reused\)/);
    expect(await readdir(broken)).toEqual(['manifest.json', 'notes.txt']);
    expect((await listVersions(root, 'small-readings', { onProblem: () => {} })).map((v) => v.version).at(-1)).toBe(`${today()}-3`);
    await rm(broken, { recursive: true });
    expect(await snapshotProblems(root)).toEqual([]);
  });
});
