import type pg from 'pg';

/** Tables whose name matches the requested one but for case, so "no such table" can say what was meant. */
export async function findSimilarTables(client: pg.Client, schema: string, table: string): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT format('%I.%I', n.nspname, c.relname) AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE lower(n.nspname) = lower($1) AND lower(c.relname) = lower($2) AND c.relkind IN ('r', 'v', 'm', 'p', 'f')
      ORDER BY 1 LIMIT 3`,
    [schema, table],
  );
  return rows.map((r) => r.name);
}
