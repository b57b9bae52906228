import { createHmac } from 'node:crypto';
import { CliError } from '../../../src/shared/cli-error.ts';

/**
 * Keyed pseudonyms for `transform: { method: hash }`. An HMAC-SHA-256 with a secret key: the same
 * value always gets the same pseudonym, across versions as long as the key is kept, and without
 * the key nobody can test a guess (an unkeyed hash of a phone number or an employee id is
 * reversed by hashing every candidate). Runs in Node, never in SQL, so the key is not sent to the
 * database server, where it could end up in statement logs.
 */

export const PSEUDONYM_KEY_VARIABLE = 'CATALOG_PSEUDONYM_KEY';
const MIN_KEY_LENGTH = 32;

/**
 * The embedded demo database's key. It is public, which is fine for fictional data and nothing
 * else: it is never used with DATABASE_URL.
 */
export const DEMO_PSEUDONYM_KEY = 'civic-data-catalog demo key: fictional data only, never for real data';

/** 20 hex digits (80 bits): collisions stay negligible for billions of distinct values. */
const PSEUDONYM_HEX_DIGITS = 20;

export type Pseudonymizer = (value: string) => string;

export function pseudonymizer(key: string): Pseudonymizer {
  return (value) => createHmac('sha256', key).update(value, 'utf8').digest('hex').slice(0, PSEUDONYM_HEX_DIGITS);
}

/**
 * The key for this run. Checked at start-up, before any connection, and only when some dataset
 * to snapshot hashes a column; `datasets` names them in the message.
 */
export function pseudonymKey(env: NodeJS.ProcessEnv, options: { embedded: boolean; datasets: readonly string[] }): string | null {
  if (options.datasets.length === 0) return null;
  const key = env[PSEUDONYM_KEY_VARIABLE];
  if (!key) {
    if (options.embedded) return DEMO_PSEUDONYM_KEY;
    throw new CliError(
      `${PSEUDONYM_KEY_VARIABLE} is not set, and ${options.datasets.join(', ')} ${options.datasets.length === 1 ? 'hashes' : 'hash'} a column (transform: hash).\n` +
        `Set it to a secret of at least ${MIN_KEY_LENGTH} characters (e.g. the output of \`openssl rand -hex 32\`), stored as a CI secret.\n` +
        'Keep the same key for every run: a new key gives every value a new pseudonym.',
      { exitCode: 2 },
    );
  }
  if (key.length < MIN_KEY_LENGTH) {
    throw new CliError(`${PSEUDONYM_KEY_VARIABLE} is only ${key.length} characters long; use a secret of at least ${MIN_KEY_LENGTH} (e.g. \`openssl rand -hex 32\`), or pseudonyms can be guessed.`, {
      exitCode: 2,
    });
  }
  return key;
}
