import { describe, expect, it } from 'vitest';
import { classifyDatabaseError, describeDatabaseError } from './database-errors.ts';

const pgError = (code: string, message = 'server text quoting a value: 123-45-6789') => Object.assign(new Error(message), { code });

describe('database errors, for people', () => {
  it.each([
    ['the server shut down (57P01)', pgError('57P01')],
    ['a crash of another server process (57P02)', pgError('57P02')],
    ['a broken connection (class 08)', pgError('08006')],
    ['a reset socket', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['pg: connection terminated', new Error('Connection terminated unexpectedly')],
    ['pg: a client that is not queryable', new Error('Client has encountered a connection error and is not queryable')],
  ])('treat %s as a lost connection', (_what, error) => {
    expect(classifyDatabaseError(error)).toBe('connection-lost');
    expect(describeDatabaseError(error, { dataset: 'street-trees', relation: 'parks.trees' })).toMatch(/^the database stopped answering while reading street-trees \(/);
  });

  it('say a lock wait ran out with the table, not the server text', () => {
    const error = pgError('55P03', 'canceling statement due to lock timeout');
    expect(classifyDatabaseError(error)).toBe('lock-timeout');
    expect(describeDatabaseError(error, { dataset: 'street-trees', relation: 'parks.trees' })).toMatch(
      /^waiting for a lock held by another session on parks\.trees took longer than the lock timeout, so street-trees was not read\./,
    );
  });

  it('describe any other error by SQLSTATE and plain cause, never with the server text', () => {
    const text = describeDatabaseError(pgError('22P02'), { dataset: 'street-trees', relation: 'parks.trees' });
    expect(text).toBe('the database refused to read parks.trees for street-trees: a value could not be converted to the type asked for (SQLSTATE 22P02).');
    expect(describeDatabaseError(pgError('53999'), { dataset: 'x' })).toContain('the server ran out of a resource (disk, memory or connections) (SQLSTATE 53999)');
    expect(text).not.toContain('123-45-6789');
  });
});
