import type pg from 'pg';
import type { Dataset } from '../../../src/schemas/dataset.ts';
import { acceptedSourceTypes } from '../../../src/schemas/transform.ts';
import { DatasetError } from '../errors.ts';
import { COLUMNS_SQL, typeDecision, type PgTypeInfo } from '../lib/pg-types.ts';

export interface LiveColumn extends PgTypeInfo {
  name: string;
  /** Base type name (`pg_type.typname`; domains resolved to their base type). */
  type: string;
  /** The type as declared, as PostgreSQL prints it (e.g. `integer[]`, `jsonb`), for messages. */
  display?: string;
}

/** Lists a relation's live columns (tables, views and materialised views alike). */
export async function readLiveColumns(client: pg.Client, schema: string, table: string): Promise<LiveColumn[] | null> {
  const relation = await client.query<{ oid: number }>(
    `SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'v', 'm', 'p', 'f')`,
    [schema, table],
  );
  if (relation.rowCount === 0) return null;
  const { rows } = await client.query<LiveColumn & { nullable: boolean; comment: string | null }>(COLUMNS_SQL, [relation.rows[0]!.oid]);
  return rows.map(({ name, type, kind, category, display }) => ({ name, type, kind, category, display }));
}

/** One declared field that does not match the live relation. */
export interface ColumnProblem {
  /** Index in `fields`, so callers can point at the line. */
  index: number;
  name: string;
  /** What is wrong and what to do, without the file name (callers add where). */
  message: string;
}

/** The declared fields that are missing from the live relation or whose type changed. */
export function findColumnProblems(dataset: Dataset, live: readonly LiveColumn[]): ColumnProblem[] {
  const byName = new Map(live.map((column) => [column.name, column]));
  const relation = `${dataset.source.schema}.${dataset.source.table}`;
  const problems: ColumnProblem[] = [];
  dataset.fields.forEach((field, index) => {
    const column = byName.get(field.name);
    if (!column) {
      const near = live.find((c) => c.name.toLowerCase() === field.name.toLowerCase());
      problems.push({
        index,
        name: field.name,
        message:
          `no such column in ${relation}` +
          (near ? ` (there is "${near.name}": names are case-sensitive)` : '') +
          '. If it was renamed or dropped, update the field dictionary (or restore the column).',
      });
      return;
    }
    const decision = typeDecision(column);
    const shown = column.display ?? column.type;
    if (!decision.publish) {
      // Whatever the metadata declares, and whatever transform it asks for: not published.
      problems.push({
        index,
        name: field.name,
        message: `the column is ${shown}, which the catalog does not publish: ${decision.reason}. Instead, ${decision.instead}, and declare the view as the source.`,
      });
      return;
    }
    const liveType = decision.field;
    if (field.transform) {
      // The declared type is the transform's output; the column must be something it can read.
      const accepted = acceptedSourceTypes(field.transform);
      if (accepted && !accepted.includes(liveType)) {
        problems.push({
          index,
          name: field.name,
          message:
            `the column is now ${column.type}, which its ${field.transform.method} transform cannot read (it reads ${accepted.join(', ')} columns)` +
            '. Review the change with the data owner, then update the transform.',
        });
      }
    } else if (liveType !== field.type) {
      problems.push({
        index,
        name: field.name,
        message: `declared as ${field.type} but the column is now ${column.type} (published as ${liveType})` + '. Review the change with the data owner, then update the type in the metadata.',
      });
    }
  });
  return problems;
}

/**
 * Compares the metadata's field dictionary with the live relation. Any declared column that is
 * missing or whose type no longer maps to the declared type stops the dataset: publishing it would
 * either fail half-way or publish something the dictionary does not describe.
 * Returns the live columns that are not published (never read, only reported).
 */
export function compareColumns(dataset: Dataset, file: string, live: readonly LiveColumn[]): { undeclared: string[] } {
  const problems = findColumnProblems(dataset, live).map((p) => `  ${file} fields[${p.index}] "${p.name}": ${p.message}`);
  if (problems.length > 0) {
    throw new DatasetError(dataset.id, `The table no longer matches its metadata (schema drift):\n${problems.join('\n')}`);
  }
  const declared = new Set(dataset.fields.map((f) => f.name));
  return { undeclared: live.map((c) => c.name).filter((name) => !declared.has(name)) };
}

/**
 * Whether the database itself guarantees that the dataset's key identifies one row: a primary key
 * or unique index (not partial, no expressions) on exactly the key columns, all NOT NULL, none of
 * them transformed. Then the key alone orders the rows, and the table's index gives that order
 * without a sort.
 */
export async function keyIsUnique(client: pg.Client, dataset: Dataset): Promise<boolean> {
  const key = dataset.primaryKey;
  if (key.length === 0 || dataset.fields.some((f) => key.includes(f.name) && f.transform)) return false;
  const { rows } = await client.query<{ unique: boolean }>(
    `SELECT EXISTS (
       SELECT 1 FROM pg_index i
        WHERE i.indrelid = (SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2)
          AND i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL AND i.indnkeyatts = cardinality($3::text[])
          AND (SELECT array_agg(a.attname::text ORDER BY a.attname) FROM pg_attribute a
                WHERE a.attrelid = i.indrelid AND a.attnotnull AND a.attnum = ANY ((i.indkey::int2[])[0:i.indnkeyatts - 1]))
            = (SELECT array_agg(k ORDER BY k) FROM unnest($3::text[]) AS k)
     ) AS unique`,
    [dataset.source.schema, dataset.source.table, key],
  );
  return rows[0]?.unique === true;
}

export async function checkSchema(client: pg.Client, dataset: Dataset, file: string): Promise<{ live: LiveColumn[]; undeclared: string[] }> {
  const { schema, table } = dataset.source;
  const live = await readLiveColumns(client, schema, table);
  if (!live) {
    throw new DatasetError(
      dataset.id,
      `${file}: source ${schema}.${table} does not exist or this database role cannot see it. ` +
        'Check source.schema and source.table in the metadata, and that the role has USAGE on the schema and SELECT on the table.',
    );
  }
  const byName = new Map(live.map((c) => [c.name, c]));
  return { live: dataset.fields.map((f) => byName.get(f.name)).filter((c): c is LiveColumn => Boolean(c)), ...compareColumns(dataset, file, live) };
}
