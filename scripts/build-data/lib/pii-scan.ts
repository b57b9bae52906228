import type { Field } from '../../../src/schemas/field.ts';
import { piiDetectorLabels, type PiiDetectorId } from '../../../src/schemas/pii.ts';
import type { Row } from './copy-text.ts';
import { detectPii, maskExample, piiDetectors } from './pii-detectors.ts';

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

export class PiiScanner {
  private readonly scanned: { index: number; field: Field; reviewed: ReadonlySet<PiiDetectorId> }[];
  private readonly found = new Map<string, ScanFinding>();
  valuesScanned = 0;

  constructor(fields: readonly Field[]) {
    this.scanned = fields
      .map((field, index) => ({ index, field, reviewed: new Set(field.scanReviewed?.detectors ?? []) }))
      .filter(({ field }) => field.type === 'string' && field.transform?.method !== 'hash');
  }

  /** The detectors this scanner runs, for the privacy report. */
  static detectorIds(): PiiDetectorId[] {
    return Object.keys(piiDetectors) as PiiDetectorId[];
  }

  scan(row: Row): void {
    for (const { index, field, reviewed } of this.scanned) {
      const value = row[index];
      if (value === null || value === undefined) continue;
      this.valuesScanned++;
      for (const { detector, match } of detectPii(value)) {
        const key = `${index}\u0000${detector}`;
        const finding = this.found.get(key);
        if (finding) finding.hits++;
        else this.found.set(key, { field: field.name, fieldIndex: index, detector, hits: 1, example: maskExample(match), reviewed: reviewed.has(detector) });
      }
    }
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
