import { rm } from 'node:fs/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listVersions } from '../../../src/shared/snapshot-store.ts';
import { BUILD_DATA, changeTable, faultDataset, faultTableSql, faultWorkspace, runCli, snapshotEnv, snapshotProblems } from '../../helpers/faults.ts';
import { createTestDatabase, runStatements, type TestDatabase } from '../../helpers/postgres.ts';

/**
 * A table another session holds in ACCESS EXCLUSIVE mode (a migration, a VACUUM FULL): the
 * dataset waits for the lock timeout, not the 30-minute statement timeout, then fails alone
 * with "waiting for a lock held by another session on <table>"; the other datasets are published.
 */
describe('a table locked by another session', () => {
  let db: TestDatabase;
  let root: string;
  let locker: pg.Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    await runStatements(db.client, [...faultTableSql('locked', 100), ...faultTableSql('small', 50)]);
    root = await faultWorkspace([faultDataset('locked-readings', 'locked'), faultDataset('small-readings', 'small')]);
    const first = await runCli(BUILD_DATA, [], { cwd: root, env: snapshotEnv(db.url) });
    expect(first.code, first.output).toBe(0);
    await changeTable(db.url, 'faults.locked', ['UPDATE faults.locked SET amount = amount + 1']);
    await changeTable(db.url, 'faults.small', ['UPDATE faults.small SET amount = amount + 1']);
    locker = new pg.Client({ connectionString: db.url });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE faults.locked IN ACCESS EXCLUSIVE MODE');
  });

  afterAll(async () => {
    await locker?.query('ROLLBACK').catch(() => {});
    await locker?.end().catch(() => {});
    await rm(root, { recursive: true, force: true });
    await db?.drop();
  });

  it.each([
    ['--lock-timeout', ['--lock-timeout', '2'], {}],
    ['CATALOG_LOCK_TIMEOUT', [], { CATALOG_LOCK_TIMEOUT: '2' }],
  ])('fails that dataset alone after the lock timeout (%s), publishes the others, exit 4', async (_how, args, extra) => {
    const before = await listVersions(root, 'locked-readings');
    const published = (await listVersions(root, 'small-readings')).length;
    const run = await runCli(BUILD_DATA, ['--jobs', '2', ...args], { cwd: root, env: snapshotEnv(db.url, extra), timeoutMs: 60_000 });
    expect(run.code, run.output).toBe(4);
    expect(run.ms).toBeLessThan(20_000);
    expect(run.stderr).toContain(
      '- locked-readings: waiting for a lock held by another session on faults.locked took longer than the lock timeout, so locked-readings was not read. ' +
        'Find the session in pg_locks / pg_stat_activity (a migration, a VACUUM FULL, a LOCK TABLE) and rerun once it is done, or raise the wait with --lock-timeout <seconds> (CATALOG_LOCK_TIMEOUT).',
    );
    expect(run.stderr).toContain('small-readings → new version');
    expect(await listVersions(root, 'locked-readings')).toEqual(before);
    expect((await listVersions(root, 'small-readings')).length).toBe(published + 1);
    expect(await snapshotProblems(root)).toEqual([]);
    await changeTable(db.url, 'faults.small', ['UPDATE faults.small SET amount = amount + 1']);
  });
});
