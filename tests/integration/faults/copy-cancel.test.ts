import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { stopCopy } from '../../../scripts/build-data/lib/copy-cancel.ts';
import { copyOut } from '../../../scripts/build-data/lib/copy-out-stream.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/postgres.ts';

/**
 * The mechanism under every clean stop of a streaming dataset: a COPY whose reader stopped reading
 * is cancelled and drained, and the connection answers the next statement (the rollback to the
 * dataset's savepoint) instead of waiting forever behind rows nobody reads.
 */
describe('stopping a COPY that is still streaming', () => {
  let db: TestDatabase;
  let client: pg.Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end().catch(() => {});
    await db?.drop();
  });

  it('cancels it, and the same connection rolls back to its savepoint and goes on', async () => {
    await client.query('BEGIN');
    await client.query('SAVEPOINT dataset');
    // Far more rows than are read: 50 million would take minutes to stream to the end (a set-returning
    // function in the select list streams; in FROM it would be computed whole first).
    const stream = client.query(copyOut('COPY (SELECT g, repeat(md5(g::text), 4) FROM (SELECT generate_series(1, 50000000) AS g) AS s) TO STDOUT'));
    stream.on('error', () => {});
    const chunks = stream.iterator({ destroyOnReturn: false });
    for (let i = 0; i < 3; i++) await chunks.next();
    await chunks.return?.();
    const started = Date.now();
    expect(await stopCopy(client, stream)).toBe('ended');
    expect(Date.now() - started).toBeLessThan(10_000);
    await client.query('ROLLBACK TO SAVEPOINT dataset');
    expect((await client.query('SELECT 42 AS answer')).rows).toEqual([{ answer: 42 }]);
    await client.query('COMMIT');
  });

  it('says the connection is gone when it was discarded, and never throws', async () => {
    const other = new pg.Client({ connectionString: db.url });
    other.on('error', () => {});
    await other.connect();
    const stream = other.query(copyOut('COPY (SELECT generate_series(1, 50000000) AS g) TO STDOUT'));
    stream.on('error', () => {});
    const chunks = stream.iterator({ destroyOnReturn: false });
    await chunks.next();
    await chunks.return?.();
    // A server that ignores the cancel request: the wait is bounded, then the connection is dropped.
    expect(await stopCopy(other, stream, 0)).toBe('discarded');
    await other.end().catch(() => {});
  });
});
