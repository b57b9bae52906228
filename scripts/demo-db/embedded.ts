import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { Logger } from '../lib/effects.ts';
import { demoDatabaseSql } from './demo-sql.ts';

export interface EmbeddedDatabase {
  connectionString: string;
  label: string;
  stop(): Promise<void>;
}

/**
 * Starts PGlite in this process, loads the demo database and serves it over the PostgreSQL wire
 * protocol on a free loopback port, so the snapshot code talks to it with `pg` exactly as it
 * talks to a real server (cursors and COPY included).
 */
export async function startEmbeddedDatabase(options: { scale?: number; log: Logger; sql?: readonly string[] }): Promise<EmbeddedDatabase> {
  const { scale = 1, log } = options;
  const started = Date.now();
  log.info(`Starting the embedded demo database (scale ${scale})…`);
  const db = await PGlite.create();
  for (const statement of options.sql ?? demoDatabaseSql({ scale })) await db.exec(statement);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 });
  await server.start();
  // After start() the server reports the port the OS assigned for port 0.
  const port = server.getServerConn().split(':').pop();
  log.info(`Embedded demo database ready in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return {
    connectionString: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    label: 'the embedded demo database',
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}
