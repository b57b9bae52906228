import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { datasetBlockers, type Dataset } from '../../src/schemas/dataset.ts';
import { formatProblems } from '../../src/shared/friendly-errors.ts';
import { parseMetadata } from '../../src/shared/metadata.ts';

/** Errors of the privacy and approval part of the metadata format, as maintainers read them in CI. */

const file = 'src/content/datasets/emergency-medical-calls.yaml';
const valid = await readFile(new URL('../../src/content/datasets/emergency-medical-calls.yaml', import.meta.url), 'utf8');
const problems = (text: string) => formatProblems(parseMetadata(file, text).problems);
const dataset = (text = valid): Dataset => {
  const parsed = parseMetadata(file, text);
  if (!parsed.dataset) throw new Error(formatProblems(parsed.problems));
  return parsed.dataset;
};

describe('transforms in the metadata', () => {
  it('accepts the demo dataset that uses every transform', () => {
    expect(parseMetadata(file, valid).problems).toEqual([]);
  });

  it('names the published type a transform produces when the declared type differs', () => {
    const text = valid.replace(/(- name: received_at\n(?:.*\n)*?\s+type: )date/, '$1datetime');
    expect(problems(text)).toMatch(/:\d+ {2}fields\[1\]\.type: "received_at" is published as date after its generalize transform; set type: date/);
  });

  it('rejects an unknown transform method with the list of methods', () => {
    const text = valid.replace('method: truncate', 'method: shorten');
    expect(problems(text)).toContain('transform.method must be one of: hash, generalize, truncate, redact');
  });

  it('asks for exactly one way to generalise', () => {
    const text = valid.replace('      to: day\n', '      to: day\n      decimals: 2\n');
    expect(problems(text)).toContain('generalize takes exactly one of: to (day, month, year), bins (band edges) or decimals');
  });

  it('rejects bins that are not ascending', () => {
    expect(problems(valid.replace('bins: [0, 18, 35, 50, 65, 80]', 'bins: [0, 35, 18]'))).toContain('bins must be in ascending order');
  });

  it('requires a plain-language reason for every transform', () => {
    const text = valid.replace(/(method: truncate\n\s+length: 3\n)\s+reason: .*\n/, '$1');
    expect(problems(text)).toMatch(/fields\[6\]\.transform\.reason: required field is missing/);
  });

  it('rejects a redact pattern that is not a regular expression', () => {
    const text = valid.replace(/pattern: .*/, "pattern: '([0-9'");
    expect(problems(text)).toContain('the pattern is not a valid regular expression');
  });
});

describe('row filters and small cells', () => {
  it.each([
    ['NOT sealed; DROP TABLE x', 'privacy.rowFilter.where: a row filter is one condition and cannot contain ";"'],
    ['NOT sealed -- comment', 'privacy.rowFilter.where: a row filter cannot contain comments'],
    ['id IN (SELECT id FROM hr.staff_records)', 'privacy.rowFilter.where: a row filter cannot contain a subquery'],
    ['NOT sealed) OR (true', 'privacy.rowFilter.where: the row filter is not a valid SQL condition (syntax error at or near ")")'],
    ["status = 'open", 'privacy.rowFilter.where: the row filter is not a valid SQL condition (unterminated quoted string'],
  ])('refuses the row filter %j at the line of where', (where, message) => {
    const text = valid.replace('where: NOT sealed', `where: "${where}"`);
    const line = text.split('\n').findIndex((l) => l.includes('where: ')) + 1;
    expect(problems(text)).toContain(`${file}:${line}  ${message}`);
  });

  it('allows quotes, parentheses and semicolons inside a quoted text', () => {
    expect(problems(valid.replace('where: NOT sealed', `where: "NOT sealed AND (priority <> 'x; (y')"`))).toBe('');
  });

  it('requires quasi-identifiers to be published fields', () => {
    const text = valid.replace('quasiIdentifiers: [patient_age, patient_sex, postal_code]', 'quasiIdentifiers: [patient_age, patient_name]');
    expect(problems(text)).toContain('quasi-identifier "patient_name" is not a published field');
  });

  it('defaults k to 5 and the action to suppress', () => {
    const d = dataset(valid.replace('    k: 5\n    action: suppress\n', ''));
    expect(d.privacy.smallCells).toMatchObject({ k: 5, action: 'suppress' });
  });

  it('names the detectors a reviewed field may list', () => {
    const text = valid.replace(/(- name: dispatch_note\n)/, '$1    scanReviewed: { detectors: [emails], justification: "Notes only mention city offices here." }\n');
    expect(problems(text)).toContain('detectors are: email, phone, us-ssn');
  });
});

describe('the approval gate', () => {
  const today = '2026-11-25';

  it('clears the demo dataset', () => {
    expect(datasetBlockers(dataset(), today)).toEqual([]);
  });

  it('says exactly which sign-offs are missing', () => {
    const text = valid.replace(/ {2}privacyReview: .*\n {2}securityReview: .*\n/, '');
    expect(datasetBlockers(dataset(text), today)).toEqual([
      'approvals.privacyReview: the privacy review sign-off is missing; add { name, date } once it is given',
      'approvals.securityReview: the security review sign-off is missing; add { name, date } once it is given',
    ]);
  });

  it('refuses sign-offs dated in the future', () => {
    const text = valid.replace('date: 2026-02-26', 'date: 2027-01-01');
    expect(datasetBlockers(dataset(text), today)).toEqual(['approvals.securityReview: the security review sign-off is dated 2027-01-01, in the future; use the day it was given']);
  });

  it('refuses data not classified public, an unfinished assessment and uncleared answers', () => {
    const text = valid
      .replace('sensitivity: public', 'sensitivity: personal')
      .replace('privacyImpactAssessment: completed', 'privacyImpactAssessment: in-progress')
      .replace('licenseCleared: true', 'licenseCleared: false');
    expect(datasetBlockers(dataset(text), today)).toEqual([
      'checklist.sensitivity: the published data is classified "personal"; only public data may be released. Remove or transform what makes it sensitive, then reclassify',
      'checklist.privacyImpactAssessment: the assessment is in-progress; publish once it is completed',
      'checklist.licenseCleared: the right to release the data under the declared licence is not cleared',
    ]);
  });

  it('requires an assessment when the dataset transforms personal data', () => {
    const text = valid.replace('privacyImpactAssessment: completed', 'privacyImpactAssessment: not-required');
    expect(datasetBlockers(dataset(text), today)).toEqual([
      'checklist.privacyImpactAssessment: the dataset transforms or filters personal data, so an assessment is required; complete it and set "completed"',
    ]);
  });

  it('refuses an approved dataset without a checklist, and never blocks drafts', () => {
    const text = valid.replace(/checklist:\n(?: {2}.*\n)+/, '');
    expect(datasetBlockers(dataset(text), today)).toEqual([expect.stringMatching(/^checklist: the data-submission checklist is missing/)]);
    expect(datasetBlockers(dataset(text.replace('status: approved', 'status: draft')), today)).toEqual([]);
  });
});
