import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/shared/cli-error.ts';
import { checkDatabaseUrl } from './database-url.ts';

function refusal(url: string): CliError {
  try {
    checkDatabaseUrl(url);
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error(`${url} was accepted`);
}

describe('reading DATABASE_URL', () => {
  it.each([
    ['postgresql://reader:pw@db.example.org:5432/city', 'postgresql://db.example.org:5432/city'],
    ['postgres://reader:pw@db.example.org/city?sslmode=require', 'postgresql://db.example.org/city'],
    ['POSTGRESQL://reader@db.example.org/city', 'postgresql://db.example.org/city'],
    ['postgresql://reader:p%2Fw%23d%40x@db.example.org/city', 'postgresql://db.example.org/city'],
    ['postgresql://reader:p@ss@db.example.org/city', 'postgresql://db.example.org/city'],
    ['postgresql:///city?host=/var/run/postgresql', 'postgresql:///var/run/postgresql/city'],
  ])('accepts %s and describes it as %s', (url, label) => {
    expect(checkDatabaseUrl(url).label).toBe(label);
  });

  it.each([
    ['reader:s3cret@db.example.org/city', 'it does not start with postgresql:// (a form like user:password@host/database is not a URL).'],
    ['postgresql:reader:s3cret@db.example.org/city', '"postgresql:" must be followed by "//"'],
    ['postgresql:/reader:s3cret@db.example.org/city', '"postgresql:" must be followed by "//"'],
    ['postgresql://reader:s3/cret@db.example.org/city', 'must be percent-encoded'],
    ['postgresql://reader:s3#cret@db.example.org/city', 'must be percent-encoded'],
    ['postgresql://reader:1234/s3cret@db.example.org/city', 'must be percent-encoded'],
    ['postgresql://reader:s3%zzcret@db.example.org/city', 'not followed by two hexadecimal digits'],
    ['postgresql://db.example.org:port/city', 'must be percent-encoded'],
    ['https://reader:s3cret@db.example.org/city', 'it does not start with postgresql://'],
  ])('refuses %s with exit 2, without repeating it', (url, reason) => {
    const error = refusal(url);
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain(reason);
    expect(error.message).toContain('Accepted forms:');
    expect(error.message).not.toContain('s3');
    expect(error.message).not.toContain('reader');
  });
});
