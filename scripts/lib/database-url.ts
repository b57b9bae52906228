import { parse as parseConnectionString } from 'pg-connection-string';
import { CliError } from '../../src/shared/cli-error.ts';

/**
 * Reads DATABASE_URL strictly, before anything connects. `pg` itself accepts nearly any string and
 * makes something of it: `user:password@host/db` becomes a database named after the password, which
 * the server then quotes in its "does not exist" error; an unencoded `/` or `#` in a password makes
 * the URL parser throw. A string that is not one of the accepted forms stops the command here with
 * exit code 2, and the message never repeats the string (it holds the password).
 */

export const ACCEPTED_DATABASE_URL_FORMS = [
  'postgresql://user:password@host:5432/database',
  'postgres://user:password@host/database?sslmode=require',
  'postgresql://user@host/database   (the password from PGPASSWORD or ~/.pgpass)',
  'postgresql:///database?host=/var/run/postgresql   (a Unix socket)',
];

const ENCODING_HINT =
  'Characters that mean something in a URL must be percent-encoded in the user name and password: ' +
  '"/" as %2F, "#" as %23, "?" as %3F, "@" as %40, ":" as %3A, "%" as %25 ' +
  "(e.g. node -e 'console.log(encodeURIComponent(process.argv[1]))' 'the password').";

export interface DatabaseUrl {
  /** Host, port and database: safe to print and publish (no user name, password or parameters). */
  label: string;
}

function refuse(reason: string): never {
  throw new CliError(
    `DATABASE_URL cannot be read as a PostgreSQL connection URL: ${reason}\n` +
      `Accepted forms:\n${ACCEPTED_DATABASE_URL_FORMS.map((f) => `  ${f}`).join('\n')}\n` +
      'The value itself is not shown, since it may hold a password.',
    { exitCode: 2 },
  );
}

/** Checks a connection string; returns its printable label, or throws a CliError (exit 2) saying what is wrong. */
export function checkDatabaseUrl(value: string): DatabaseUrl {
  const url = value.trim();
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url)?.[1];
  if (!scheme || !/^postgres(?:ql)?$/i.test(scheme)) {
    refuse(url.includes('@') ? 'it does not start with postgresql:// (a form like user:password@host/database is not a URL).' : 'it does not start with postgresql:// or postgres://.');
  }
  if (!url.slice(scheme.length + 1).startsWith('//')) refuse(`"${scheme}:" must be followed by "//" (write ${scheme.toLowerCase()}://user:password@host/database).`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    refuse(`its host, port or credentials cannot be told apart. ${ENCODING_HINT}`);
  }
  // An unencoded "/", "?" or "#" in a password ends the authority early: the rest lands in the path, query or fragment.
  const afterAuthority = `${parsed.pathname}${parsed.search}${parsed.hash}`;
  if (afterAuthority.includes('@') || parsed.hash !== '') refuse(`part of it after the host looks like a user name or password, or it has a "#". ${ENCODING_HINT}`);
  if (parsed.port !== '' && !/^\d+$/.test(parsed.port)) refuse('its port is not a number.');
  let config: ReturnType<typeof parseConnectionString>;
  try {
    config = parseConnectionString(url);
  } catch {
    refuse(`its host, port or credentials cannot be told apart. ${ENCODING_HINT}`);
  }
  let user: string;
  let password: string;
  try {
    user = decodeURIComponent(parsed.username);
    password = decodeURIComponent(parsed.password);
  } catch {
    refuse(`a "%" in the user name or password is not followed by two hexadecimal digits. ${ENCODING_HINT}`);
  }
  // pg and the URL standard must read the same login, or a password could end up somewhere else.
  if ((config.user ?? '') !== user || (config.password ?? '') !== password) refuse(`pg and the URL standard read its user name or password differently. ${ENCODING_HINT}`);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (database.includes('/')) refuse('the database name has a "/" (percent-encode it as %2F, or remove the extra path).');
  const host = parsed.hostname || (config.host ? `${config.host}` : 'localhost');
  return { label: `postgresql://${host}${parsed.port ? `:${parsed.port}` : ''}/${encodeURIComponent(database)}` };
}
