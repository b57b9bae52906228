import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblems } from '../../src/shared/friendly-errors.ts';
import { parseMetadata, scanMetadata } from '../../src/shared/metadata.ts';
import { metadataFilesPiiProblems, metadataPiiProblems } from './metadata-pii.ts';

const file = 'src/content/datasets/311-service-requests.yaml';
const valid = await readFile(new URL('../../src/content/datasets/311-service-requests.yaml', import.meta.url), 'utf8');
const problemsOf = (text: string) => {
  const parsed = parseMetadata(file, text);
  if (!parsed.dataset) throw new Error(formatProblems(parsed.problems));
  return metadataPiiProblems(file, parsed.dataset, parsed.lineOf);
};

describe('personal data in the metadata itself', () => {
  it('finds nothing in the demo metadata', () => {
    expect(problemsOf(valid)).toEqual([]);
  });

  it("refuses an e-mail address and a phone number written into a field's example, with file, line, field and a masked value", () => {
    const text = valid.replace('example: Deep pothole in the right lane, cars swerving around it', 'example: "Call Dana at (312) 555-0187 or dana.whitfield@complainant.example"');
    const line = text.split('\n').findIndex((l) => l.includes('dana.whitfield')) + 1;
    expect(formatProblems(problemsOf(text))).toBe(
      [
        `  ${file}:${line}  fields[9].example: an e-mail address in text that is published on the page and in every metadata export (detector email; masked "d***.*********@***********.*****le"). Remove it: contactPoint is the only place for an e-mail address or phone number, and it should be a role's, not a person's`,
        `  ${file}:${line}  fields[9].example: a phone number in text that is published on the page and in every metadata export (detector phone; masked "(3**) ***-**87"). Remove it: contactPoint is the only place for an e-mail address or phone number, and it should be a role's, not a person's`,
      ].join('\n'),
    );
  });

  it('reads every kind of maintainer text: summary, caveats, allowed values, units, transform reasons, uses', () => {
    const text = valid
      .replace(/^summary: .*$/m, 'summary: "Requests to the city, collected by Maria Schmidt every night since 2019."')
      .replace(/allowedValues: \[Old Town,/, 'allowedValues: [Hauptstraße 34,');
    const fields = problemsOf(text).map((p) => `${p.field} ${p.message.split(' in text')[0]}`);
    expect(fields).toEqual(["summary a person's name (given name and surname)", 'fields[6].allowedValues[0] a street address with a house number']);
  });

  it('allows the contact point its e-mail address and the sign-offs their names', () => {
    const text = valid.replace(/(contactPoint:\n\s+name: ).*/, '$1Maria Schmidt').replace('Priya Raman, 311 Program Manager', 'Anna Schneider');
    expect(text).toContain('name: Maria Schmidt');
    expect(text).toContain('dataSteward: { name: "Anna Schneider"');
    expect(problemsOf(text)).toEqual([]);
    // The same name anywhere else is refused.
    expect(problemsOf(text.replace(/^rowMeaning: .*$/m, 'rowMeaning: "one request, checked by Anna Schneider"')).map((p) => p.field)).toEqual(['rowMeaning']);
  });

  it('reads every file catalog:check and build:data read', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'metadata-pii-'));
    try {
      await mkdir(path.join(root, 'src/content/datasets'), { recursive: true });
      await writeFile(path.join(root, file), valid.replace(/^rowMeaning: .*$/m, 'rowMeaning: "one request; call 030 1234567 for details"'));
      const scan = await scanMetadata(root);
      expect(metadataFilesPiiProblems(scan.files).map((p) => `${p.file}:${p.line} ${p.field}`)).toEqual([`${file}:${valid.split('\n').findIndex((l) => l.startsWith('rowMeaning:')) + 1} rowMeaning`]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
