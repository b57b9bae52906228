import { rm } from 'node:fs/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listVersions } from '../../../src/shared/snapshot-store.ts';
import { BUILD_DATA, faultDataset, faultTableSql, faultWorkspace, runCli, snapshotProblems } from '../../helpers/faults.ts';
import { createPrivateCluster, type PrivateCluster } from '../../helpers/private-cluster.ts';
import { PROJECT_ROOT, TEST_PSEUDONYM_KEY } from '../../helpers/workspace.ts';

/**
 * Credentials are never printed, whatever form DATABASE_URL takes, on a server of the test's own
 * that checks passwords (cluster wt14-url, port 5462, scram-sha-256 on 127.0.0.1). A string that
 * is not a connection URL stops with exit code 2 and the accepted forms; a refused login is exit 3.
 * Neither the password nor the user name appears anywhere in the output.
 */

const CLUSTER = { name: 'wt14-url', port: 5462 };
const USER = 'url_reader';
/** Every character a URL treats specially, so only a correctly percent-encoded URL can carry it. */
const PASSWORD = 'Pa/ss#wo?rd@:%x9';
const HOST = `127.0.0.1:${CLUSTER.port}`;

describe('credentials in DATABASE_URL and PG* variables', () => {
  let cluster: PrivateCluster;
  let root: string;

  beforeAll(async () => {
    cluster = await createPrivateCluster(CLUSTER.name, CLUSTER.port, { hostAuth: 'scram-sha-256' });
    const admin = new pg.Client(cluster.admin);
    await admin.connect();
    for (const statement of faultTableSql('small', 20)) await admin.query(statement);
    await admin.query(`CREATE ROLE ${USER} LOGIN PASSWORD '${PASSWORD.replaceAll("'", "''")}'`);
    await admin.query(`GRANT USAGE ON SCHEMA faults TO ${USER}; GRANT SELECT ON ALL TABLES IN SCHEMA faults TO ${USER}`);
    await admin.end();
    root = await faultWorkspace([faultDataset('small-readings', 'small')]);
  });

  afterAll(async () => {
    await cluster?.drop();
    if (root) await rm(root, { recursive: true, force: true });
  });

  const run = (env: NodeJS.ProcessEnv) => runCli(BUILD_DATA, [], { cwd: root, env: { CATALOG_PSEUDONYM_KEY: TEST_PSEUDONYM_KEY, ...env }, timeoutMs: 60_000 });
  const expectNoSecret = (output: string) => {
    expect(output).not.toContain(PASSWORD);
    expect(output).not.toContain(encodeURIComponent(PASSWORD));
    expect(output).not.toContain('s3cret');
    expect(output).not.toContain(USER);
    expect(output).not.toMatch(/Unexpected failure|TypeError|Invalid URL/);
  };

  it.each([
    ['no scheme', `${USER}:s3cretPW@${HOST}/postgres`, 'it does not start with postgresql://'],
    ['a scheme without //', `postgresql:${USER}:s3cretPW@${HOST}/postgres`, '"postgresql:" must be followed by "//"'],
    ['a scheme with one /', `postgresql:/${USER}:s3cretPW@${HOST}/postgres`, '"postgresql:" must be followed by "//"'],
    ['an unencoded / in the password', `postgresql://${USER}:s3cret/PW@${HOST}/postgres`, 'must be percent-encoded'],
    ['an unencoded # in the password', `postgresql://${USER}:s3cret#PW@${HOST}/postgres`, 'must be percent-encoded'],
    ['an unencoded ? in the password', `postgresql://${USER}:s3cret?PW@${HOST}/postgres`, 'must be percent-encoded'],
    ['a password made of digits and an unencoded /', `postgresql://${USER}:1234/s3cret@${HOST}/postgres`, 'must be percent-encoded'],
    ['another scheme', `mysql://${USER}:s3cretPW@${HOST}/postgres`, 'it does not start with postgresql://'],
  ])('refuses %s with exit 2, the accepted forms, and no credential in the output', async (_form, url, reason) => {
    const result = await run({ DATABASE_URL: url });
    expect(result.code, result.output).toBe(2);
    expect(result.stderr).toContain('DATABASE_URL cannot be read as a PostgreSQL connection URL');
    expect(result.stderr).toContain(reason);
    expect(result.stderr).toContain('Accepted forms:\n  postgresql://user:password@host:5432/database');
    expectNoSecret(result.output);
  });

  it('connects with every special character percent-encoded, and prints neither the user nor the password', async () => {
    const result = await run({ DATABASE_URL: `postgresql://${USER}:${encodeURIComponent(PASSWORD)}@${HOST}/postgres` });
    expect(result.code, result.output).toBe(0);
    expect(result.stderr).toContain(`Snapshotting from postgresql://${HOST}/postgres`);
    expectNoSecret(result.output);
    expect((await listVersions(root, 'small-readings')).length).toBe(1);
    expect(await snapshotProblems(root)).toEqual([]);
  });

  it('a wrong password is exit 3 with the reason, without the user name', async () => {
    const result = await run({ DATABASE_URL: `postgresql://${USER}:s3cret-wrong@${HOST}/postgres` });
    expect(result.code, result.output).toBe(3);
    expect(result.stderr).toContain(`Cannot connect to the database postgresql://${HOST}/postgres: the password was refused (SQLSTATE 28P01)`);
    expectNoSecret(result.output);
  });

  it('the user and password from PGUSER and PGPASSWORD are redacted as well', async () => {
    const result = await run({ DATABASE_URL: `postgresql://${HOST}/postgres`, PGUSER: USER, PGPASSWORD: 's3cret-wrong' });
    expect(result.code, result.output).toBe(3);
    expect(result.stderr).toContain('the password was refused (SQLSTATE 28P01)');
    expectNoSecret(result.output);
  });

  it('catalog:check --database refuses an unreadable URL the same way (exit 2)', async () => {
    const result = await runCli(`${PROJECT_ROOT}scripts/catalog/check.ts`, ['--database'], { cwd: root, env: { DATABASE_URL: `${USER}:s3cretPW@${HOST}/postgres` } });
    expect(result.code, result.output).toBe(2);
    expect(result.stderr).toContain('DATABASE_URL cannot be read as a PostgreSQL connection URL');
    expectNoSecret(result.output);
  });
});
