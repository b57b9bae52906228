import { formatRelationName, parseQualifiedName, type RelationName } from '../../src/schemas/relation-name.ts';
import { CliError } from '../../src/shared/cli-error.ts';

/**
 * The site-wide never-read list (`privacy.neverRead` in src/site.config.ts): names no dataset may
 * read, with `*` as a wildcard inside a part. System schemas are always on it.
 */

export interface NeverReadPattern {
  /** As written in the configuration (or `(system catalog)` for the built-in ones). */
  text: string;
  schema: RegExp;
  name: RegExp;
}

/** Schemas of PostgreSQL's own catalogs: never a source, never read through a view. */
export const SYSTEM_SCHEMAS: readonly string[] = ['pg_catalog', 'information_schema', 'pg_toast'];

function glob(part: string): RegExp {
  return new RegExp(
    `^${part
      .split('*')
      .map((piece) => piece.replace(/[\\^$.|?+()[\]{}]/g, '\\$&'))
      .join('.*')}$`,
    's',
  );
}

/** Parses the configured patterns; a pattern that is not `schema.name` stops the command (exit 2). */
export function parseNeverRead(patterns: readonly string[]): NeverReadPattern[] {
  const bad = patterns.filter((p) => parseQualifiedName(p) === null);
  if (bad.length > 0) {
    throw new CliError(
      `privacy.neverRead in src/site.config.ts has entries that are not schema.name: ${bad.map((b) => JSON.stringify(b)).join(', ')}. ` +
        'Write each as schema.name with * as a wildcard, e.g. "hr.*" or "finance.salar*".',
      { exitCode: 2 },
    );
  }
  return patterns.map((text) => {
    const { schema, table } = parseQualifiedName(text)!;
    return { text, schema: glob(schema), name: glob(table) };
  });
}

/** The configured pattern an object matches, `(system catalog)` for a system schema, or null. */
export function neverReadMatch(object: RelationName, patterns: readonly NeverReadPattern[]): string | null {
  if (SYSTEM_SCHEMAS.includes(object.schema) || object.schema.startsWith('pg_temp') || object.schema.startsWith('pg_toast')) return '(system catalog)';
  return patterns.find((p) => p.schema.test(object.schema) && p.name.test(object.table))?.text ?? null;
}

export { formatRelationName };
