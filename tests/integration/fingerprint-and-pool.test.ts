import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { buildData } from '../../scripts/build-data/build.ts';
import { openSnapshotWorkers } from '../../scripts/build-data/pool.ts';
import { listVersions } from '../../src/shared/snapshot-store.ts';
import type { DatasetOutcome } from '../../scripts/build-data/snapshot-dataset.ts';
import { generatedMetadata, metadataTemplate, workspaceWithMetadata } from '../helpers/generated-metadata.ts';
import { createTestDatabase, runStatements, type TestDatabase } from '../helpers/postgres.ts';
import { recordingLogger, TEST_PSEUDONYM_KEY, testEffects } from '../helpers/workspace.ts';

const columns = [
  ['id', 'integer'],
  ['name', 'string'],
  ['amount', 'number'],
] as const;

describe('no-change fingerprint and parallel snapshot workers', () => {
  let db: TestDatabase;
  let root: string;
  const log = recordingLogger();
  let day = 1;

  /** Writes through a connection of its own and waits until the server's counters show the change. */
  async function write(statements: string[]): Promise<void> {
    const before = await counters();
    const client = new pg.Client(db.url);
    await client.connect();
    await runStatements(client, statements);
    await client.end(); // a backend flushes its statistics when it exits
    for (let i = 0; i < 100 && (await counters()) === before; i++) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  async function counters(): Promise<string> {
    const { rows } = await db.client.query<{ c: string | null }>(`SELECT string_agg(relname || n_tup_ins || '/' || n_tup_upd || '/' || n_tup_del, ',' ORDER BY relname) AS c FROM pg_stat_user_tables`);
    await db.client.query('SELECT pg_stat_clear_snapshot()');
    return String(rows[0]!.c);
  }
  async function run(args: string[] = []): Promise<DatasetOutcome[]> {
    const now = new Date(`2026-12-${String(day++).padStart(2, '0')}T12:00:00Z`);
    return buildData(['--jobs', '3', ...args], testEffects(root, log, now), { DATABASE_URL: db.url, CATALOG_PSEUDONYM_KEY: TEST_PSEUDONYM_KEY });
  }
  const byId = (outcomes: DatasetOutcome[]) => Object.fromEntries(outcomes.map((o) => [o.id, o]));

  beforeAll(async () => {
    db = await createTestDatabase();
    await runStatements(db.client, [
      'CREATE SCHEMA shop',
      ...['items', 'parts', 'tools'].flatMap((t) => [
        `CREATE TABLE shop.${t} (id integer PRIMARY KEY, name text, amount numeric(8,2))`,
        `INSERT INTO shop.${t} SELECT g, '${t} ' || g, g * 1.5 FROM generate_series(1, 200) AS g`,
      ]),
      'CREATE VIEW shop.cheap_items AS SELECT id, name, amount FROM shop.items WHERE amount < 100',
    ]);
    const template = await metadataTemplate();
    root = await workspaceWithMetadata([
      ...['items', 'parts', 'tools'].map((table) => generatedMetadata(template, { id: table, schema: 'shop', table, columns })),
      generatedMetadata(template, { id: 'cheap-items', schema: 'shop', table: 'cheap_items', columns, extra: { source: { schema: 'shop', table: 'cheap_items', reads: ['shop.items'] } } }),
    ]);
    await write(['ANALYZE shop.items']);
  });
  afterAll(async () => {
    await db?.drop();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('publishes every dataset on the first run and records a fingerprint for tables, none for the view', async () => {
    const outcomes = byId(await run());
    for (const id of ['items', 'parts', 'tools', 'cheap-items']) expect(outcomes[id]?.status, id).toBe('new-version');
    expect((await listVersions(root, 'items'))[0]?.fingerprint?.value).toMatch(/^[0-9a-f]{64}$/);
    expect((await listVersions(root, 'cheap-items'))[0]?.fingerprint).toBeUndefined();
  });

  it('skips unchanged tables without reading them, and always snapshots the view in full', async () => {
    const outcomes = byId(await run());
    for (const id of ['items', 'parts', 'tools']) {
      expect(outcomes[id], id).toMatchObject({ status: 'unchanged', fingerprintMatched: true, rowCount: 200 });
    }
    expect(outcomes['cheap-items']).toMatchObject({ status: 'unchanged' });
    expect(outcomes['cheap-items']?.fingerprintMatched).toBeUndefined();
    expect(log.lines.some((l) => l.includes("cheap-items: full snapshot (no cheap fingerprint: relation kind 'v'"))).toBe(true);
  });

  it('re-snapshots a table after a change and publishes the new data', async () => {
    await write([`UPDATE shop.items SET name = 'renamed' WHERE id = 7`]);
    const outcomes = byId(await run());
    expect(outcomes.items).toMatchObject({ status: 'new-version' });
    expect(outcomes.items?.fingerprintMatched).toBeUndefined();
    expect(outcomes.parts).toMatchObject({ status: 'unchanged', fingerprintMatched: true });
    // The view reads the changed table: it has no fingerprint, so its change is published too.
    expect(outcomes['cheap-items']).toMatchObject({ status: 'new-version' });
    const latest = (await listVersions(root, 'items')).at(-1)!;
    expect(latest.preview.find((row) => row[0] === '7')?.[1]).toBe('renamed');
  });

  it('after a change and its undo: full snapshot, no new version, and the new fingerprint is remembered', async () => {
    const before = (await listVersions(root, 'parts')).at(-1)!;
    await write([`UPDATE shop.parts SET name = 'x' WHERE id = 1`, `UPDATE shop.parts SET name = 'parts 1' WHERE id = 1`]);
    const parts = byId(await run()).parts;
    expect(parts?.status).toBe('unchanged');
    expect(parts?.fingerprintMatched).toBeUndefined();
    const after = await listVersions(root, 'parts');
    expect(after).toHaveLength(1);
    expect(after[0]!.contentHash).toBe(before.contentHash);
    expect(after[0]!.fingerprint?.value).not.toBe(before.fingerprint?.value);
    expect(byId(await run()).parts).toMatchObject({ status: 'unchanged', fingerprintMatched: true });
  });

  it('--full ignores fingerprints', async () => {
    const outcomes = await run(['--full']);
    expect(outcomes.every((o) => o.status === 'unchanged' && !o.fingerprintMatched)).toBe(true);
  });

  it('a TRUNCATE and reload of the same rows is not mistaken for no change', async () => {
    await write(['TRUNCATE shop.tools', `INSERT INTO shop.tools SELECT g, 'tools ' || g, g * 1.5 FROM generate_series(1, 200) AS g`]);
    const outcome = byId(await run()).tools;
    expect(outcome?.fingerprintMatched).toBeUndefined();
    expect(outcome?.status).toBe('unchanged');
  });

  it('a failing dataset stops only itself when datasets run in parallel', async () => {
    await write(['ALTER TABLE shop.parts RENAME COLUMN name TO label', `UPDATE shop.items SET amount = 1 WHERE id = 1`, `UPDATE shop.tools SET amount = 1 WHERE id = 1`]);
    const versions = async (id: string) => (await listVersions(root, id)).length;
    const before = { items: await versions('items'), tools: await versions('tools') };
    await expect(run()).rejects.toMatchObject({ exitCode: 4, message: expect.stringContaining('- parts: The table no longer matches its metadata (schema drift)') });
    expect(await versions('items')).toBe(before.items + 1);
    expect(await versions('tools')).toBe(before.tools + 1);
    expect(await versions('parts')).toBe(1);
  });

  it('every worker connection reads the one exported snapshot', async () => {
    const first = new pg.Client(db.url);
    await first.connect();
    const extra: pg.Client[] = [];
    const connect = async () => {
      const client = new pg.Client(db.url);
      await client.connect();
      extra.push(client);
      return client;
    };
    const workers = await openSnapshotWorkers(first, 3, connect, recordingLogger());
    try {
      expect(workers.clients).toHaveLength(3);
      await write([`INSERT INTO shop.items VALUES (1000, 'late', 1)`]);
      const counts = await Promise.all(workers.clients.map(async (c) => (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM shop.items')).rows[0]!.n));
      expect(counts).toEqual([200, 200, 200]);
      const fresh = await db.client.query<{ n: number }>('SELECT count(*)::int AS n FROM shop.items');
      expect(fresh.rows[0]!.n).toBe(201);
    } finally {
      await workers.finish();
      await first.end();
    }
  });
});
