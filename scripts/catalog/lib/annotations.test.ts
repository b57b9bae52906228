import { describe, expect, it } from 'vitest';
import { formatAnnotation } from './annotations.ts';

describe('GitHub annotations', () => {
  it('escapes the message and the properties as the Actions runner expects', () => {
    expect(formatAnnotation({ file: 'src/content/datasets/a,b.yaml', line: 12, field: 'fields[0].name', message: '100% wrong:\nsee here' })).toMatchInlineSnapshot(
      `"::error file=src/content/datasets/a%2Cb.yaml,line=12,title=catalog%3Acheck fields[0].name::fields[0].name: 100%25 wrong:%0Asee here"`,
    );
  });

  it('writes warnings as warnings and leaves out an unknown line', () => {
    expect(formatAnnotation({ file: 'x.yaml', line: null, field: 'id', message: 'm', severity: 'warning' })).toBe('::warning file=x.yaml,title=catalog%3Acheck id::id: m');
  });
});
