import type pg from 'pg';
import { parseSync } from 'libpg-query';
import { formatRelationName } from '../../../src/schemas/relation-name.ts';
import { SYSTEM_SCHEMAS } from '../../lib/never-read.ts';
import { readsByName } from '../../../src/shared/row-filter.ts';

/**
 * Everything a source reads, from the database's own records: for a view or materialised view the
 * relations and functions its rewrite rule depends on (`pg_depend` on `pg_rewrite`), recursively
 * through nested views; for a function whose body PostgreSQL records (SQL functions written with
 * `BEGIN ATOMIC`), what that body depends on; for any table, its partitions and inheritance
 * children (reading a parent reads them). Reads only the system catalogs, never a row.
 *
 * PostgreSQL does not record dependencies on its own built-in ("pinned") objects, so each view's
 * definition (`pg_get_viewdef`) is also parsed: a built-in function that reads by name
 * (query_to_xml, table_to_xml, …) or a system catalog it reads is found there.
 */

export type ReadKind = 'table' | 'partitioned table' | 'view' | 'materialised view' | 'foreign table' | 'partition' | 'inheritance child' | 'function' | 'system relation';

export interface ReadObject {
  kind: ReadKind;
  schema: string;
  name: string;
  /** The object through which it is read (a view, a parent table, a function), as `schema.name`; absent for the source itself. */
  via?: string;
  /** A function whose body PostgreSQL does not record (plpgsql, C, SQL with a string body): what it reads cannot be checked. */
  opaque?: boolean;
}

export interface ReadClosure {
  source: ReadObject;
  /** Everything read besides the source itself, each once, in the order found. */
  reads: ReadObject[];
  /** Built-in functions the views call that read relations, files or settings by name (PostgreSQL records nothing of what they read). */
  byNameFunctions: { name: string; via: string }[];
}

const RELKINDS: Record<string, ReadKind> = { r: 'table', p: 'partitioned table', v: 'view', m: 'materialised view', f: 'foreign table' };

interface RelationRow {
  oid: number;
  schema: string;
  name: string;
  relkind: string;
}

const qualified = (o: { schema: string; name: string }) => formatRelationName({ schema: o.schema, table: o.name });

/** The closure of `schema.table`, or null when no such relation exists. */
export async function readClosure(client: pg.Client, schema: string, table: string): Promise<ReadClosure | null> {
  const found = await client.query<RelationRow>(
    `SELECT c.oid::int AS oid, n.nspname AS schema, c.relname AS name, c.relkind::text AS relkind
       FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'v', 'm', 'p', 'f')`,
    [schema, table],
  );
  const root = found.rows[0];
  if (!root) return null;
  const source: ReadObject = { kind: RELKINDS[root.relkind] ?? 'table', schema: root.schema, name: root.name };
  const closure: ReadClosure = { source, reads: [], byNameFunctions: [] };
  const seenRelations = new Set<number>([root.oid]);
  const seenFunctions = new Set<number>();
  const queue: { relation?: RelationRow; functionOid?: number; via: string }[] = [{ relation: root, via: qualified(source) }];

  const addRelation = (row: RelationRow, kind: ReadKind, via: string) => {
    if (seenRelations.has(row.oid)) return;
    seenRelations.add(row.oid);
    closure.reads.push({ kind, schema: row.schema, name: row.name, via });
    queue.push({ relation: row, via: qualified(row) });
  };
  const addFunctions = async (oids: readonly number[], via: string) => {
    const fresh = oids.filter((oid) => !seenFunctions.has(oid));
    if (fresh.length === 0) return;
    fresh.forEach((oid) => seenFunctions.add(oid));
    const { rows } = await client.query<{ oid: number; schema: string; name: string; recorded: boolean }>(
      `SELECT p.oid::int AS oid, n.nspname AS schema, p.proname AS name,
              (pg_catalog.to_jsonb(p) ->> 'prosqlbody') IS NOT NULL AS recorded
         FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
        WHERE p.oid = ANY ($1::oid[])`,
      [fresh],
    );
    for (const row of rows) {
      closure.reads.push({ kind: 'function', schema: row.schema, name: row.name, via, ...(row.recorded ? {} : { opaque: true }) });
      if (readsByName(row.name)) closure.byNameFunctions.push({ name: qualified(row), via });
      if (row.recorded) queue.push({ functionOid: row.oid, via: qualified(row) });
    }
  };

  while (queue.length > 0) {
    const item = queue.shift()!;
    if (item.relation) {
      const relation = item.relation;
      const here = qualified(relation);
      // Reading a parent reads its partitions and inheritance children.
      const children = await client.query<RelationRow>(
        `SELECT c.oid::int AS oid, n.nspname AS schema, c.relname AS name, c.relkind::text AS relkind
           FROM pg_catalog.pg_inherits i JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
          WHERE i.inhparent = $1 ORDER BY n.nspname, c.relname`,
        [relation.oid],
      );
      for (const child of children.rows) addRelation(child, relation.relkind === 'p' ? 'partition' : 'inheritance child', here);
      // A system view is refused as it is (never-read.ts); what it reads in turn adds nothing.
      if (relation.relkind !== 'v' && relation.relkind !== 'm') continue;
      if (SYSTEM_SCHEMAS.includes(relation.schema) && relation.oid !== root.oid) continue;
      const deps = await dependencies(
        client,
        `d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND d.objid IN (SELECT r.oid FROM pg_catalog.pg_rewrite r WHERE r.ev_class = $1)`,
        relation.oid,
      );
      for (const row of deps.relations) addRelation(row, RELKINDS[row.relkind] ?? 'table', here);
      await addFunctions(deps.functions, here);
      const { rows } = await client.query<{ definition: string | null }>('SELECT pg_catalog.pg_get_viewdef($1::oid) AS definition', [relation.oid]);
      const found = definitionReads(rows[0]?.definition ?? '');
      for (const name of found.builtinFunctions) if (readsByName(name)) closure.byNameFunctions.push({ name: `pg_catalog.${name}`, via: here });
      for (const name of found.systemRelations) {
        if (closure.reads.some((r) => r.schema === 'pg_catalog' && r.name === name)) continue;
        closure.reads.push({ kind: 'system relation', schema: 'pg_catalog', name, via: here });
      }
    } else if (item.functionOid !== undefined) {
      const deps = await dependencies(client, `d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND d.objid = $1`, item.functionOid);
      for (const row of deps.relations) addRelation(row, RELKINDS[row.relkind] ?? 'table', item.via);
      await addFunctions(deps.functions, item.via);
    }
  }
  return closure;
}

/** Relations and functions an object depends on (operators stand for the functions that implement them). */
async function dependencies(client: pg.Client, which: string, oid: number): Promise<{ relations: RelationRow[]; functions: number[] }> {
  const relations = await client.query<RelationRow>(
    `SELECT DISTINCT c.oid::int AS oid, n.nspname AS schema, c.relname AS name, c.relkind::text AS relkind
       FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_class c ON c.oid = d.refobjid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE ${which} AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.deptype = 'n' AND c.oid <> $1
        AND c.relkind IN ('r', 'v', 'm', 'p', 'f')
      ORDER BY 2, 3`,
    [oid],
  );
  const functions = await client.query<{ oid: number }>(
    `SELECT DISTINCT d.refobjid::int AS oid FROM pg_catalog.pg_depend d
      WHERE ${which} AND d.refclassid = 'pg_catalog.pg_proc'::pg_catalog.regclass
     UNION
     SELECT DISTINCT o.oprcode::oid::int FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_operator o ON o.oid = d.refobjid
      WHERE ${which} AND d.refclassid = 'pg_catalog.pg_operator'::pg_catalog.regclass`,
    [oid],
  );
  return { relations: relations.rows, functions: functions.rows.map((r) => r.oid) };
}

type AstNode = Record<string, unknown>;

/**
 * What a view's definition names that PostgreSQL's dependency records leave out: built-in
 * functions (called unqualified or as pg_catalog.…) and relations that are not the view's own CTEs
 * yet carry no schema (pg_get_viewdef qualifies every relation that is not in pg_catalog, since the
 * session's search_path is pg_catalog only), or sit in a system schema.
 */
export function definitionReads(definition: string): { builtinFunctions: string[]; systemRelations: string[] } {
  const functions = new Set<string>();
  const relations: { schema?: string; name: string }[] = [];
  const ctes = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== 'object') return;
    const node = value as AstNode;
    if (node.FuncCall) {
      const parts = ((node.FuncCall as AstNode).funcname as { String?: { sval?: string } }[] | undefined)?.map((p) => p.String?.sval ?? '') ?? [];
      if (parts.length === 1 || parts[0] === 'pg_catalog') functions.add(parts.at(-1)!);
    }
    if (node.RangeVar) {
      const range = node.RangeVar as { schemaname?: string; relname?: string };
      relations.push({ schema: range.schemaname, name: range.relname ?? '' });
    }
    if (node.CommonTableExpr) ctes.add((node.CommonTableExpr as { ctename?: string }).ctename ?? '');
    for (const child of Object.values(node)) visit(child);
  };
  if (definition.trim()) visit(parseSync(definition));
  const systemRelations = relations.filter((r) => (r.schema === undefined && !ctes.has(r.name)) || r.schema === 'pg_catalog').map((r) => r.name);
  return { builtinFunctions: [...functions].sort(), systemRelations: [...new Set(systemRelations)].sort() };
}
