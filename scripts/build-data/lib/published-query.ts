import type { Dataset } from '../../../src/schemas/dataset.ts';
import type { Field } from '../../../src/schemas/field.ts';
import { binLabels } from '../../../src/schemas/transform.ts';
import { compileRowFilter } from '../../../src/shared/row-filter.ts';
import { quoteIdent, quoteLiteral } from './pg-types.ts';

/**
 * The one query that defines what a dataset publishes, built from its metadata:
 * 1. only the declared columns, by name, in dictionary order, each with its declared transform
 *    (hash excepted: it is keyed, so it runs on the stream, see pseudonymize.ts);
 * 2. only the rows the declared row filter keeps;
 * 3. only the rows whose combination of quasi-identifiers (as published) is shared by at least k rows.
 * The snapshot streams it and the profile aggregates over it, so the profile always describes
 * exactly the published values, and no transformed-away value ever leaves the database.
 */

/** Name of the helper column holding each row's small-cell group size; never published. */
const CELL_SIZE = quoteIdent('catalog: cell size');

/** The SQL expression that publishes a field's value. */
export function fieldExpression(field: Field): string {
  const c = quoteIdent(field.name);
  const t = field.transform;
  if (!t || t.method === 'hash') return c;
  switch (t.method) {
    // As text: the column may be of any type published as a string (uuid, an enum, inet…).
    case 'truncate':
      return `left((${c})::text, ${t.length})`;
    case 'redact':
      // In the replacement text a backslash refers to a match group; the metadata means it literally.
      return `regexp_replace((${c})::text, ${quoteLiteral(t.pattern)}, ${quoteLiteral(t.replacement.replaceAll('\\', '\\\\'))}, 'g')`;
    case 'generalize':
      if (t.to === 'day') return `(${c})::date`;
      if (t.to === 'month') return `to_char(${c}, 'YYYY-MM')`;
      if (t.to === 'year') return `extract(year FROM ${c})::integer`;
      if (t.bins) {
        const labels = binLabels(t.bins);
        const cases = t.bins.slice(1).map((edge, i) => `WHEN ${c} < ${edge} THEN ${quoteLiteral(labels[i]!)}`);
        return `CASE WHEN ${c} IS NULL THEN NULL WHEN ${c} < ${t.bins[0]} THEN ${quoteLiteral(`under ${t.bins[0]}`)} ${cases.join(' ')} ELSE ${quoteLiteral(labels.at(-1)!)} END`;
      }
      return `round((${c})::numeric, ${t.decimals})`;
  }
}

function relation(dataset: Dataset): string {
  return `${quoteIdent(dataset.source.schema)}.${quoteIdent(dataset.source.table)}`;
}

/**
 * The row filter as it runs: rebuilt from PostgreSQL's parse of the metadata's text, never the
 * text itself (row-filter.ts). Metadata validation refuses a bad filter first, with its line.
 */
function rowFilterCondition(dataset: Dataset): string | null {
  const filter = dataset.privacy.rowFilter;
  if (!filter) return null;
  const compiled = compileRowFilter(filter.where);
  if (!compiled.ok) throw new Error(`${dataset.id}: privacy.rowFilter.where: ${compiled.problem}`);
  return compiled.sql;
}

/** Declared columns, transformed, of the rows the row filter keeps. */
function transformedRows(dataset: Dataset): string {
  const columns = dataset.fields.map((field) => `${fieldExpression(field)} AS ${quoteIdent(field.name)}`).join(', ');
  const condition = rowFilterCondition(dataset);
  const where = condition ? ` WHERE ${condition}` : '';
  return `SELECT ${columns} FROM ${relation(dataset)}${where}`;
}

/** Transformed rows with the size of their quasi-identifier group, or null without small-cell protection. */
function rowsWithCellSize(dataset: Dataset): string | null {
  const smallCells = dataset.privacy.smallCells;
  if (!smallCells) return null;
  const partition = smallCells.quasiIdentifiers.map(quoteIdent).join(', ');
  return `SELECT *, count(*) OVER (PARTITION BY ${partition}) AS ${CELL_SIZE} FROM (${transformedRows(dataset)}) AS transformed`;
}

/** The published rows, unordered. */
export function publishedSelect(dataset: Dataset): string {
  const withSize = rowsWithCellSize(dataset);
  if (!withSize) return transformedRows(dataset);
  const columns = dataset.fields.map((f) => quoteIdent(f.name)).join(', ');
  return `SELECT ${columns} FROM (${withSize}) AS cells WHERE ${CELL_SIZE} >= ${dataset.privacy.smallCells!.k}`;
}

/** Counts the rows and groups small-cell protection leaves out; null when none is declared. */
export function smallCellsQuery(dataset: Dataset): string | null {
  const withSize = rowsWithCellSize(dataset);
  if (!withSize) return null;
  const group = dataset.privacy.smallCells!.quasiIdentifiers.map(quoteIdent).join(', ');
  return `SELECT count(*) AS rows, count(DISTINCT ROW(${group})) AS groups FROM (${withSize}) AS cells WHERE ${CELL_SIZE} < ${dataset.privacy.smallCells!.k}`;
}

/**
 * A total order for the rows, so identical data always produces identical files (and hashes):
 * the declared primary key, then every other published column. Hashed columns come last and only
 * break ties: ordering by their original values would let the row order reveal them (sequential
 * ids, say), which the pseudonym exists to hide.
 *
 * Text sorts in byte order (`COLLATE "C"`), not the database's locale: the same data then gives
 * the same file on every server, and the version diff (csv-diff.ts) can merge two versions' files
 * by key, comparing text keys byte by byte as PostgreSQL did.
 */
export function publishedOrder(dataset: Dataset, options: { uniqueKey?: boolean } = {}): string {
  const field = (name: string) => dataset.fields.find((f) => f.name === name);
  const hashed = (name: string) => field(name)?.transform?.method === 'hash';
  // A key the database keeps unique (check-schema.ts keyIsUnique) orders the rows by itself.
  const rest = options.uniqueKey ? [] : dataset.fields.map((f) => f.name).filter((name) => !dataset.primaryKey.includes(name));
  const all = [...dataset.primaryKey, ...rest];
  const key = new Set(dataset.primaryKey.filter((name) => !hashed(name)));
  const term = (name: string) => (field(name)?.type === 'string' ? `${quoteIdent(name)}::text COLLATE "C"` : quoteIdent(name));
  // Key columns in PostgreSQL's default order (NULLS LAST), so the table's own index on its key
  // gives the order without sorting every row (the other columns then only break ties).
  return [...all.filter((n) => !hashed(n)), ...all.filter(hashed)].map((name) => `${term(name)}${key.has(name) ? '' : ' NULLS FIRST'}`).join(', ');
}
