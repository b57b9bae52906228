/**
 * Quoting for the SQL the catalog builds from metadata: names as identifiers, values as literals.
 * In src/shared because the row filter (row-filter.ts), which the metadata reader checks, rebuilds
 * SQL with them as the pipeline does.
 */

/** Quotes an SQL identifier: doubles embedded quotes, so any schema, table or column name is safe. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes an SQL string literal (standard_conforming_strings is on: only quotes are doubled). */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
