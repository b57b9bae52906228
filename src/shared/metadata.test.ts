import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { crossCheck, parseMetadata } from './metadata.ts';
import { formatProblems } from './friendly-errors.ts';

const file = 'src/content/datasets/street-trees.yaml';
const valid = await readFile(new URL('../../src/content/datasets/street-trees.yaml', import.meta.url), 'utf8');

function problems(text: string, name = file): string {
  return formatProblems(parseMetadata(name, text).problems);
}

describe('metadata errors name the file, the line, the field and the fix', () => {
  it('accepts the demo metadata', () => {
    expect(parseMetadata(file, valid).problems).toEqual([]);
  });

  it('reports a YAML syntax error with its line', () => {
    expect(problems('id: street-trees\ntitle: [unclosed\n')).toMatch(/^ {2}src\/content\/datasets\/street-trees\.yaml:\d+ {2}\(YAML syntax\): .*fix the YAML/);
  });

  it('reports a missing required field', () => {
    expect(problems(valid.replace(/^rowMeaning:.*\n/m, ''))).toContain('rowMeaning: required field is missing (expected string); add it');
  });

  it('reports a wrong type without calling it missing', () => {
    expect(problems(valid.replace(/^title:.*$/m, 'title: 42'))).toContain('title: expected string, received number; write a string here');
  });

  it('reports an unknown licence and frequency with the allowed values', () => {
    const text = valid.replace(/^license:.*$/m, 'license: MIT-ish').replace(/^frequency:.*$/m, 'frequency: hourly');
    const out = problems(text);
    expect(out).toMatch(/street-trees\.yaml:\d+ {2}license: license must be one of CC0-1\.0, .* or an https URL/);
    expect(out).toMatch(/frequency: frequency must be one of: continuous, daily/);
  });

  it('refuses a 5 MB description and other overlong texts at their line, with the limit and the length', () => {
    const huge = 'A long text. '.repeat(400_000);
    const text = valid
      .replace(/^description: \|\n/m, `description: |\n  ${huge}\n`)
      .replace(/^rowMeaning:.*$/m, `rowMeaning: ${'x'.repeat(201)}`)
      .replace(/^keywords:.*$/m, `keywords: [${Array.from({ length: 31 }, (_, i) => `k${i}`).join(', ')}]`);
    const out = problems(text);
    expect(out).toMatch(
      /street-trees\.yaml:\d+ {2}description: keep the description to 20,000 characters or fewer \(it has 5,20\d,\d{3}\): it is copied into pages and every catalog export; link to a longer document instead/,
    );
    expect(out).toMatch(/rowMeaning: keep what one row means to 200 characters or fewer \(it has 201\)/);
    expect(out).toMatch(/keywords: list at most 30 keywords/);
  });

  it('reports an undocumented column at the line of its field', () => {
    const text = valid.replace(/(fields:\n(?:.*\n)*?\s+description: ).*/, '$1short');
    expect(problems(text)).toMatch(/:\d+ {2}fields\[0\]\.description: describe the column in plain language/);
  });

  it('reports a misspelt field name', () => {
    expect(problems(valid.replace(/^summary:/m, 'sumary:'))).toContain('unknown field(s) "sumary": check the spelling');
  });

  it('reports an id that differs from the file name', () => {
    expect(problems(valid, 'src/content/datasets/trees.yaml')).toContain('id: id "street-trees" differs from the file name; rename the file to street-trees.yaml or set id: trees');
  });

  it('reports duplicate ids and unknown related datasets across files', () => {
    const dataset = parseMetadata(file, valid).dataset!;
    const out = formatProblems(
      crossCheck([
        { file, dataset: { ...dataset, related: ['no-such-dataset'] } },
        { file: 'src/content/datasets/copy.yaml', dataset },
      ]),
    );
    expect(out).toContain('src/content/datasets/copy.yaml  id: id "street-trees" is already used by src/content/datasets/street-trees.yaml');
    expect(out).toContain('related: related dataset "no-such-dataset" does not exist');
  });

  it('does not report a related dataset as missing when only its file is invalid', () => {
    const dataset = parseMetadata(file, valid).dataset!;
    expect(crossCheck([{ file, dataset: { ...dataset, related: ['broken-one'] } }], ['broken-one'])).toEqual([]);
  });
});
