import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { classifyDatabaseError, databaseErrorCause, DEBUG_SWITCH, describeDatabaseError, isDatabaseError } from './database-errors.ts';

/** A server error as the `pg` driver raises it, with every text field holding a planted value. */
function serverError(code: string, fields: Partial<Record<'column' | 'table', string>> = {}): pg.DatabaseError {
  const error = new pg.DatabaseError('invalid input syntax for type integer: "SECRET-MARKER-message"', 0, 'error');
  Object.assign(error, {
    code,
    severity: 'ERROR',
    detail: 'Key (id)=(SECRET-MARKER-detail) already exists.',
    hint: 'SECRET-MARKER-hint',
    where: 'PL/pgSQL function leak() line 3 at RAISE: SECRET-MARKER-where',
    ...fields,
  });
  return error;
}

const context = { dataset: 'complaints', file: 'src/content/datasets/complaints.yaml', source: 'hostile.complaints', step: 'streaming the rows', columns: ['id', 'body'], env: {} };

describe('errors from the database never carry data', () => {
  it('describes a failed cast by dataset, step, SQLSTATE and a plain cause, without the server text', () => {
    const message = describeDatabaseError(serverError('22P02'), context);
    expect(message).toBe(
      [
        'dataset complaints, src/content/datasets/complaints.yaml, source hostile.complaints: the database reported an error while streaming the rows: ' +
          'a value could not be converted to the type the query asks for (a cast or a comparison with a value of another type) (SQLSTATE 22P02 invalid_text_representation).',
        "Check the casts and functions in the row filter and in the view's definition against the data; cast or clean the column in a view, or fix the row filter.",
        `The server's own message is not shown because it can quote values from the data. To see it on your own machine, run again with ${DEBUG_SWITCH}=1 (never in CI).`,
      ].join('\n  '),
    );
    expect(message).not.toContain('SECRET-MARKER');
  });

  it('names a column only when it is one the dataset reads', () => {
    expect(describeDatabaseError(serverError('22003', { column: 'body' }), context)).toContain('while streaming the rows, column "body": a number was out of the range');
    expect(describeDatabaseError(serverError('22003', { column: 'ssn' }), context)).not.toContain('ssn');
  });

  it('falls back on the SQLSTATE class, and on a general cause for an unknown one', () => {
    expect(describeDatabaseError(serverError('2200G'), context)).toContain('a value in the data could not be processed (a data exception) (SQLSTATE 2200G)');
    expect(describeDatabaseError(serverError('P0001'), context)).toContain("a database function raised an error of its own (SQLSTATE P0001 raise_exception).\n  Read the function's definition");
    expect(describeDatabaseError(serverError('ZZ999'), context)).toContain('the database server reported an error (SQLSTATE ZZ999)');
  });

  it('shows the server text only with the debug switch, and never when CI is set', () => {
    const local = describeDatabaseError(serverError('22P02'), { ...context, env: { [DEBUG_SWITCH]: '1' } });
    expect(local).toContain('message: invalid input syntax for type integer: "SECRET-MARKER-message"');
    expect(local).toContain('detail: Key (id)=(SECRET-MARKER-detail) already exists.');
    const ci = describeDatabaseError(serverError('22P02'), { ...context, env: { [DEBUG_SWITCH]: '1', CI: 'true' } });
    expect(ci).not.toContain('SECRET-MARKER');
    expect(ci).toContain(`${DEBUG_SWITCH} is ignored because CI is set: CI logs are published.`);
  });

  it('passes on our own messages, which hold no data, and says a lost connection the way the runbook does', () => {
    expect(isDatabaseError(new Error('Connection terminated unexpectedly'))).toBe(false);
    expect(describeDatabaseError(new Error('the worker thread stopped'), context)).toBe(
      'dataset complaints, src/content/datasets/complaints.yaml, source hostile.complaints: the worker thread stopped (while streaming the rows)',
    );
    expect(describeDatabaseError(new Error('Connection terminated unexpectedly'), context)).toBe(
      'the database stopped answering while reading complaints (the connection to the server broke, streaming the rows). Check that the server is running and reachable, then rerun: the published versions are unchanged.',
    );
  });
});

const pgError = (code: string, message = 'server text quoting a value: 123-45-6789') => Object.assign(new Error(message), { code, severity: 'FATAL' });

describe('a lost connection and a lock wait, for the run', () => {
  it.each([
    ['the server shut down (57P01)', pgError('57P01')],
    ['a crash of another server process (57P02)', pgError('57P02')],
    ['a broken connection (class 08)', pgError('08006')],
    ['a reset socket', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['pg: connection terminated', new Error('Connection terminated unexpectedly')],
    ['pg: a client that is not queryable', new Error('Client has encountered a connection error and is not queryable')],
  ])('treat %s as a lost connection: "the database stopped answering while reading <dataset>"', (_what, error) => {
    expect(classifyDatabaseError(error)).toBe('connection-lost');
    const message = describeDatabaseError(error, { dataset: 'street-trees', source: 'parks.trees' });
    expect(message).toMatch(/^the database stopped answering while reading street-trees \(/);
    expect(message).not.toContain('123-45-6789');
  });

  it('say a lock wait ran out with the table, not the server text', () => {
    const error = pgError('55P03', 'canceling statement due to lock timeout');
    expect(classifyDatabaseError(error)).toBe('lock-timeout');
    expect(describeDatabaseError(error, { dataset: 'street-trees', source: 'parks.trees' })).toMatch(
      /^waiting for a lock held by another session on parks\.trees took longer than the lock timeout, so street-trees was not read\./,
    );
  });

  it('name the cause of any other SQLSTATE in one phrase, for connection messages', () => {
    expect(databaseErrorCause(pgError('28P01'))).toBe('the password was refused (SQLSTATE 28P01)');
    expect(databaseErrorCause(pgError('53999'))).toBe('the database server ran out of resources (SQLSTATE 53999)');
    expect(classifyDatabaseError(pgError('22P02'))).toBe('other');
  });
});
