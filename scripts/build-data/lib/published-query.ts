import type { Dataset } from '../../../src/schemas/dataset.ts';
import { quoteIdent } from './pg-types.ts';

/**
 * The one SELECT that defines what a dataset publishes: only the declared columns, by name, in
 * dictionary order. The snapshot streams it and the profile aggregates over it, so the profile
 * always describes exactly the published values.
 */
export function publishedSelect(dataset: Dataset): string {
  const columns = dataset.fields.map((field) => `${quoteIdent(field.name)}`).join(', ');
  const relation = `${quoteIdent(dataset.source.schema)}.${quoteIdent(dataset.source.table)}`;
  return `SELECT ${columns} FROM ${relation}`;
}

/**
 * A total order for the rows, so identical data always produces identical files (and hashes):
 * the declared primary key, then every other published column.
 */
export function publishedOrder(dataset: Dataset): string {
  // The key first; the other columns after it cost nothing when the key is unique and keep the
  // order total when it is not.
  const rest = dataset.fields.map((f) => f.name).filter((name) => !dataset.primaryKey.includes(name));
  return [...dataset.primaryKey, ...rest].map((name) => `${quoteIdent(name)} NULLS FIRST`).join(', ');
}
