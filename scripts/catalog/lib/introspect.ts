import type pg from 'pg';
import { COLUMNS_SQL, type PgTypeInfo } from '../../build-data/lib/pg-types.ts';

/** What the database itself knows about one table or view, as catalog:add reads it. */
export interface TableDescription {
  schema: string;
  table: string;
  /** `COMMENT ON TABLE` text, or null. */
  comment: string | null;
  columns: ColumnDescription[];
  /** Primary-key column names in key order; empty for views and tables without one. */
  primaryKey: string[];
  /** For a view: what it reads, from the database's records, as `schema.name` (see read-closure.ts). */
  reads?: string[];
}

export interface ColumnDescription extends PgTypeInfo {
  name: string;
  /** Base type name (`pg_type.typname`, domains resolved), as `typeDecision` expects. */
  type: string;
  /** The type as PostgreSQL prints it (e.g. `character varying(80)`, `jsonb`), for people. */
  displayType: string;
  nullable: boolean;
  /** `COMMENT ON COLUMN` text, or null. */
  comment: string | null;
}

/**
 * Reads a relation's columns, primary key and comments from the system catalogs. Returns null when
 * the relation does not exist or the role cannot see it (the caller words the error).
 */
export async function describeTable(client: pg.Client, schema: string, table: string): Promise<TableDescription | null> {
  const relation = await client.query<{ oid: number; comment: string | null }>(
    `SELECT c.oid, obj_description(c.oid, 'pg_class') AS comment
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'v', 'm', 'p', 'f')`,
    [schema, table],
  );
  const row = relation.rows[0];
  if (!row) return null;
  const columns = await client.query<Omit<ColumnDescription, 'displayType'> & { display: string }>(COLUMNS_SQL, [row.oid]);
  // unnest WITH ORDINALITY keeps the key's column order, which may differ from the table's.
  const key = await client.query<{ name: string }>(
    `SELECT a.attname AS name
       FROM pg_index i
       CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position)
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
      WHERE i.indrelid = $1 AND i.indisprimary
      ORDER BY k.position`,
    [row.oid],
  );
  return {
    schema,
    table,
    comment: cleanComment(row.comment),
    columns: columns.rows.map(({ display, ...c }) => ({ ...c, displayType: display, comment: cleanComment(c.comment) })),
    primaryKey: key.rows.map((k) => k.name),
  };
}

function cleanComment(comment: string | null): string | null {
  const trimmed = comment?.trim();
  return trimmed ? trimmed : null;
}

/** `schema.table` as a maintainer types it: defined with the metadata format, which uses it for `source.reads`. */
export { parseRelationName } from '../../../src/schemas/relation-name.ts';
