import type { FieldType } from '../schemas/field.ts';
import type { VersionChanges } from '../schemas/version-changes.ts';

/**
 * Columns added, removed and retyped between two versions, from their manifests' column lists: the
 * one rule build-data records in each new version and the site applies to versions made before
 * that record existed, and to any two versions on the compare page.
 */
export function columnChanges(before: readonly { name: string; type: FieldType }[], after: readonly { name: string; type: FieldType }[]): VersionChanges['columns'] {
  const typeBefore = new Map(before.map((c) => [c.name, c.type]));
  const names = new Set(after.map((c) => c.name));
  return {
    added: after.filter((c) => !typeBefore.has(c.name)).map((c) => c.name),
    removed: before.filter((c) => !names.has(c.name)).map((c) => c.name),
    retyped: after.flatMap((c) => {
      const from = typeBefore.get(c.name);
      return from && from !== c.type ? [{ name: c.name, from, to: c.type }] : [];
    }),
  };
}
