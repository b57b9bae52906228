/**
 * Relation names as maintainers type them in commands and metadata: `schema.table`, each part
 * exactly as in the database (case-sensitive), in double quotes when it holds a dot or a quote
 * (`"Parks Dept"."Tree.List"`). One parser, so catalog:add and `source.reads` agree.
 */

export interface RelationName {
  schema: string;
  table: string;
}

/** The dot-separated parts of a name, quotes resolved; null when it cannot be read. */
function splitName(input: string): string[] | null {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < input.length; i++) {
    const char = input[i]!;
    if (quoted) {
      if (char === '"' && input[i + 1] === '"') {
        current += '"';
        i++;
      } else if (char === '"') quoted = false;
      else current += char;
    } else if (char === '"') {
      if (current !== '') return null;
      quoted = true;
      wasQuoted = true;
    } else if (char === '.') {
      parts.push(current);
      current = '';
      wasQuoted = false;
    } else if (wasQuoted) return null;
    else current += char;
  }
  if (quoted) return null;
  parts.push(current);
  if (parts.some((part) => part === '') || parts.length > 2) return null;
  return parts;
}

/**
 * Splits `schema.table` as a maintainer types it. Quoted parts keep dots, spaces and capitals
 * (`"Parks Dept"."Tree List"`); an unqualified name means the `public` schema.
 */
export function parseRelationName(input: string): RelationName | null {
  const parts = splitName(input);
  if (!parts) return null;
  return parts.length === 1 ? { schema: 'public', table: parts[0]! } : { schema: parts[0]!, table: parts[1]! };
}

/** Like `parseRelationName`, but the schema must be written: `schema.name`. */
export function parseQualifiedName(input: string): RelationName | null {
  const parts = splitName(input);
  return parts?.length === 2 ? { schema: parts[0]!, table: parts[1]! } : null;
}

/** Writes a name the way `parseRelationName` reads it back: parts quoted only when they need it. */
export function formatRelationName({ schema, table }: RelationName): string {
  const part = (name: string) => (/^[^".\s]+$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`);
  return `${part(schema)}.${part(table)}`;
}
