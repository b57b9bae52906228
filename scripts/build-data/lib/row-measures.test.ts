import { describe, expect, it } from 'vitest';
import type { Field } from '../../../src/schemas/field.ts';
import { CopyTranscoder } from './copy-transcoder.ts';
import { MEMO_MAX_ENTRIES, PiiScanner } from './pii-scan.ts';
import { RowMeasures } from './row-measures.ts';

const field = (name: string, type: Field['type'] = 'string'): Field => ({ name, type, title: name, description: `The ${name}.` });
const fields = [field('id', 'integer'), field('contact'), field('note')];

/** COPY text rows (tab-separated, `\N` for null, backslash escapes as PostgreSQL writes them). */
function copyRows(rows: readonly (readonly (string | null)[])[]): Buffer {
  const escape = (v: string) => v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
  return Buffer.from(rows.map((r) => r.map((v) => (v === null ? '\\N' : escape(v))).join('\t') + '\n').join(''), 'utf8');
}

/** The scan as RowMeasures takes it (values remembered by their bytes), and as a plain scanner of the decoded strings. */
function bothScans(rows: readonly (readonly (string | null)[])[]) {
  const measures = new RowMeasures({ fields, plans: fields.map(() => ({ top: false, boolean: false, histogram: null })), keyIndexes: null });
  const transcoder = new CopyTranscoder({ columns: fields, json: false, csv: false, sampleRows: 0, onRow: (row) => measures.add(row) });
  transcoder.push(copyRows(rows));
  transcoder.end();
  const plain = new PiiScanner(fields);
  for (const row of rows) {
    // Every value detected afresh: no memo on this side.
    row.forEach((value, i) => {
      const k = PiiScanner.scannedIndexes(fields).indexOf(i);
      if (k >= 0 && value !== null) plain.scanValue(k, value);
    });
  }
  return { measured: measures.result(), plain: { findings: plain.findings(), valuesScanned: plain.valuesScanned } };
}

describe('the scan of RowMeasures, which remembers short values by their bytes', () => {
  it('counts every repeat of a personal value, in escaped and long values too, as a scan of each value does', () => {
    const rows: (string | null)[][] = [];
    for (let i = 0; i < 3000; i++) {
      rows.push([String(i), i % 3 === 0 ? 'ana@example.org' : i % 3 === 1 ? 'Ward 7' : null, i % 100 === 0 ? 'call\t030 1234567' : `checked by crew ${i % 40}`]);
    }
    rows.push(['3000', `a long note that mentions ${'nothing personal '.repeat(4)} and then bob@example.org`, 'Pothole']);
    const { measured, plain } = bothScans(rows);
    expect(measured.findings).toEqual(plain.findings);
    expect(measured.valuesScanned).toBe(plain.valuesScanned);
    expect(measured.findings).toMatchObject([
      { field: 'contact', detector: 'email', hits: 1001 },
      { field: 'note', detector: 'phone', hits: 30 },
    ]);
  });

  it('still finds a remembered value after the memo fills and starts over', () => {
    const rows: (string | null)[][] = [['0', 'ana@example.org', null]];
    for (let i = 1; i <= MEMO_MAX_ENTRIES * 2 + 10; i++) rows.push([String(i), `Ward ${i}`, null]);
    rows.push(['x', 'ana@example.org', null], ['y', `Ward 1`, null], ['z', 'ana@example.org', null]);
    const { measured, plain } = bothScans(rows);
    expect(measured.findings).toEqual(plain.findings);
    expect(measured.findings).toMatchObject([{ field: 'contact', detector: 'email', hits: 3 }]);
  });
});
