import { describe, expect, it } from 'vitest';
import { connectionStringSecrets, environmentSecrets, REDACTED, redactSecrets, secretRedactor } from './secrets.ts';

const PASSWORD = 's3cretPW';
const USER = 'reader';

describe('redacting credentials by value', () => {
  it.each([
    ['a URL', `postgresql://${USER}:${PASSWORD}@db.example.org:5432/city`, PASSWORD],
    ['postgres://', `postgres://${USER}:${PASSWORD}@db.example.org/city?sslmode=require`, PASSWORD],
    ['no scheme', `${USER}:${PASSWORD}@db.example.org/city`, PASSWORD],
    ['a scheme without //', `postgresql:${USER}:${PASSWORD}@db.example.org/city`, PASSWORD],
    ['a scheme with one /', `postgresql:/${USER}:${PASSWORD}@db.example.org/city`, PASSWORD],
    ['an unencoded / in the password', `postgresql://${USER}:${PASSWORD}/x@db.example.org/city`, `${PASSWORD}/x`],
    ['an unencoded # in the password', `postgresql://${USER}:${PASSWORD}#x@db.example.org/city`, `${PASSWORD}#x`],
    ['an unencoded @ in the password', `postgresql://${USER}:${PASSWORD}@x@db.example.org/city`, `${PASSWORD}@x`],
    ['a misspelt scheme', `pgsql://${USER}:${PASSWORD}@db.example.org/city`, PASSWORD],
  ])('finds the user name and password of %s and removes them from any text', (_form, url, password) => {
    const redact = secretRedactor(connectionStringSecrets(url));
    const text = `connect failed for ${url}: password authentication failed for user "${USER}" (password ${password}, encoded ${encodeURIComponent(password)})`;
    const out = redact(text);
    expect(out).not.toContain(password);
    expect(out).not.toContain(encodeURIComponent(password));
    expect(out).not.toContain(PASSWORD);
    expect(out).not.toMatch(new RegExp(`\\b${USER}\\b`));
    expect(out).toContain(REDACTED);
  });

  it('finds credentials given as query parameters, and percent-encoded ones in either form', () => {
    const secrets = connectionStringSecrets('postgresql://db.example.org/city?user=reader&password=p%40ss%2Fword');
    expect(secrets.users).toContain('reader');
    expect(secrets.passwords).toEqual(expect.arrayContaining(['p%40ss%2Fword', 'p@ss/word']));
    const redact = secretRedactor(secrets);
    expect(redact('user reader, password p@ss/word or p%40ss%2Fword')).toBe(`user ${REDACTED}, password ${REDACTED} or ${REDACTED}`);
  });

  it('takes PGUSER, PGPASSWORD and the pseudonym key from the environment', () => {
    const env = { DATABASE_URL: 'postgresql://db.example.org/city', PGUSER: 'pguser1', PGPASSWORD: 'pgpass-99', CATALOG_PSEUDONYM_KEY: 'k'.repeat(40) };
    const secrets = environmentSecrets(env);
    expect(secrets.users).toEqual(['pguser1']);
    expect(secrets.passwords).toEqual(expect.arrayContaining(['pgpass-99', 'k'.repeat(40)]));
    expect(redactSecrets(`role "pguser1" with pgpass-99 and ${'k'.repeat(40)}`, env)).toBe(`role "${REDACTED}" with ${REDACTED} and ${REDACTED}`);
  });

  it('redacts a user name only where it stands as a word, so a common name does not eat other words', () => {
    const redact = secretRedactor({ passwords: [], users: ['postgres'] });
    expect(redact('postgresql://host/db as "postgres"')).toBe(`postgresql://host/db as "${REDACTED}"`);
  });

  it('redacts a password even inside a longer word, and a very short one only where it stands alone', () => {
    expect(secretRedactor({ passwords: ['hunter2'], users: [] })('xxhunter2yy')).toBe(`xx${REDACTED}yy`);
    expect(secretRedactor({ passwords: ['ab'], users: [] })('table ab, about')).toBe(`table ${REDACTED}, about`);
  });

  it('changes nothing when there is no secret', () => {
    expect(redactSecrets('nothing to hide', {})).toBe('nothing to hide');
  });
});
