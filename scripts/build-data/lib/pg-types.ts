import type { FieldType } from '../../../src/schemas/field.ts';

/**
 * PostgreSQL type → published field type, or a refusal saying why and what to do. One table, so the
 * drift check, the profile, the writers and catalog:add agree. Values are always taken as
 * PostgreSQL's own text output, never parsed into JavaScript values, so nothing is rounded or
 * shifted by the machine's time zone. `extremes` says whether the profile asks SQL for min/max
 * (PostgreSQL has no min/max for uuid, macaddr or bit strings).
 */
interface Publishable {
  field: FieldType;
  extremes: boolean;
}

const pgTypeToField: Record<string, Publishable> = {
  text: { field: 'string', extremes: true },
  varchar: { field: 'string', extremes: true },
  bpchar: { field: 'string', extremes: true }, // char(n): PostgreSQL pads with spaces; published as written.
  name: { field: 'string', extremes: true },
  citext: { field: 'string', extremes: true },
  char: { field: 'string', extremes: false }, // The one-byte internal "char".
  uuid: { field: 'string', extremes: false }, // Lower-case hex with dashes; no order worth showing.
  inet: { field: 'string', extremes: false }, // An address (with /prefix unless a single host): the scanner's ip-address detector reads it. min(inet)::text would add a /32 the data does not show.
  cidr: { field: 'string', extremes: false }, // A network, always with its /prefix.
  macaddr: { field: 'string', extremes: false },
  macaddr8: { field: 'string', extremes: false },
  bit: { field: 'string', extremes: false }, // 0s and 1s as text, e.g. 1010.
  varbit: { field: 'string', extremes: false },
  money: { field: 'string', extremes: true }, // Its text output depends on lc_monetary ("$1,234.50"): not a portable number; cast to numeric in a view for one.
  int2: { field: 'integer', extremes: true },
  int4: { field: 'integer', extremes: true },
  int8: { field: 'integer', extremes: true }, // Written verbatim into JSON, so values above 2^53 keep every digit.
  numeric: { field: 'number', extremes: true }, // Exact decimal text; never converted to a float on the way. NaN and Infinity stay strings in JSON.
  float4: { field: 'number', extremes: true },
  float8: { field: 'number', extremes: true },
  bool: { field: 'boolean', extremes: false },
  date: { field: 'date', extremes: true },
  timestamp: { field: 'datetime', extremes: true }, // Wall-clock time, published as written (no zone is invented).
  timestamptz: { field: 'datetime', extremes: true }, // Rendered in the session's TimeZone, which the connection sets to UTC.
  time: { field: 'time', extremes: true },
  timetz: { field: 'time', extremes: true }, // A time of day with its UTC offset as written (08:30:00+02): ISO 8601.
  interval: { field: 'duration', extremes: true }, // Published in ISO 8601 form (the session sets IntervalStyle = iso_8601).
};

/** Why a type is not published, and what a maintainer does instead (both in plain words). */
interface Refusal {
  reason: string;
  instead: string;
}

const jsonDocument: Refusal = {
  reason: 'one document can hold anything, and its keys are not described by the field dictionary',
  instead: "publish the keys you mean as columns of a view (payload->>'status' AS status)",
};

const refusals: Record<string, Refusal> = {
  json: jsonDocument,
  jsonb: jsonDocument,
  xml: { reason: 'one document can hold anything, and its parts are not described by the field dictionary', instead: 'publish the parts you mean as columns of a view (xpath(…) cast to text)' },
  bytea: {
    reason: 'binary data has no text form readers can use, and the personal-data scan cannot read it',
    instead: "describe the content in a text column, or, if the bytes really may be published, encode(column, 'base64') AS column in a view",
  },
  tsvector: { reason: 'it is a search index built from text, not data', instead: 'publish the text it was made from' },
  tsquery: { reason: 'it is a search query, not data', instead: 'publish what it stands for as text in a view' },
};

const refusedKinds: Record<string, Refusal> = {
  // typcategory A, typtype r / m / c, typcategory G
  array: {
    reason: 'a list in one cell cannot be described, checked or scanned value by value',
    instead: "join the elements into text in a view (array_to_string(column, '; ') AS column), or unnest them into rows",
  },
  range: { reason: 'a range is two values in one cell', instead: 'publish its bounds as two columns of a view (lower(column) AS column_from, upper(column) AS column_to)' },
  composite: { reason: 'it is a row inside a cell', instead: 'publish its fields as columns of a view ((column).field AS field)' },
  geometric: {
    reason: 'coordinates are often where a person is, and a shape in one cell cannot be checked value by value',
    instead: 'publish numbers in a view (column[0] AS longitude, column[1] AS latitude for a point) and round them with a generalize transform (decimals)',
  },
  other: { reason: 'the catalog has no open text encoding for it', instead: 'cast it in a view to text, a number or a date' },
};

/** What the system catalog says about a column's type (domains resolved to their base type). */
export interface PgTypeInfo {
  /** Base type name, `pg_type.typname`. */
  type: string;
  /** `pg_type.typtype` of the base type: b base, e enum, r range, m multirange, c composite, p pseudo. */
  kind?: string;
  /** `pg_type.typcategory` of the base type: A array, G geometric, … */
  category?: string;
}

export type TypeDecision = ({ publish: true } & Publishable) | ({ publish: false } & Refusal);

/** Publish (as which field type) or refuse (why, and what to do instead) a column of this type. */
export function typeDecision(info: PgTypeInfo | string): TypeDecision {
  const { type, kind, category } = typeof info === 'string' ? { type: info } : info;
  // An enum's labels are text; its own order gives the extremes.
  if (kind === 'e') return { publish: true, field: 'string', extremes: true };
  if (category === 'A' || type.startsWith('_')) return { publish: false, ...refusedKinds.array! };
  if (kind === 'r' || kind === 'm') return { publish: false, ...refusedKinds.range! };
  if (kind === 'c') return { publish: false, ...refusedKinds.composite! };
  if (category === 'G' || ['point', 'line', 'lseg', 'box', 'path', 'polygon', 'circle'].includes(type)) return { publish: false, ...refusedKinds.geometric! };
  const refusal = refusals[type];
  if (refusal) return { publish: false, ...refusal };
  const publishable = pgTypeToField[type];
  return publishable ? { publish: true, ...publishable } : { publish: false, ...refusedKinds.other! };
}

/**
 * The columns of the relation with oid `$1`, in order, with their base type (domains resolved,
 * however deeply nested) as `typeDecision` reads it: name, type, kind, category, and for people
 * the declared type (`display`), whether it may be empty and its comment. Reads the catalog only.
 */
export const COLUMNS_SQL = `
  WITH RECURSIVE resolved AS (
    SELECT a.attnum, a.atttypid AS typid, 0 AS depth
      FROM pg_catalog.pg_attribute a
     WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped
    UNION ALL
    SELECT r.attnum, t.typbasetype, r.depth + 1
      FROM resolved r JOIN pg_catalog.pg_type t ON t.oid = r.typid
     WHERE t.typtype = 'd' AND r.depth < 20
  ), base AS (
    SELECT DISTINCT ON (attnum) attnum, typid FROM resolved ORDER BY attnum, depth DESC
  )
  SELECT a.attname AS name, t.typname AS type, t.typtype::text AS kind, t.typcategory::text AS category,
         pg_catalog.format_type(a.atttypid, a.atttypmod) AS display, NOT a.attnotnull AS nullable,
         pg_catalog.col_description(a.attrelid, a.attnum) AS comment
    FROM pg_catalog.pg_attribute a
    JOIN base b ON b.attnum = a.attnum
    JOIN pg_catalog.pg_type t ON t.oid = b.typid
   WHERE a.attrelid = $1
   ORDER BY a.attnum`;

/** The published type for a live column type, or null for types we do not publish (json, arrays, bytea…). */
export function fieldTypeOf(info: PgTypeInfo | string): FieldType | null {
  const decision = typeDecision(info);
  return decision.publish ? decision.field : null;
}

/** Field types whose text output is a JSON number literal (NaN and ±Infinity excepted). */
export { numericFieldTypes } from '../../../src/shared/csv-value.ts';

/** Quoting lives with the row filter, which the metadata reader checks too. */
export { quoteIdent, quoteLiteral } from '../../../src/shared/sql-quote.ts';
