import net from 'node:net';
import type { Readable } from 'node:stream';
import type pg from 'pg';

/**
 * Ending a `COPY … TO STDOUT` that is still streaming when the snapshot has to stop (the disk is
 * full, personal data was found, a worker failed). Until the server says the COPY is over, the
 * connection answers nothing else: a `ROLLBACK TO SAVEPOINT` sent now would wait forever behind
 * rows nobody reads. So the rest of the COPY is read and thrown away while a cancel request (the
 * protocol's CancelRequest, on a separate connection, as psql's Ctrl-C sends it) asks the server to
 * stop; the server then ends the COPY with an error (57014) and the connection is ready again.
 * If neither happens in time (a server that ignores cancel requests), the connection is discarded;
 * the caller must not use it again.
 * https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-CANCELING-REQUESTS
 */

/** How long the COPY may take to end after the cancel request before its connection is discarded. */
export const COPY_STOP_TIMEOUT_MS = 15_000;

type ClientInternals = pg.Client & {
  processID?: number | null;
  secretKey?: number | null;
  host?: string;
  port?: number;
  _queryable?: boolean;
  _ending?: boolean;
  connection?: { stream?: { destroy(): void } };
};

/** False once a connection broke, was ended, or was discarded: no query can be sent on it. */
export function isUsable(client: pg.Client): boolean {
  const c = client as ClientInternals;
  return c._queryable !== false && c._ending !== true;
}

/** Drops a connection at once (its socket is destroyed; `pg` fails whatever it was doing). */
export function discardConnection(client: pg.Client): void {
  (client as ClientInternals).connection?.stream?.destroy();
}

/** Sends a CancelRequest for the query running on `client`'s server session; never throws, gives up after a few seconds. */
export function sendCancelRequest(client: pg.Client, timeoutMs = 5_000): Promise<void> {
  const { processID, secretKey, host, port } = client as ClientInternals;
  if (typeof processID !== 'number' || typeof secretKey !== 'number') return Promise.resolve();
  return new Promise((resolve) => {
    const socket = host?.startsWith('/') ? net.connect(`${host}/.s.PGSQL.${port}`) : net.connect(port ?? 5432, host ?? 'localhost');
    const done = () => {
      socket.destroy();
      resolve();
    };
    socket.setTimeout(timeoutMs, done);
    socket.on('error', done);
    socket.on('close', done);
    socket.on('connect', () => {
      // Length 16, the cancel request code 80877102, the backend's process id and secret key.
      const packet = Buffer.alloc(16);
      packet.writeInt32BE(16, 0);
      packet.writeInt32BE(80877102, 4);
      packet.writeInt32BE(processID, 8);
      packet.writeInt32BE(secretKey, 12);
      // The server closes the connection once it has read the request.
      socket.end(packet);
    });
  });
}

/**
 * Ends a COPY stream that its reader stopped reading: reads and drops the rest while the server
 * is asked to cancel. Resolves 'ended' once the connection can take the next query, or
 * 'discarded' when it had to be dropped. Never throws.
 */
export async function stopCopy(client: pg.Client, stream: Readable, timeoutMs = COPY_STOP_TIMEOUT_MS): Promise<'ended' | 'discarded'> {
  if (!isUsable(client)) return 'discarded';
  if (stream.readableEnded || stream.destroyed || stream.errored) return 'ended';
  const finished = new Promise<void>((resolve) => {
    stream.once('end', resolve);
    stream.once('error', () => resolve());
    stream.once('close', resolve);
  });
  stream.on('data', () => {});
  stream.resume();
  // A 'readable' listener just removed (by the reader's async iterator) may still hold the stream paused until the next tick.
  setImmediate(() => stream.resume());
  void sendCancelRequest(client);
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    finished.then(() => 'ended' as const),
    new Promise<'discarded'>((resolve) => {
      timer = setTimeout(() => resolve('discarded'), timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  if (outcome === 'discarded') discardConnection(client);
  return isUsable(client) ? outcome : 'discarded';
}
