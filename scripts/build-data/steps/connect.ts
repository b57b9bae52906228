import pg from 'pg';
import { CliError } from '../../../src/shared/cli-error.ts';
import type { Logger } from '../../lib/effects.ts';
import { describeDatabaseError } from '../lib/database-errors.ts';

/**
 * Opens the source database: the server named by DATABASE_URL, or the embedded demo database.
 * Both give a `pg.Client`, so every later step runs the same code against either.
 */

export interface Source {
  client: pg.Client;
  /** Where the data comes from, safe to print and publish (never contains credentials). */
  label: string;
  /** Opens one more connection to the same database (for parallel workers); null when the source allows only one (the embedded database). */
  connect: (() => Promise<pg.Client>) | null;
  close(): Promise<void>;
}

/** Session settings that make text output portable and the session harmless. */
const SESSION_SETTINGS = [
  // A second guard besides the READ ONLY transaction: nothing this session runs can write.
  `SET default_transaction_read_only = on`,
  `SET statement_timeout = '30min'`,
  `SET idle_in_transaction_session_timeout = '60min'`,
  // Dates as YYYY-MM-DD, timestamptz in UTC, intervals as ISO 8601, floats without rounding.
  `SET DateStyle = 'ISO, YMD'`,
  `SET TimeZone = 'UTC'`,
  `SET IntervalStyle = 'iso_8601'`,
  `SET extra_float_digits = 1`,
  `SET client_encoding = 'UTF8'`,
  // Row filters and redact patterns are quoted with doubled quotes only, which needs this on.
  `SET standard_conforming_strings = on`,
  // Names resolve in PostgreSQL's own catalog only: every relation the pipeline reads is
  // schema-qualified, and a function, operator or type a maintainer's row filter names (rebuilt
  // qualified anyway, see row-filter.ts) cannot be shadowed by one of the same name in another
  // schema. pg_get_viewdef then qualifies every relation outside pg_catalog (read-closure.ts).
  `SET search_path = pg_catalog`,
  // Snapshot queries are single scans: compiling their expressions costs more than it saves.
  `SET jit = off`,
];

/** Describes a connection string without its credentials (user and password) or query parameters. */
export function redactConnectionString(url: string): string {
  try {
    const parsed = new URL(url);
    return `postgresql://${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname}`;
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return '(an unparseable DATABASE_URL)';
  }
}

export async function connectClient(connectionString: string, label: string, log: Logger): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString,
    application_name: 'civic-data-catalog snapshot',
    connectionTimeoutMillis: 15_000,
  });
  // An idle client can still emit errors (server restart); without a listener Node would crash.
  client.on('error', (error) => log.warn(`database connection error: ${describeDatabaseError(error)}`));
  try {
    await client.connect();
    for (const statement of SESSION_SETTINGS) await client.query(statement);
  } catch (cause) {
    await client.end().catch(() => {});
    const reason = (cause as Error).message.replaceAll(connectionString, label);
    throw new CliError(
      `Cannot connect to the database ${label}: ${reason}\n` +
        'Check that the server is running and reachable, and that DATABASE_URL has the right host, port, database, user and password ' +
        '(format: postgresql://user:password@host:5432/database). Unset DATABASE_URL to build from the embedded demo database.',
      { cause, exitCode: 3 },
    );
  }
  return client;
}

/** Connects to DATABASE_URL, or starts the embedded demo database when it is not set. */
export async function openSource(options: { databaseUrl?: string; scale: number; log: Logger }): Promise<Source> {
  const { databaseUrl, scale, log } = options;
  if (databaseUrl) {
    const label = redactConnectionString(databaseUrl);
    const client = await connectClient(databaseUrl, label, log);
    return { client, label, connect: () => connectClient(databaseUrl, label, log), close: () => client.end() };
  }
  const { startEmbeddedDatabase } = await import('../../demo-db/embedded.ts');
  const embedded = await startEmbeddedDatabase({ scale, log });
  try {
    const client = await connectClient(embedded.connectionString, embedded.label, log);
    return {
      client,
      label: embedded.label,
      // PGlite is a single-user database: one connection at a time.
      connect: null,
      close: async () => {
        await client.end();
        await embedded.stop();
      },
    };
  } catch (error) {
    await embedded.stop();
    throw error;
  }
}
