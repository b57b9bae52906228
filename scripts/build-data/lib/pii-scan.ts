import type { Field } from '../../../src/schemas/field.ts';
import { piiDetectorLabels, type PiiDetectorId } from '../../../src/schemas/pii.ts';
import type { Row } from './copy-text.ts';
import { detectPii, maskExample, piiDetectors, type PiiHit } from './pii-detectors.ts';

/**
 * Scans the rows on their way to the files (no second pass over the table) and counts, per
 * column and detector, the values that look like personal data. Text columns are scanned: typed
 * columns (numbers, dates, booleans, times) can only hold values of their type, and bare digit
 * runs are ids far more often than phone numbers. Hashed columns are skipped: we wrote them.
 */

export interface ScanFinding {
  field: string;
  /** Position in the field dictionary, for messages that point at the metadata. */
  fieldIndex: number;
  detector: PiiDetectorId;
  hits: number;
  /** The first hit, masked, safe to print in a CI log. */
  example: string;
  /** The field's `scanReviewed` accepts this detector. */
  reviewed: boolean;
}

interface ScannedColumn {
  index: number;
  field: Field;
  reviewed: ReadonlySet<PiiDetectorId>;
  /** What detectPii said about short values already seen in this column (see `scan`). */
  seen: Map<string, readonly PiiHit[]>;
}

/**
 * Text columns repeat themselves (categories, districts, statuses, "checked by crew 7"), so each
 * column remembers the verdicts on its short values: a repeat costs one map look-up instead of the
 * detectors. Long values (free text) rarely repeat and are always scanned; the memory is bounded
 * by starting over when a column has seen this many distinct short values.
 */
export const MEMO_MAX_LENGTH = 48;
export const MEMO_MAX_ENTRIES = 4096;

export class PiiScanner {
  private readonly scanned: ScannedColumn[];
  private readonly found = new Map<string, ScanFinding>();
  valuesScanned = 0;

  constructor(fields: readonly Field[]) {
    this.scanned = PiiScanner.scannedIndexes(fields).map((index) => ({
      index,
      field: fields[index]!,
      reviewed: new Set(fields[index]!.scanReviewed?.detectors ?? []),
      seen: new Map(),
    }));
  }

  /** Positions of the fields a scanner of `fields` reads: text, not pseudonymised. */
  static scannedIndexes(fields: readonly Field[]): number[] {
    return fields.flatMap((field, index) => (field.type === 'string' && field.transform?.method !== 'hash' ? [index] : []));
  }

  /** The detectors this scanner runs, for the privacy report. */
  static detectorIds(): PiiDetectorId[] {
    return Object.keys(piiDetectors) as PiiDetectorId[];
  }

  // Runs once per published text value: indexed loops, and nothing is allocated unless a value hits.
  scan(row: Row): void {
    const scanned = this.scanned;
    for (let k = 0; k < scanned.length; k++) {
      const column = scanned[k]!;
      const value = row[column.index];
      if (value === null || value === undefined) continue;
      if (value.length > MEMO_MAX_LENGTH) {
        this.scanValue(k, value);
        continue;
      }
      const known = column.seen.get(value);
      if (known !== undefined) this.countKnown(k, known);
      else {
        if (column.seen.size >= MEMO_MAX_ENTRIES) column.seen.clear();
        column.seen.set(value, this.scanValue(k, value));
      }
    }
  }

  /**
   * Scans one value of scanned column `k` (the k-th of `scannedIndexes`) and counts its hits;
   * returns them, so a caller that remembers values (RowMeasures, by their bytes) can count a
   * repeat with `countKnown` instead.
   */
  scanValue(k: number, value: string): readonly PiiHit[] {
    const hits = detectPii(value);
    this.countKnown(k, hits);
    return hits;
  }

  /** Counts a value of scanned column `k` whose hits are already known (a repeat). */
  countKnown(k: number, hits: readonly PiiHit[]): void {
    this.valuesScanned++;
    const column = this.scanned[k]!;
    for (let h = 0; h < hits.length; h++) this.count(column, hits[h]!);
  }

  private count({ index, field, reviewed }: ScannedColumn, { detector, match }: PiiHit): void {
    const key = `${index}\u0000${detector}`;
    const finding = this.found.get(key);
    if (finding) finding.hits++;
    else this.found.set(key, { field: field.name, fieldIndex: index, detector, hits: 1, example: maskExample(match), reviewed: reviewed.has(detector) });
  }

  findings(): ScanFinding[] {
    return [...this.found.values()].sort((a, b) => a.fieldIndex - b.fieldIndex || a.detector.localeCompare(b.detector));
  }
}

/** The message for hits nobody reviewed: what, where, how many, and the three ways out. */
export function unreviewedHitsMessage(file: string, findings: readonly ScanFinding[]): string {
  const lines = findings.map(
    (f) =>
      `  ${file} fields[${f.fieldIndex}] "${f.field}": ${f.hits} value${f.hits === 1 ? '' : 's'} with ${article(piiDetectorLabels[f.detector])} ` +
      `(detector ${f.detector}; first one masked: "${f.example}")`,
  );
  const detectors = [...new Set(findings.map((f) => f.detector))].join(', ');
  return (
    `Personal data found in values about to be published; no new version of this dataset was published:\n${lines.join('\n')}\n` +
    'Resolve each column in the metadata, then rerun:\n' +
    '  - transform it (e.g. transform: { method: redact, pattern: "…", reason: "…" }, or hash, truncate, generalize),\n' +
    '  - or remove the field from fields, so the column is not published,\n' +
    `  - or, if a person checked and these values are not personal data, add to the field: scanReviewed: { detectors: [${detectors}], justification: "…" }`
  );
}

function article(label: string): string {
  return /^[aeiou]/i.test(label) ? `an ${label}` : `a ${label}`;
}
