import { describe, expect, it } from 'vitest';
import { decodeField } from './copy-text.ts';

describe('COPY text decoding', () => {
  it('reads \\N as NULL', () => {
    expect(decodeField('\\N')).toBeNull();
  });

  it('unescapes tabs, newlines, carriage returns and backslashes inside values', () => {
    expect(decodeField('line one\\nline two\\ttab\\r\\\\end')).toBe('line one\nline two\ttab\r\\end');
  });

  it('keeps a literal "\\N" text value (escaped as \\\\N) distinct from NULL', () => {
    expect(decodeField('\\\\N')).toBe('\\N');
  });
});
