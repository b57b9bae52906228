import { existsSync, readdirSync } from 'node:fs';
import pg from 'pg';
import { privileged } from './privileged.ts';

/**
 * A PostgreSQL server of the test's own, for tests that stop or break it (never the shared test
 * server): a Debian cluster made with `pg_createcluster`, started, and removed by `drop()`. Needs
 * root (or passwordless sudo) and Debian's postgresql-common; fails saying so otherwise, never skips.
 */

export interface PrivateCluster {
  /** A superuser URL over TCP on 127.0.0.1 (works when host authentication is `trust`, the default). */
  url: string;
  /** The superuser over the Unix socket (always trusted): for setting the cluster up. */
  admin: pg.ClientConfig;
  port: number;
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  drop(): Promise<void>;
}

const HINT =
  "The fault-injection tests start their own PostgreSQL cluster to stop it mid-run: they need root and Debian's postgresql-common " +
  '(pg_createcluster, pg_ctlcluster, pg_dropcluster) with a PostgreSQL server package, e.g. `apt-get install postgresql-15` ' +
  '(scripts/setup-test-machine.sh installs it).';

function serverVersion(): string {
  const installed = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').filter((v) => /^\d+$/.test(v)) : [];
  const version = installed.sort((a, b) => Number(b) - Number(a))[0];
  if (!version || !existsSync('/usr/bin/pg_createcluster')) throw new Error(`No pg_createcluster or PostgreSQL server found. ${HINT}`);
  return version;
}

async function ctl(args: string[]): Promise<void> {
  await privileged(args[0]!, args.slice(1), HINT);
}

export async function createPrivateCluster(name: string, port: number, options: { hostAuth?: 'trust' | 'scram-sha-256' } = {}): Promise<PrivateCluster> {
  const version = serverVersion();
  // A cluster left by a run that was killed is removed first.
  await privileged('pg_dropcluster', [version, name, '--stop'], HINT).catch(() => {});
  const hostAuth = options.hostAuth ?? 'trust';
  await ctl(['pg_createcluster', version, name, '--port', String(port), '--', '--auth-local=trust', `--auth-host=${hostAuth}`, '--encoding=UTF8', '--no-instructions']);
  await ctl(['pg_ctlcluster', version, name, 'start']);
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  const admin: pg.ClientConfig = { host: '/var/run/postgresql', port, user: 'postgres', database: 'postgres' };
  // Wait until it accepts connections.
  for (let attempt = 0; ; attempt++) {
    const client = new pg.Client({ ...admin, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.end();
      break;
    } catch (error) {
      await client.end().catch(() => {});
      if (attempt > 50) throw new Error(`The private cluster ${name} on port ${port} does not accept connections: ${(error as Error).message}`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return {
    url,
    admin,
    port,
    stop: (mode = 'fast') => ctl(['pg_ctlcluster', version, name, 'stop', '-m', mode]),
    start: () => ctl(['pg_ctlcluster', version, name, 'start']),
    drop: () => ctl(['pg_dropcluster', version, name, '--stop']),
  };
}
