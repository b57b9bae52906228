import { rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listVersions } from '../../../src/shared/snapshot-store.ts';
import { BUILD_DATA, faultDataset, faultTableSql, faultWorkspace, runCli, snapshotEnv, snapshotProblems, startCli, type StartedCli } from '../../helpers/faults.ts';
import { createPrivateCluster, type PrivateCluster } from '../../helpers/private-cluster.ts';

/**
 * The database going away mid-run, on a server the test starts for itself (cluster wt14-lost,
 * port 5461; never the shared test server): stopped with `pg_ctlcluster … stop -m immediate`
 * while a table streams, while a dataset waits for a lock before its COPY, and before the run.
 * Each ends with exit code 3 and "the database stopped answering while reading <dataset>" (or
 * "Cannot connect"), in bounded time, with no staging file left and the published versions intact.
 */

const CLUSTER = { name: 'wt14-lost', port: 5461 };
/** The run's login (the cluster trusts 127.0.0.1, so the password is not checked, but it must never be printed). */
const READER = { user: 'fault_reader', password: 'lost-db-Secret-42' };

/** Polls the server until a session of the snapshot matches `condition` (SQL over pg_stat_activity), then returns. */
async function waitForSession(url: string, condition: string, timeoutMs = 60_000): Promise<void> {
  const monitor = new pg.Client({ connectionString: url });
  monitor.on('error', () => {});
  await monitor.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const { rowCount } = await monitor.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = 'civic-data-catalog snapshot' AND ${condition}`);
      if (rowCount) return;
      await sleep(5);
    }
    throw new Error(`no snapshot session matched "${condition}" within ${timeoutMs / 1000} s`);
  } finally {
    await monitor.end().catch(() => {});
  }
}

/** Freezes the run (so it is caught exactly where it is), stops the server at once, and lets the run go on. */
async function stopServerUnder(run: StartedCli, cluster: PrivateCluster): Promise<void> {
  run.child.kill('SIGSTOP');
  try {
    await cluster.stop('immediate');
  } finally {
    run.child.kill('SIGCONT');
  }
}

describe('the database going away mid-run', () => {
  let cluster: PrivateCluster;
  let root: string;
  let url: string;

  beforeAll(async () => {
    cluster = await createPrivateCluster(CLUSTER.name, CLUSTER.port);
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    for (const statement of [...faultTableSql('big', 150_000), ...faultTableSql('small', 50)]) await client.query(statement);
    await client.query(`CREATE ROLE ${READER.user} LOGIN PASSWORD '${READER.password}'`);
    await client.query(`GRANT USAGE ON SCHEMA faults TO ${READER.user}; GRANT SELECT ON ALL TABLES IN SCHEMA faults TO ${READER.user}`);
    await client.end();
    url = `postgresql://${READER.user}:${READER.password}@127.0.0.1:${CLUSTER.port}/postgres`;
    root = await faultWorkspace([faultDataset('big-readings', 'big'), faultDataset('small-readings', 'small')]);
    const first = await runCli(BUILD_DATA, [], { cwd: root, env: snapshotEnv(url) });
    expect(first.code, first.output).toBe(0);
  });

  afterAll(async () => {
    await cluster?.drop();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('stopped while a table streams: exit 3 naming the dataset, no staging left, published versions intact', async () => {
    const before = { big: await listVersions(root, 'big-readings'), small: await listVersions(root, 'small-readings') };
    const run = startCli(BUILD_DATA, ['--jobs', '2', '--full'], { cwd: root, env: snapshotEnv(url), timeoutMs: 90_000 });
    await waitForSession(cluster.url, `state = 'active' AND query LIKE 'COPY (%faults"."big"%'`);
    await stopServerUnder(run, cluster);
    const result = await run.done;
    expect(result.code, result.output).toBe(3);
    expect(result.stderr).toContain('The database stopped answering while reading big-readings; the run stopped.');
    expect(result.stderr).toMatch(
      /- big-readings: the database stopped answering while reading big-readings \((the connection to the server broke|the server was shut down by its administrator \(SQLSTATE 57P01\))\)\. Check that the server is running and reachable, then rerun/,
    );
    expect(result.output).not.toMatch(/Unexpected failure|unsettled|at .*\.ts:\d+/);
    expect(result.output).not.toContain(READER.user);
    expect(result.output).not.toContain(READER.password);
    expect(result.ms).toBeLessThan(30_000);
    expect(await listVersions(root, 'big-readings')).toEqual(before.big);
    expect(await listVersions(root, 'small-readings')).toEqual(before.small);
    expect(await snapshotProblems(root)).toEqual([]);
    await cluster.start();
  });

  it('stopped while a dataset waits for a lock before its COPY: exit 3 as well', async () => {
    const locker = new pg.Client({ connectionString: cluster.url });
    locker.on('error', () => {});
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE faults.big IN ACCESS EXCLUSIVE MODE');
    const run = startCli(BUILD_DATA, ['--only', 'big-readings', '--lock-timeout', '120'], { cwd: root, env: snapshotEnv(url), timeoutMs: 90_000 });
    await waitForSession(cluster.url, `wait_event_type = 'Lock'`);
    await stopServerUnder(run, cluster);
    await locker.end().catch(() => {});
    const result = await run.done;
    expect(result.code, result.output).toBe(3);
    expect(result.stderr).toContain('the database stopped answering while reading big-readings');
    expect(result.output).not.toMatch(/Unexpected failure|unsettled/);
    expect(await snapshotProblems(root)).toEqual([]);
    await cluster.start();
  });

  it('down before the run: exit 3, "Cannot connect", and nothing written', async () => {
    await cluster.stop('immediate');
    const result = await runCli(BUILD_DATA, [], { cwd: root, env: snapshotEnv(url), timeoutMs: 60_000 });
    expect(result.code, result.output).toBe(3);
    expect(result.stderr).toContain(`Cannot connect to the database postgresql://127.0.0.1:${CLUSTER.port}/postgres: nothing answers at that host and port (ECONNREFUSED)`);
    expect(await snapshotProblems(root)).toEqual([]);
    await cluster.start();
  });
});
