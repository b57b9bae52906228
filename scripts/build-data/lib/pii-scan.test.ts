import { describe, expect, it } from 'vitest';
import type { Field } from '../../../src/schemas/field.ts';
import { PiiScanner, unreviewedHitsMessage } from './pii-scan.ts';

const field = (name: string, extra: Partial<Field> = {}): Field => ({ name, title: name, description: `The ${name} column.`, type: 'string', ...extra });

describe('the personal-data scan on the stream', () => {
  it('counts hits per column and detector, keeps a masked first example, and marks reviewed ones', () => {
    const scanner = new PiiScanner([
      field('id', { type: 'integer' }),
      field('note'),
      field('office', { scanReviewed: { detectors: ['street-address'], justification: 'Addresses of city buildings, not of people.' } }),
    ]);
    scanner.scan(['1', 'Write to ana@example.org or call (312) 555-0187', '200 Main Street']);
    scanner.scan(['2', 'Also bob@example.org', '1 City Hall Plaza Way']);
    scanner.scan(['3', null, null]);
    expect(scanner.valuesScanned).toBe(4);
    expect(scanner.findings()).toEqual([
      { field: 'note', fieldIndex: 1, detector: 'email', hits: 2, example: 'a**@*******.*rg', reviewed: false },
      { field: 'note', fieldIndex: 1, detector: 'phone', hits: 1, example: '(3**) ***-**87', reviewed: false },
      { field: 'office', fieldIndex: 2, detector: 'street-address', hits: 2, example: '2** **** ****et', reviewed: true },
    ]);
  });

  it('counts every repeat of a value it remembers, also after its memory of a column starts over', () => {
    const scanner = new PiiScanner([field('note')]);
    for (let i = 0; i < 3; i++) scanner.scan(['call 030 1234567']);
    // More distinct short values than a column remembers, then the repeated one again.
    for (let i = 0; i < 5000; i++) scanner.scan([`Ward ${i}`]);
    scanner.scan(['call 030 1234567']);
    expect(scanner.valuesScanned).toBe(5004);
    expect(scanner.findings()).toEqual([{ field: 'note', fieldIndex: 0, detector: 'phone', hits: 4, example: '0** *****67', reviewed: false }]);
  });

  it('does not scan typed or hashed columns', () => {
    const scanner = new PiiScanner([field('n', { type: 'integer' }), field('h', { transform: { method: 'hash', reason: 'Pseudonymised identifier.' } })]);
    scanner.scan(['4539148803436467', 'someone@example.org']);
    expect(scanner.valuesScanned).toBe(0);
    expect(scanner.findings()).toEqual([]);
  });

  it('tells the maintainer where, what, how many, and the three ways out', () => {
    const scanner = new PiiScanner([field('id', { type: 'integer' }), field('body')]);
    scanner.scan(['1', 'My SSN is 512-34-7789']);
    expect(unreviewedHitsMessage('src/content/datasets/x.yaml', scanner.findings())).toMatchInlineSnapshot(`
      "Personal data found in values about to be published; no new version of this dataset was published:
        src/content/datasets/x.yaml fields[1] "body": 1 value with a Social Security number (US) (detector us-ssn; first one masked: "5**-**-**89")
      Resolve each column in the metadata, then rerun:
        - transform it (e.g. transform: { method: redact, pattern: "…", reason: "…" }, or hash, truncate, generalize),
        - or remove the field from fields, so the column is not published,
        - or, if a person checked and these values are not personal data, add to the field: scanReviewed: { detectors: [us-ssn], justification: "…" }"
    `);
  });
});
