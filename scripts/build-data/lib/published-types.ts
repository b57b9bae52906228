import type pg from 'pg';
import type { Field } from '../../../src/schemas/field.ts';

/**
 * The SQL type of each published column as the published query returns it (after transforms,
 * through views and domains): the base type's name (`pg_type.typname`) and its modifier, e.g.
 * `numeric` with the precision and scale of `numeric(12,2)`. The field dictionary's types are
 * coarser (`number` covers numeric, real and double precision; `datetime` covers timestamps with
 * and without time zone); a typed format such as Parquet needs the exact one.
 */
export interface SqlType {
  name: string;
  /** `pg_attribute.atttypmod`: -1 when the type has no modifier. */
  typmod: number;
}

/** Precision and scale of a `numeric(p,s)` modifier, or null for a numeric without one. */
export function numericPrecisionScale(typmod: number): { precision: number; scale: number } | null {
  if (typmod < 4) return null;
  const packed = typmod - 4;
  return { precision: (packed >> 16) & 0xffff, scale: packed & 0xffff };
}

/** The modifier of `numeric(precision, scale)`. */
export function numericTypmod(precision: number, scale: number): number {
  return ((precision << 16) | scale) + 4;
}

/**
 * The published columns' SQL types: described by the server, plus what a transform guarantees
 * that the description cannot say (a `generalize: decimals` rounding returns a numeric without a
 * declared scale, yet every value has exactly that many decimals, so it is a numeric(38, decimals)).
 */
export async function publishedSqlTypes(client: pg.Client, fields: readonly Field[], publishedQuery: string): Promise<SqlType[]> {
  const described = await describePublishedTypes(client, publishedQuery);
  return described.map((type, i) => {
    const decimals = fields[i]?.transform?.method === 'generalize' ? fields[i].transform.decimals : undefined;
    return type.name === 'numeric' && type.typmod < 0 && decimals !== undefined ? { name: 'numeric', typmod: numericTypmod(38, decimals) } : type;
  });
}

/**
 * Describes the published query without running it (`LIMIT 0`: the server plans it and sends the
 * row description only). Domains are resolved to their base type and modifier.
 */
export async function describePublishedTypes(client: pg.Client, query: string): Promise<SqlType[]> {
  const described = await client.query({ text: `SELECT * FROM (${query}) AS published LIMIT 0`, rowMode: 'array' });
  const oids = [...new Set(described.fields.map((f) => f.dataTypeID))];
  const { rows } = await client.query<{ oid: number; name: string; typmod: number }>(
    `SELECT t.oid::int AS oid, COALESCE(base.typname, t.typname)::text AS name, CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE -1 END AS typmod
       FROM pg_type t LEFT JOIN pg_type base ON t.typtype = 'd' AND base.oid = t.typbasetype
      WHERE t.oid = ANY($1::oid[])`,
    [oids],
  );
  const byOid = new Map(rows.map((r) => [r.oid, r]));
  return described.fields.map((f) => {
    const type = byOid.get(f.dataTypeID);
    if (!type) throw new Error(`internal: the published column ${f.name} has a type (oid ${f.dataTypeID}) missing from pg_type`);
    return { name: type.name, typmod: f.dataTypeModifier >= 0 ? f.dataTypeModifier : type.typmod };
  });
}
