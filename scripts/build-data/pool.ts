import type pg from 'pg';
import type { Logger } from '../lib/effects.ts';

/**
 * Datasets in parallel over a bounded number of connections that all read ONE database snapshot.
 * The first connection starts the read-only REPEATABLE READ transaction and exports its snapshot
 * (`pg_export_snapshot()`); every other connection imports it with `SET TRANSACTION SNAPSHOT`
 * before its first query, so all of them see exactly the same committed data, as one transaction
 * would (https://www.postgresql.org/docs/current/functions-admin.html#FUNCTIONS-SNAPSHOT-SYNCHRONIZATION).
 * The exporting transaction stays open until every worker is done, which keeps the snapshot valid.
 */

export const BEGIN_SNAPSHOT = 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY';

export interface SnapshotWorkers {
  /** The connections, each inside a transaction on the shared snapshot. */
  clients: pg.Client[];
  /** Ends every transaction (read-only: COMMIT and ROLLBACK are the same) and closes the extra connections. */
  finish(): Promise<void>;
}

/**
 * Opens the shared snapshot on `first` and up to `jobs - 1` more connections from `connect`.
 * A connection that cannot be opened is left out (the run goes on with fewer workers).
 */
export async function openSnapshotWorkers(first: pg.Client, jobs: number, connect: (() => Promise<pg.Client>) | null, log: Logger): Promise<SnapshotWorkers> {
  await first.query(BEGIN_SNAPSHOT);
  const clients = [first];
  const extra: pg.Client[] = [];
  if (jobs > 1 && connect) {
    const { rows } = await first.query<{ id: string }>('SELECT pg_export_snapshot() AS id');
    const snapshot = rows[0]!.id;
    for (let i = 1; i < jobs; i++) {
      let client: pg.Client;
      try {
        client = await connect();
      } catch (error) {
        log.warn(`could not open snapshot connection ${i + 1} of ${jobs} (${(error as Error).message}); going on with ${clients.length}.`);
        break;
      }
      extra.push(client);
      // SET TRANSACTION SNAPSHOT must be the first statement of the transaction; the id is the
      // server's own output (hex digits and dashes), never user input.
      await client.query(BEGIN_SNAPSHOT);
      await client.query(`SET TRANSACTION SNAPSHOT '${snapshot.replaceAll("'", "''")}'`);
      clients.push(client);
    }
  }
  return {
    clients,
    finish: async () => {
      for (const client of [...clients].reverse()) await client.query('COMMIT').catch(() => {});
      await Promise.all(extra.map((client) => client.end().catch(() => {})));
    },
  };
}

/**
 * Runs `task` over `items` with one worker per entry of `workers`, each taking the next item when
 * it is free; results come back in the order of `items`. A task should not throw (per-item
 * failures are its result); if one does, the pool stops handing out items and rethrows.
 */
export async function runPool<W, T, R>(workers: readonly W[], items: readonly T[], task: (worker: W, item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  await Promise.all(
    workers.map(async (worker) => {
      while (!failed && next < items.length) {
        const index = next++;
        try {
          results[index] = await task(worker, items[index]!, index);
        } catch (error) {
          failed = true;
          throw error;
        }
      }
    }),
  );
  return results;
}
