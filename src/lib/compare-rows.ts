/**
 * Rows added, removed and changed between two versions of a table, matched by its key: the compare
 * page runs this in the reader's browser on the two versions' CSV files (parsed elsewhere), so any
 * two versions can be compared without a page per pair. Pure, and holds no more than the older
 * version's rows by key.
 */

export interface ParsedTable {
  header: string[];
  rows: string[][];
}

export interface ChangedCell {
  column: string;
  before: string;
  after: string;
}

export interface RowComparison {
  added: number;
  removed: number;
  changed: number;
  /** Key values of the first added and removed rows (joined with " / " for a key of several columns). */
  addedSample: string[];
  removedSample: string[];
  /** The first changed rows, each with its changed cells side by side. */
  changedSample: { key: string; cells: ChangedCell[] }[];
  /** Key values found on more than one row in a version: such rows cannot be matched. */
  duplicateKeys: number;
}

/** Why rows cannot be matched by key: thrown with a sentence for readers. */
export class KeyMismatch extends Error {}

export function compareRows(before: ParsedTable, after: ParsedTable, key: readonly string[], sampleSize = 10): RowComparison {
  const keyIndex = (table: ParsedTable, which: string) =>
    key.map((name) => {
      const index = table.header.indexOf(name);
      if (index < 0) throw new KeyMismatch(`The ${which} version has no “${name}” column, so its rows cannot be matched by key.`);
      return index;
    });
  const beforeKey = keyIndex(before, 'older');
  const afterKey = keyIndex(after, 'newer');
  // Columns both versions have, compared by name (a column added or removed is not a changed value).
  const shared = after.header.flatMap((name, index) => {
    const old = before.header.indexOf(name);
    return old >= 0 ? [{ name, old, index }] : [];
  });
  const keyOf = (row: string[], indexes: number[]) => indexes.map((i) => row[i] ?? '').join(' / ');

  let duplicateKeys = 0;
  const older = new Map<string, string[]>();
  for (const row of before.rows) {
    const k = keyOf(row, beforeKey);
    if (older.has(k)) duplicateKeys++;
    else older.set(k, row);
  }
  const result: RowComparison = { added: 0, removed: 0, changed: 0, addedSample: [], removedSample: [], changedSample: [], duplicateKeys };
  const seen = new Set<string>();
  for (const row of after.rows) {
    const k = keyOf(row, afterKey);
    if (seen.has(k)) {
      result.duplicateKeys++;
      continue;
    }
    seen.add(k);
    const old = older.get(k);
    if (!old) {
      result.added++;
      if (result.addedSample.length < sampleSize) result.addedSample.push(k);
      continue;
    }
    older.delete(k);
    const cells = shared.filter((c) => (old[c.old] ?? '') !== (row[c.index] ?? '')).map((c) => ({ column: c.name, before: old[c.old] ?? '', after: row[c.index] ?? '' }));
    if (cells.length > 0) {
      result.changed++;
      if (result.changedSample.length < sampleSize) result.changedSample.push({ key: k, cells });
    }
  }
  result.removed = older.size;
  for (const k of older.keys()) {
    if (result.removedSample.length >= sampleSize) break;
    result.removedSample.push(k);
  }
  return result;
}
