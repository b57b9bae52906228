import { describe, expect, it } from 'vitest';
import { CopyTextSplitter, decodeField, decodeLine } from './copy-text.ts';

describe('COPY text decoding', () => {
  it('reads \\N as NULL and keeps an empty string empty', () => {
    expect(decodeLine('a\t\\N\t')).toEqual(['a', null, '']);
  });

  it('unescapes tabs, newlines, carriage returns and backslashes inside values', () => {
    expect(decodeField('line one\\nline two\\ttab\\r\\\\end')).toBe('line one\nline two\ttab\r\\end');
  });

  it('keeps a literal "\\N" text value (escaped as \\\\N) distinct from NULL', () => {
    expect(decodeField('\\\\N')).toBe('\\N');
  });

  it('joins rows and multi-byte characters split across chunks', () => {
    const splitter = new CopyTextSplitter();
    const bytes = new TextEncoder().encode('1\tcafé\n2\tnaïve\n');
    const cut = 8; // inside the two-byte "é"
    const rows = [...splitter.push(bytes.slice(0, cut)), ...splitter.push(bytes.slice(cut))];
    splitter.end();
    expect(rows).toEqual([
      ['1', 'café'],
      ['2', 'naïve'],
    ]);
  });

  it('refuses a stream that ends inside a row', () => {
    const splitter = new CopyTextSplitter();
    splitter.push(new TextEncoder().encode('1\tpartial'));
    expect(() => splitter.end()).toThrow(/middle of a row/);
  });
});
