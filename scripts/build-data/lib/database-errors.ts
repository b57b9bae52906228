/**
 * Errors from the database, described for people: by SQLSTATE and a plain-language cause, never
 * with the server's own message text, which can quote values of any table (a cast error names the
 * value it could not cast) and the build log is public. Also tells the run what kind of failure it
 * is: a lost connection ends the run (exit 3), a lock wait ends one dataset.
 * https://www.postgresql.org/docs/current/errcodes-appendix.html
 */

export type DatabaseErrorKind =
  /** The server went away, or the connection to it broke: nothing more can be read in this run. */
  | 'connection-lost'
  /** `lock_timeout` ran out while waiting for a lock another session holds. */
  | 'lock-timeout'
  /** Any other error the server reported (a SQLSTATE) or the client raised. */
  | 'other';

export interface DatabaseErrorContext {
  /** The dataset being read, e.g. `street-trees`. */
  dataset: string;
  /** The relation it reads, e.g. `parks.street_trees`. */
  relation?: string;
}

/** The SQLSTATE of an error from `pg`, when the server sent one. */
export function sqlState(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : null;
}

/** Errors of the connection itself, raised by Node or by `pg` (they carry no SQLSTATE). */
const CONNECTION_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const CONNECTION_MESSAGES = [
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'Query read timeout',
  'timeout expired',
];

export function classifyDatabaseError(error: unknown): DatabaseErrorKind {
  const state = sqlState(error);
  if (state) {
    // Class 08: connection exceptions; 57P01–57P03: the server shut down, crashed or is starting.
    if (state.startsWith('08') || state === '57P01' || state === '57P02' || state === '57P03') return 'connection-lost';
    if (state === '55P03') return 'lock-timeout';
    return 'other';
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) return 'connection-lost';
  const message = error instanceof Error ? error.message : '';
  if (CONNECTION_MESSAGES.some((m) => message.startsWith(m))) return 'connection-lost';
  return 'other';
}

/** Plain-language causes by SQLSTATE, then by class (the first two characters). */
const CAUSES: Record<string, string> = {
  '57014': 'the statement was cancelled (it ran longer than the statement timeout, or someone cancelled it)',
  '55P03': 'waiting for a lock held by another session',
  '53100': 'the database server ran out of disk space',
  '53200': 'the database server ran out of memory',
  '42501': 'this database role lacks a privilege it needs (grant USAGE on the schema and SELECT on the table)',
  '42P01': 'a table or view it names does not exist, or this role cannot see it',
  '42703': 'a column it names does not exist',
  '42883': 'a function or operator it uses does not exist for these types',
  '22021': 'a value holds bytes that are not valid in the database encoding',
  '22P05': 'a value has a character the connection cannot convert to UTF-8 (convert it in a view, or correct it at the source)',
  '22P02': 'a value could not be converted to the type asked for',
  '22012': 'a division by zero',
  '25006': 'the statement tried to write in a read-only transaction',
  '40001': 'a serialization failure (rerun)',
  '28P01': 'the password was refused',
  '28000': 'the server refused this role or this client address (pg_hba.conf)',
  '3D000': 'the database does not exist',
  '57P01': 'the server was shut down by its administrator',
  '57P02': 'the server stopped after a crash of another server process',
  '57P03': 'the server is starting up or shutting down',
};
const CLASS_CAUSES: Record<string, string> = {
  '08': 'the connection to the server broke',
  '22': 'a value could not be used as asked (a data exception)',
  '23': 'a constraint was violated',
  '42': 'the query was refused (a syntax error or an access rule)',
  '53': 'the server ran out of a resource (disk, memory or connections)',
  '54': 'a program limit of the server was exceeded',
  '57': 'the server stopped the statement (it was cancelled, or the server is shutting down)',
  '58': 'the server had a system error (an I/O error)',
  XX: 'an internal error of the server',
};

/** The plain-language cause of a database error, with its SQLSTATE; never the server's message text. */
export function databaseErrorCause(error: unknown): string {
  const state = sqlState(error);
  if (state) return `${CAUSES[state] ?? CLASS_CAUSES[state.slice(0, 2)] ?? 'an error the catalog has no description for'} (SQLSTATE ${state})`;
  if (classifyDatabaseError(error) === 'connection-lost') return 'the connection to the server broke';
  return 'an error in the database client';
}

/**
 * One line a maintainer can act on: what happened and where. A lost connection and a lock wait
 * get the wording the runbook uses; everything else names its SQLSTATE and plain cause.
 */
export function describeDatabaseError(error: unknown, context: DatabaseErrorContext): string {
  const relation = context.relation ?? 'its source';
  switch (classifyDatabaseError(error)) {
    case 'connection-lost':
      return (
        `the database stopped answering while reading ${context.dataset} (${databaseErrorCause(error)}). ` +
        'Check that the server is running and reachable, then rerun: the published versions are unchanged.'
      );
    case 'lock-timeout':
      return (
        `waiting for a lock held by another session on ${relation} took longer than the lock timeout, so ${context.dataset} was not read. ` +
        'Find the session in pg_locks / pg_stat_activity (a migration, a VACUUM FULL, a LOCK TABLE) and rerun once it is done, ' +
        'or raise the wait with --lock-timeout <seconds> (CATALOG_LOCK_TIMEOUT).'
      );
    default:
      return `the database refused to read ${relation} for ${context.dataset}: ${databaseErrorCause(error)}.`;
  }
}

/** True for the errors of a query that ends in the database (as opposed to a file, a worker, a bug). */
export function isDatabaseError(error: unknown): boolean {
  return sqlState(error) !== null || classifyDatabaseError(error) === 'connection-lost';
}
