/**
 * Secrets never reach the terminal, the CI log or a file: every message a command prints passes
 * through `redactSecrets`, which replaces the *values* of the credentials it knows of, wherever
 * they appear (a server error quoting the user name, a client error echoing a connection string,
 * a stack trace). Redacting by value, rather than rebuilding a URL without its credentials, also
 * covers connection strings that cannot be parsed: their user name and password are guessed
 * from every way the string could be split, and each guess is redacted.
 *
 * The user name counts as a secret too: it is half of a login, and the build log is public.
 */

export const REDACTED = '[redacted]';

/** Environment variables whose values are credentials or carry them. */
const URL_VARIABLES = ['DATABASE_URL', 'TEST_DATABASE_URL'] as const;
const PASSWORD_VARIABLES = ['PGPASSWORD', 'CATALOG_PSEUDONYM_KEY'] as const;
const USER_VARIABLES = ['PGUSER'] as const;

export interface Secrets {
  /** Passwords and keys: redacted wherever they appear, even inside a longer word (when 4+ characters long). */
  passwords: string[];
  /** User names: redacted where they stand as a word of their own (so `postgres` does not eat `postgresql`). */
  users: string[];
}

/** A credential as written, decoded and percent-encoded: a message may show it in any of these forms. */
function decoded(value: string): string[] {
  let plain = value;
  try {
    plain = decodeURIComponent(value);
  } catch {
    // Not valid percent-encoding: it is used as it is.
  }
  return [...new Set([value, plain, encodeURIComponent(plain)])];
}

/**
 * Every user name and password a connection string could hold, however it is written: with or
 * without `postgresql://`, with `:/` or `:` only, with unencoded `@`, `/`, `#` or `?` in the password,
 * or as `user=` / `password=` query parameters. Guesses that are not credentials are redacted too;
 * that costs a few characters of a message, a missed password costs the password.
 */
export function connectionStringSecrets(url: string): Secrets {
  const passwords = new Set<string>();
  const users = new Set<string>();
  const rest = url
    .trim()
    .replace(/^postgres(?:ql)?:/i, '')
    .replace(/^\/+/, '');
  for (let at = rest.indexOf('@'); at !== -1; at = rest.indexOf('@', at + 1)) {
    const userinfo = rest.slice(0, at);
    const colon = userinfo.indexOf(':');
    if (colon === -1) users.add(userinfo);
    else {
      users.add(userinfo.slice(0, colon));
      passwords.add(userinfo.slice(colon + 1));
      // A scheme written wrongly (`postgres:user:pw@…`, `pgsql://user:pw@…`) leaves a prefix before the user name.
      const inner = userinfo.slice(colon + 1).replace(/^\/+/, '');
      const second = inner.indexOf(':');
      if (second !== -1) {
        users.add(inner.slice(0, second));
        passwords.add(inner.slice(second + 1));
      }
    }
  }
  for (const match of rest.matchAll(/[?&](user|password)=([^&#]*)/gi)) (match[1]!.toLowerCase() === 'user' ? users : passwords).add(match[2]!);
  const expand = (values: Set<string>) => [...values].filter((v) => v.length > 0).flatMap(decoded);
  return { passwords: expand(passwords), users: expand(users) };
}

/** The secrets of this environment: connection strings, PGPASSWORD and PGUSER, the pseudonym key. */
export function environmentSecrets(env: NodeJS.ProcessEnv = process.env): Secrets {
  const passwords: string[] = [];
  const users: string[] = [];
  for (const name of URL_VARIABLES) {
    const value = env[name];
    if (!value) continue;
    const found = connectionStringSecrets(value);
    passwords.push(...found.passwords);
    users.push(...found.users);
  }
  for (const name of PASSWORD_VARIABLES) {
    const value = env[name];
    if (value) passwords.push(...decoded(value));
  }
  for (const name of USER_VARIABLES) {
    const value = env[name];
    if (value) users.push(...decoded(value));
  }
  return { passwords: [...new Set(passwords)], users: [...new Set(users)] };
}

const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Passwords shorter than this are redacted only where they stand alone, like user names. */
const SUBSTRING_MIN = 4;

/** Builds the redactor once (the patterns are compiled once per command, not per message). */
export function secretRedactor(secrets: Secrets): (text: string) => string {
  const substrings = secrets.passwords.filter((p) => p.length >= SUBSTRING_MIN);
  const words = [...secrets.users, ...secrets.passwords.filter((p) => p.length < SUBSTRING_MIN)];
  // Longest first, so a secret containing another is replaced whole.
  const byLength = (a: string, b: string) => b.length - a.length;
  const patterns: RegExp[] = [];
  if (substrings.length > 0) patterns.push(new RegExp(substrings.sort(byLength).map(escape).join('|'), 'g'));
  if (words.length > 0) patterns.push(new RegExp(`(?<![A-Za-z0-9_])(?:${words.sort(byLength).map(escape).join('|')})(?![A-Za-z0-9_])`, 'g'));
  if (patterns.length === 0) return (text) => text;
  return (text) => patterns.reduce((out, pattern) => out.replace(pattern, REDACTED), text);
}

let cached: { key: string; redact: (text: string) => string } | null = null;

/** Redacts this process's secrets (from its environment) out of a text about to be printed. */
export function redactSecrets(text: string, env: NodeJS.ProcessEnv = process.env): string {
  const key = [...URL_VARIABLES, ...PASSWORD_VARIABLES, ...USER_VARIABLES].map((name) => env[name] ?? '').join('\0');
  if (cached?.key !== key) cached = { key, redact: secretRedactor(environmentSecrets(env)) };
  return cached.redact(text);
}
