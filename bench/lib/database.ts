import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { redactConnectionString } from '../../scripts/build-data/steps/connect.ts';
import { dropDatabase } from '../../tests/helpers/postgres.ts';

/**
 * The benchmark's own database on the server named by DATABASE_URL (else TEST_DATABASE_URL, else
 * the test server's defaults): created at the start, dropped at the end. The role needs CREATEDB.
 */

const DEFAULT_URL = 'postgresql://catalog_test:catalog_test@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  url: string;
  /** Server connection string without credentials, for the results. */
  label: string;
  run(statements: readonly string[]): Promise<void>;
  drop(): Promise<void>;
}

export async function createBenchDatabase(env: NodeJS.ProcessEnv = process.env): Promise<BenchDatabase> {
  const adminUrl = env.DATABASE_URL || env.TEST_DATABASE_URL || DEFAULT_URL;
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 10_000, application_name: 'civic-data-catalog bench' });
  try {
    await admin.connect();
  } catch (cause) {
    throw new Error(
      `Cannot reach PostgreSQL for the benchmark (${(cause as Error).message}). Set DATABASE_URL to a role that may CREATE DATABASE, ` +
        'or run `bash scripts/setup-test-machine.sh` as root for the local test server.',
      { cause },
    );
  }
  const name = `catalog_bench_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    label: redactConnectionString(adminUrl).replace(/\/[^/]*$/, ''),
    run: async (statements) => {
      const client = new pg.Client({ connectionString: url.href });
      await client.connect();
      try {
        for (const statement of statements) await client.query(statement);
      } finally {
        await client.end();
      }
    },
    drop: async () => {
      await dropDatabase(admin, name);
      await admin.end();
    },
  };
}
