import type { Manifest } from '../schemas/manifest.ts';
import type { VersionChanges } from '../schemas/version-changes.ts';
import { columnChanges } from '../shared/column-changes.ts';
import { fieldTypeLabel, formatInteger } from './format.ts';

/**
 * A version's changes against the previous one in words, for the version history and the version
 * page (the build summary's short form is in scripts/build-data/summary.ts). One sentence per kind of change; none of them holds a data value.
 */

const rows = (n: number) => `${formatInteger(n)} ${n === 1 ? 'row' : 'rows'}`;
const list = (names: readonly string[]) => names.map((n) => `“${n}”`).join(', ');

/** The row part: "12 rows added, 3 removed, 5 changed", or the count delta when rows cannot be matched. */
export function describeRowChanges(changes: VersionChanges): string {
  if (changes.rows.method === 'key') {
    const { added, removed, changed } = changes.rows;
    if (added === 0 && removed === 0 && changed === 0) return 'No rows added, removed or changed.';
    return `${rows(added)} added, ${formatInteger(removed)} removed, ${formatInteger(changed)} changed.`;
  }
  const delta = changes.rowsAfter - changes.rowsBefore;
  const count = delta === 0 ? 'The same number of rows' : delta > 0 ? `${rows(delta)} more` : `${rows(-delta)} fewer`;
  return `${count} (${formatInteger(changes.rowsBefore)} → ${formatInteger(changes.rowsAfter)}).`;
}

/** The column part, or null when the columns did not change. */
export function describeColumnChanges(changes: VersionChanges): string | null {
  const { added, removed, retyped } = changes.columns;
  const parts = [
    added.length > 0 ? `${added.length === 1 ? 'Column' : 'Columns'} ${list(added)} added` : '',
    removed.length > 0 ? `${removed.length === 1 ? 'column' : 'columns'} ${list(removed)} removed` : '',
    ...retyped.map((r) => `“${r.name}” changed from ${fieldTypeLabel(r.from).toLowerCase()} to ${fieldTypeLabel(r.to).toLowerCase()}`),
  ].filter(Boolean);
  if (parts.length === 0) return null;
  const sentence = parts.join('; ');
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}

/** Every sentence, rows first; the reason rows could not be matched comes last. */
export function describeChanges(changes: VersionChanges): string[] {
  const columns = describeColumnChanges(changes);
  return [describeRowChanges(changes), ...(columns ? [columns] : []), ...(changes.rows.method === 'count' ? [changes.rows.reason] : [])];
}

/** Why a version's rows were not matched by key when the version predates the change record. */
export const NOT_RECORDED_REASON =
  'This version was published before changes were recorded row by row, so its rows were not matched by key when it was made: ' +
  'the row counts and columns are compared here, and the compare page matches the rows.';

export interface VersionChangeSummary {
  /** Null for a dataset's first version. */
  changes: VersionChanges | null;
  /** False when computed here from the two manifests (the version predates the change record). */
  recorded: boolean;
}

/**
 * What changed in `versions[index]` (newest first, as in a catalog entry) against the version
 * before it: the record build-data made, or, for a version made before that record existed, the
 * row counts and columns computed from the two manifests.
 */
export function versionChangeSummary(versions: readonly Manifest[], index: number): VersionChangeSummary {
  const manifest = versions[index]!;
  if (manifest.changes) return { changes: manifest.changes, recorded: true };
  const previous = versions[index + 1];
  if (!previous) return { changes: null, recorded: true };
  return {
    recorded: false,
    changes: {
      previousVersion: previous.version,
      rowsBefore: previous.rowCount,
      rowsAfter: manifest.rowCount,
      rows: { method: 'count', reason: NOT_RECORDED_REASON },
      columns: columnChanges(previous.columns, manifest.columns),
    },
  };
}

/** One line for the version list and the feeds: "12 rows added, 3 removed, 5 changed. Column “x” added." */
export function changeLine(summary: VersionChangeSummary): string {
  if (!summary.changes) return 'First version.';
  const columns = describeColumnChanges(summary.changes);
  return [describeRowChanges(summary.changes), columns ?? 'Same columns.'].join(' ');
}
