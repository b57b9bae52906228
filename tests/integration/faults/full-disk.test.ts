import { mkdir, readdir, rm, statfs } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listVersions } from '../../../src/shared/snapshot-store.ts';
import { BUILD_DATA, faultDataset, faultTableSql, faultWorkspace, runCli, snapshotEnv, snapshotProblems } from '../../helpers/faults.ts';
import { createTestDatabase, runStatements, type TestDatabase } from '../../helpers/postgres.ts';
import { privileged } from '../../helpers/privileged.ts';

const MOUNT_HINT = 'The full-disk test mounts a small tmpfs on a temporary data-snapshots/';

/**
 * A disk that fills up while tables stream: data-snapshots/ of a temporary project is a small
 * tmpfs mounted by the test (CI runs as root), resized so the next version cannot fit. The failing
 * dataset must end cleanly (its COPY cancelled, its files and staging removed, the connection
 * usable for the next dataset), say which path and how much space the version needed, and the run
 * must exit 6 in bounded time with the published versions intact.
 */

const MB = 1024 * 1024;

async function used(dir: string): Promise<number> {
  const s = await statfs(dir);
  return (s.blocks - s.bfree) * s.bsize;
}

async function resize(dir: string, bytes: number): Promise<void> {
  await privileged('mount', ['-o', `remount,size=${Math.ceil(bytes / 4096) * 4096}`, dir], MOUNT_HINT);
}

describe('a full disk while tables stream', () => {
  let db: TestDatabase;
  let root: string;
  let snapshots: string;
  let mounted = false;

  beforeAll(async () => {
    db = await createTestDatabase();
    await runStatements(db.client, [...faultTableSql('big', 200_000), ...faultTableSql('small', 50), ...faultTableSql('medium', 30_000)]);
    root = await faultWorkspace([faultDataset('big-readings', 'big'), faultDataset('small-readings', 'small'), faultDataset('medium-readings', 'medium')]);
    snapshots = path.join(root, 'data-snapshots');
    await mkdir(snapshots);
    // Owned by this user, so the test need not run as root (sudo mounts it on GitHub's runners).
    await privileged('mount', ['-t', 'tmpfs', '-o', `size=96m,uid=${process.getuid?.() ?? 0},gid=${process.getgid?.() ?? 0},mode=0755`, 'tmpfs', snapshots], MOUNT_HINT);
    mounted = true;
  });

  afterAll(async () => {
    if (mounted) await privileged('umount', [snapshots], MOUNT_HINT).catch(() => privileged('umount', ['-l', snapshots], MOUNT_HINT));
    await rm(root, { recursive: true, force: true });
    await db?.drop();
  });

  it('ends a dataset whose version does not fit cleanly, with the path and the space it needed; two jobs never hang, and with one job the next dataset is published', async () => {
    const first = await runCli(BUILD_DATA, ['--only', 'big-readings,small-readings'], { cwd: root, env: snapshotEnv(db.url) });
    expect(first.code, first.output).toBe(0);
    const [bigV1] = await listVersions(root, 'big-readings');
    expect(bigV1).toBeDefined();

    // Both tables change; the disk keeps room for the small one's new version only.
    await db.client.query(`UPDATE faults.big SET label = label || ' (revised)'`);
    await db.client.query(`UPDATE faults.small SET amount = amount + 1`);
    await resize(snapshots, (await used(snapshots)) + 3 * MB);

    // --full: the server's change counters reach the statistics up to a second late (docs/maintainers.md).
    const run = await runCli(BUILD_DATA, ['--only', 'big-readings,small-readings', '--jobs', '2', '--full'], { cwd: root, env: snapshotEnv(db.url), timeoutMs: 90_000 });
    expect(run.code, run.output).toBe(6);
    expect(run.ms).toBeLessThan(60_000);
    expect(run.stderr).toMatch(
      /No space left on the disk holding .*data-snapshots: writing data-snapshots\/\.staging\/run-\d+-[0-9a-f]+\/big-readings-[0-9a-f]+\/data[\w.-]+ failed after [\d,]+ of 200,000 rows/,
    );
    expect(run.stderr).toMatch(/This version needs about \d+(\.\d)? MB \([\d.]+ (MB|KB|bytes) free now, after its partial files were removed\)/);
    expect(run.stderr).toContain('Free at least that much space, or move data-snapshots/ to a larger disk, and rerun');
    expect(run.output).not.toMatch(/ROLLBACK|unsettled|Unexpected failure|ArchiverError/);

    // Whatever the other job was doing when the disk filled ended cleanly too; no version changed.
    expect(run.output).not.toMatch(/failed:\n(?!No space left)/);
    expect(await listVersions(root, 'big-readings')).toEqual([bigV1]);
    expect(await snapshotProblems(root)).toEqual([]);
    expect((await readdir(snapshots)).sort()).toEqual(['big-readings', 'checks.json', 'small-readings']);

    // One job: the big table fails first and frees its space, so the next dataset still gets its new version.
    const serial = await runCli(BUILD_DATA, ['--only', 'big-readings,small-readings', '--jobs', '1', '--full'], { cwd: root, env: snapshotEnv(db.url), timeoutMs: 90_000 });
    expect(serial.code, serial.output).toBe(6);
    expect(serial.stderr).toMatch(/big-readings failed:\nNo space left on the disk/);
    expect((await listVersions(root, 'small-readings')).length, serial.output).toBe(2);
    expect(await listVersions(root, 'big-readings')).toEqual([bigV1]);
    expect(await snapshotProblems(root)).toEqual([]);
    expect((await readdir(snapshots)).sort()).toEqual(['big-readings', 'checks.json', 'small-readings']);
  });

  it('gives up a workbook and the other files whose disk filled, with one job, and the next run with room publishes', async () => {
    await resize(snapshots, (await used(snapshots)) + 1 * MB);
    const run = await runCli(BUILD_DATA, ['--only', 'medium-readings', '--jobs', '1'], { cwd: root, env: snapshotEnv(db.url), timeoutMs: 90_000 });
    expect(run.code, run.output).toBe(6);
    expect(run.stderr).toMatch(/No space left on the disk holding .*medium-readings/);
    expect(run.output).not.toMatch(/unsettled|Unexpected failure|ArchiverError|already finalizing/);
    expect(await listVersions(root, 'medium-readings')).toEqual([]);
    expect(await snapshotProblems(root)).toEqual([]);

    await resize(snapshots, (await used(snapshots)) + 64 * MB);
    const again = await runCli(BUILD_DATA, ['--only', 'medium-readings,big-readings', '--jobs', '2'], { cwd: root, env: snapshotEnv(db.url), timeoutMs: 90_000 });
    expect(again.code, again.output).toBe(0);
    const [medium] = await listVersions(root, 'medium-readings');
    expect(medium?.files.map((f) => f.name)).toEqual(['data.csv', 'data-excel.csv', 'data.json', 'data.parquet', 'data.xlsx', 'data.xml']);
    expect((await listVersions(root, 'big-readings')).length).toBe(2);
    expect(await snapshotProblems(root)).toEqual([]);
  });
});
