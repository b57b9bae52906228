import { randomBytes } from 'node:crypto';
import pg from 'pg';

const DEFAULT_URL = 'postgresql://catalog_test:catalog_test@127.0.0.1:5432/postgres';

const SETUP_HINT =
  'The integration tests need a PostgreSQL server. On Debian, run `bash scripts/setup-test-machine.sh` as root ' +
  '(installs and starts PostgreSQL and creates the catalog_test role), or set TEST_DATABASE_URL to a role that may CREATE DATABASE.';

export interface TestDatabase {
  url: string;
  client: pg.Client;
  drop(): Promise<void>;
}

/** Creates a fresh, uniquely named database on the test server; `drop()` removes it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL || DEFAULT_URL;
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
  } catch (cause) {
    throw new Error(`Cannot reach the test PostgreSQL server (${(cause as Error).message}). ${SETUP_HINT}`, { cause });
  }
  const name = `catalog_it_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.href });
  await client.connect();
  return {
    url: url.href,
    client,
    drop: async () => {
      await client.end().catch(() => {});
      await dropDatabase(admin, name);
      await admin.end();
    },
  };
}

export async function runStatements(client: pg.Client, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await client.query(statement);
}

/** Drops a database made for a test or a benchmark. Autovacuum may still be working in a freshly loaded one: retry rather than leave it behind. */
export async function dropDatabase(admin: pg.Client, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      return;
    } catch (error) {
      if (attempt >= 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
