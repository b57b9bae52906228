import pg from 'pg';
import { CliError } from '../../../src/shared/cli-error.ts';
import { checkDatabaseUrl } from '../../lib/database-url.ts';
import type { Logger } from '../../lib/effects.ts';
import { redactSecrets } from '../../lib/secrets.ts';
import { databaseErrorCause, sqlState } from '../lib/database-errors.ts';

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

/**
 * How long a statement waits for a lock another session holds (a migration, VACUUM FULL, LOCK
 * TABLE) before it fails, by default: a dataset whose table stays locked fails alone with a
 * message naming the table, instead of the run waiting silently for the statement timeout.
 */
export const DEFAULT_LOCK_TIMEOUT_SECONDS = 180;

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
    return checkDatabaseUrl(url).label;
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    return '(an unparseable DATABASE_URL)';
  }
}

/** Why a connection could not be made, in words: a SQLSTATE's plain cause, or the network error's code; never the server's text. */
function connectionFailure(cause: unknown): string {
  if (sqlState(cause)) return databaseErrorCause(cause);
  const code = (cause as { code?: unknown }).code;
  const network: Record<string, string> = {
    ECONNREFUSED: 'nothing answers at that host and port (ECONNREFUSED): is the server running?',
    ENOTFOUND: 'the host name is not known (ENOTFOUND)',
    EAI_AGAIN: 'the host name could not be looked up (EAI_AGAIN)',
    ETIMEDOUT: 'the server did not answer in time (ETIMEDOUT)',
    ECONNRESET: 'the server closed the connection (ECONNRESET)',
    EHOSTUNREACH: 'the host cannot be reached (EHOSTUNREACH)',
  };
  if (typeof code === 'string' && network[code]) return network[code];
  // pg's own client-side messages (SSL refused, a timeout, SCRAM problems) hold no data; redacted all the same.
  return redactSecrets((cause as Error).message ?? String(cause));
}

export interface ConnectOptions {
  /** Seconds a statement waits for a lock before it fails (default DEFAULT_LOCK_TIMEOUT_SECONDS). */
  lockTimeoutSeconds?: number;
}

export async function connectClient(connectionString: string, label: string, log: Logger, options: ConnectOptions = {}): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString,
    application_name: 'civic-data-catalog snapshot',
    connectionTimeoutMillis: 15_000,
    // A server that vanishes without closing the connection (a host powered off) is noticed by TCP.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  // An idle client can still emit errors (server restart); without a listener Node would crash.
  client.on('error', (error) => log.warn(`the database connection broke: ${databaseErrorCause(error)}`));
  try {
    await client.connect();
    for (const statement of SESSION_SETTINGS) await client.query(statement);
    const lockTimeout = Math.round((options.lockTimeoutSeconds ?? DEFAULT_LOCK_TIMEOUT_SECONDS) * 1000);
    await client.query(`SET lock_timeout = ${lockTimeout}`);
  } catch (cause) {
    await client.end().catch(() => {});
    throw new CliError(
      `Cannot connect to the database ${label}: ${connectionFailure(cause)}.\n` +
        'Check that the server is running and reachable, and that DATABASE_URL has the right host, port, database, user and password ' +
        '(format: postgresql://user:password@host:5432/database). Unset DATABASE_URL to build from the embedded demo database.',
      { cause, exitCode: 3 },
    );
  }
  return client;
}

/** Connects to DATABASE_URL, or starts the embedded demo database when it is not set. */
export async function openSource(options: { databaseUrl?: string; scale: number; log: Logger } & ConnectOptions): Promise<Source> {
  const { databaseUrl, scale, log } = options;
  if (databaseUrl) {
    // Refuses (exit 2) a string that is not one of the accepted forms, before anything connects.
    const { label } = checkDatabaseUrl(databaseUrl);
    const client = await connectClient(databaseUrl, label, log, options);
    return { client, label, connect: () => connectClient(databaseUrl, label, log, options), close: () => closeClient(client) };
  }
  const { startEmbeddedDatabase } = await import('../../demo-db/embedded.ts');
  const embedded = await startEmbeddedDatabase({ scale, log });
  try {
    const client = await connectClient(embedded.connectionString, embedded.label, log, options);
    return {
      client,
      label: embedded.label,
      // PGlite is a single-user database: one connection at a time.
      connect: null,
      close: async () => {
        await closeClient(client);
        await embedded.stop();
      },
    };
  } catch (error) {
    await embedded.stop();
    throw error;
  }
}

/**
 * Ends a connection without ever hanging: `pg`'s `end()` waits for an 'end' event that a connection
 * already broken (the server stopped, the socket destroyed) never emits again.
 */
export async function closeClient(client: pg.Client, timeoutMs = 5_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
      resolve();
    }, timeoutMs);
  });
  try {
    await Promise.race([client.end().catch(() => {}), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
