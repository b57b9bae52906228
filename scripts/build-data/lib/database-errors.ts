/**
 * Errors never carry data. Whatever PostgreSQL (or the driver on its behalf) raises while a dataset
 * is read is reported by dataset, column where the server names one of the dataset's own columns,
 * SQLSTATE and a plain-language cause chosen here by the SQLSTATE's class. The server's `message`,
 * `detail`, `hint`, `where` and anything else it may quote (a value that failed a cast, a row of a
 * table, a function's RAISE text) are never printed, logged, written to manifests or pages: build
 * logs are public in CI.
 *
 * It also tells the run what kind of failure it is (classifyDatabaseError): a lost connection ends
 * the run (exit 3, "the database stopped answering while reading <dataset>"), a lock wait past the
 * lock timeout ends one dataset ("waiting for a lock held by another session on <table>").
 *
 * One local-only switch shows the server's own text for debugging:
 * `CATALOG_DEBUG_DATABASE_ERRORS=1`. It refuses to work when `CI` is set (CI logs are published).
 */

export const DEBUG_SWITCH = 'CATALOG_DEBUG_DATABASE_ERRORS';

/** What the caller knows about where the error happened; all of it is metadata, never data. */
export interface ErrorContext {
  /** The dataset id. */
  dataset?: string;
  /** The metadata file, as maintainers see it. */
  file?: string;
  /** The source relation, `schema.table`. */
  source?: string;
  /** What was being done, e.g. "streaming the rows". */
  step?: string;
  /** Columns the dataset reads (declared fields, row-filter columns): a column the server names is shown only when it is one of these. */
  columns?: readonly string[];
  /** The environment, for the debug switch (default: process.env). */
  env?: NodeJS.ProcessEnv;
}

/** The fields of a server error the driver (`pg`) exposes. Only `code`, `column` and `severity` are ever shown. */
interface ServerError {
  code: string;
  severity?: string;
  column?: string;
  message?: string;
  detail?: string;
  hint?: string;
  where?: string;
}

/** True for an error that came from the database server (it has a SQLSTATE): its text may quote data. */
export function isDatabaseError(error: unknown): error is Error & ServerError {
  if (!(error instanceof Error)) return false;
  const { code, severity } = error as Partial<ServerError>;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && typeof severity === 'string';
}

/** The SQLSTATE of an error from `pg`, when the server sent one. */
export function sqlState(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : null;
}

export type DatabaseErrorKind =
  /** The server went away, or the connection to it broke: nothing more can be read in this run. */
  | 'connection-lost'
  /** `lock_timeout` ran out while waiting for a lock another session holds. */
  | 'lock-timeout'
  /** Any other error the server reported (a SQLSTATE) or the client raised. */
  | 'other';

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

/** True for a failure of the database or of the connection to it (as opposed to a file, a worker, a bug). */
export function isDatabaseFailure(error: unknown): boolean {
  return databaseErrorIn(error) !== undefined || sqlState(error) !== null || classifyDatabaseError(error) === 'connection-lost';
}

/** The plain-language cause of a database error, with its SQLSTATE; never the server's message text. */
export function databaseErrorCause(error: unknown): string {
  const code = sqlState(error);
  if (code) return `${CAUSES[code] ?? CLASSES[code.slice(0, 2)] ?? 'the database server reported an error'} (SQLSTATE ${code})`;
  if (classifyDatabaseError(error) === 'connection-lost') return 'the connection to the server broke';
  return 'an error in the database client';
}

/** The server error an error is or was caused by (its `cause` chain), if any. */
export function databaseErrorIn(error: unknown): (Error & ServerError) | undefined {
  for (let current = error, depth = 0; current && depth < 10; current = (current as { cause?: unknown }).cause, depth++) {
    if (isDatabaseError(current)) return current;
  }
  return undefined;
}

/** Plain-language causes of the SQLSTATEs a read can meet, then of their classes (first two characters). */
const CAUSES: Record<string, string> = {
  '22P02': 'a value could not be converted to the type the query asks for (a cast or a comparison with a value of another type)',
  '22003': 'a number was out of the range of its type',
  '22012': 'a division by zero',
  '22007': 'a date or time value could not be read',
  '22008': 'a date or time value was out of range',
  '2201B': 'a regular expression (a redact pattern, or one in the row filter) is not valid for PostgreSQL',
  '22021': 'a text value holds bytes that are not valid in the database encoding',
  '22P05': 'a text value holds a character the connection encoding cannot represent',
  '22001': 'a value was too long for the type it was cast to',
  '22023': 'a function was given an argument it cannot use',
  '25006': 'the query tried to write, and the snapshot session is read-only',
  '42501': 'the database role may not read an object the query needs (a table, a view, or what a view reads)',
  '42P01': 'a table or view the query names does not exist (or the role cannot see it)',
  '42703': 'a column the query names does not exist in the source',
  '42883': 'a function or operator the query uses does not exist for these types',
  '42804': 'two values of incompatible types were compared or combined',
  '42601': 'the query is not valid SQL',
  '40001': 'the database cancelled the read to keep transactions consistent (serialization failure); run again',
  '40P01': 'the read was chosen as the victim of a deadlock; run again',
  '55P03': 'a lock the read needs could not be taken in time',
  '57014': 'the query was cancelled (the statement timeout was reached, or someone cancelled it)',
  '57P01': 'the database server is shutting down',
  '57P02': 'the database server stopped after a crash of another server process',
  '57P03': 'the database server is starting up or shutting down',
  '28P01': 'the password was refused',
  '28000': 'the server refused this role or this client address (pg_hba.conf)',
  '3D000': 'the database does not exist',
  '53100': 'the database server ran out of disk space',
  '53200': 'the database server ran out of memory',
  P0001: 'a database function raised an error of its own',
};

const CLASSES: Record<string, string> = {
  '08': 'the connection to the database failed',
  '0A': 'the query uses a feature this database does not support',
  '21': 'a subquery returned more than one row where one was expected',
  '22': 'a value in the data could not be processed (a data exception)',
  '23': 'an integrity constraint was violated',
  '25': 'the transaction was in a state that does not allow this',
  '28': "the database refused the role's authorisation",
  '2F': 'a database function failed',
  '38': 'a database function failed',
  '39': 'a database function failed',
  '3D': 'the database does not exist',
  '3F': 'a schema the query names does not exist',
  '40': 'the database rolled the transaction back; run again',
  '42': 'the query names something that does not exist or may not be used',
  '53': 'the database server ran out of resources',
  '54': 'the query exceeds a limit of the database server',
  '55': 'an object was not in the state the read needs',
  '57': 'the database server stopped the query',
  '58': 'the database server had a system error',
  F0: 'the database server has a configuration problem',
  HV: 'a foreign table failed (its remote server returned an error)',
  P0: 'a database function raised an error of its own',
  XX: 'the database server had an internal error',
};

/** What to do, by class, where there is something a maintainer can do. */
const ADVICE: Record<string, string> = {
  '22': "Check the casts and functions in the row filter and in the view's definition against the data; cast or clean the column in a view, or fix the row filter",
  '42': "Check source, fields and the row filter against the live database (npm run catalog:check -- --database), and the role's privileges",
  '40': 'Run the build again',
  '57': 'Run the build again; if the statement timeout was reached, look at the size of the table and the cost of its view',
  '53': 'Ask the database administrator; run the build again later',
  '08': 'Check that the server is up and reachable, then run the build again',
  P0: "Read the function's definition with the database owner: it is part of the source, and its message may quote data, so it is not shown",
};

/** The SQLSTATE's name, e.g. `22P02 invalid_text_representation`, for people searching the PostgreSQL manual. */
const CONDITION_NAMES: Record<string, string> = {
  '22P02': 'invalid_text_representation',
  '22003': 'numeric_value_out_of_range',
  '22012': 'division_by_zero',
  '22007': 'invalid_datetime_format',
  '22008': 'datetime_field_overflow',
  '2201B': 'invalid_regular_expression',
  '22021': 'character_not_in_repertoire',
  '22P05': 'untranslatable_character',
  '22001': 'string_data_right_truncation',
  '22023': 'invalid_parameter_value',
  '25006': 'read_only_sql_transaction',
  '42501': 'insufficient_privilege',
  '42P01': 'undefined_table',
  '42703': 'undefined_column',
  '42883': 'undefined_function',
  '42804': 'datatype_mismatch',
  '42601': 'syntax_error',
  '40001': 'serialization_failure',
  '40P01': 'deadlock_detected',
  '55P03': 'lock_not_available',
  '57014': 'query_canceled',
  '57P01': 'admin_shutdown',
  '53100': 'disk_full',
  '53200': 'out_of_memory',
  P0001: 'raise_exception',
};

/** Whether the debug switch is on (and allowed): never in CI. */
function debugAllowed(env: NodeJS.ProcessEnv): 'on' | 'refused' | 'off' {
  if (!env[DEBUG_SWITCH] || env[DEBUG_SWITCH] === '0') return 'off';
  return env.CI ? 'refused' : 'on';
}

/**
 * One plain message for an error raised while a dataset is read. A server error is described by
 * its SQLSTATE only; any other error (ours, or the driver's own, e.g. a lost connection) is
 * described by its message, which holds no data.
 */
export function describeDatabaseError(error: unknown, context: ErrorContext = {}): string {
  const where = [context.dataset ? `dataset ${context.dataset}` : null, context.file ?? null, context.source ? `source ${context.source}` : null].filter(Boolean).join(', ');
  const during = context.step ? ` while ${context.step}` : '';
  const prefix = where ? `${where}: ` : '';
  const kind = classifyDatabaseError(error);
  if (kind === 'connection-lost') {
    return (
      `the database stopped answering while reading ${context.dataset ?? 'the datasets'} (${databaseErrorCause(error)}${context.step ? `, ${context.step}` : ''}). ` +
      'Check that the server is running and reachable, then rerun: the published versions are unchanged.'
    );
  }
  if (kind === 'lock-timeout') {
    return (
      `waiting for a lock held by another session on ${context.source ?? 'its source'} took longer than the lock timeout, so ${context.dataset ?? 'the dataset'} was not read. ` +
      'Find the session in pg_locks / pg_stat_activity (a migration, a VACUUM FULL, a LOCK TABLE) and rerun once it is done, ' +
      'or raise the wait with --lock-timeout <seconds> (CATALOG_LOCK_TIMEOUT).'
    );
  }
  if (!isDatabaseError(error)) {
    const message = error instanceof Error ? error.message : String(error);
    return `${prefix}${message}${during ? ` (${during.trim()})` : ''}`;
  }
  const code = error.code;
  const cause = CAUSES[code] ?? CLASSES[code.slice(0, 2)] ?? 'the database server reported an error';
  const column = error.column && context.columns?.includes(error.column) ? `, column "${error.column}"` : '';
  const name = CONDITION_NAMES[code] ? ` ${CONDITION_NAMES[code]}` : '';
  const advice = ADVICE[code.slice(0, 2)];
  const env = context.env ?? process.env;
  const debug = debugAllowed(env);
  const lines = [
    `${prefix}the database reported an error${during}${column}: ${cause} (SQLSTATE ${code}${name}).`,
    ...(advice ? [`${advice}.`] : []),
    `The server's own message is not shown because it can quote values from the data.` + (debug === 'off' ? ` To see it on your own machine, run again with ${DEBUG_SWITCH}=1 (never in CI).` : ''),
  ];
  if (debug === 'refused') lines.push(`${DEBUG_SWITCH} is ignored because CI is set: CI logs are published.`);
  if (debug === 'on') {
    lines.push(
      `${DEBUG_SWITCH} is set: the server's text follows. It may contain data; do not paste it anywhere public.`,
      ...(['message', 'detail', 'hint', 'where'] as const).flatMap((key) => (error[key] ? [`  ${key}: ${error[key]}`] : [])),
    );
  }
  return lines.join('\n  ');
}
