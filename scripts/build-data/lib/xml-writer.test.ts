import { describe, expect, it } from 'vitest';
import { XML_FOOTER, xmlEscape, xmlHeader, xmlRowWriter } from './xml-writer.ts';

const columns = [
  { name: 'id', type: 'integer' },
  { name: 'open', type: 'boolean' },
  { name: 'note', type: 'string' },
] as const;

describe('the XML download', () => {
  it('escapes markup characters, quotes and carriage returns so the value survives a parser', () => {
    expect(xmlEscape('<b>"Tom" & Jerry</b>')).toBe('&lt;b&gt;&quot;Tom&quot; &amp; Jerry&lt;/b&gt;');
    expect(xmlEscape('line\r\nnext\ttab')).toBe('line&#13;\nnext\ttab');
  });

  it('replaces characters XML 1.0 cannot carry with U+FFFD, keeping valid surrogate pairs', () => {
    expect(xmlEscape('a\u0001b\u000Bc\uFFFF')).toBe('a\uFFFDb\uFFFDc\uFFFD');
    expect(xmlEscape('tree 🌳')).toBe('tree 🌳');
    expect(xmlEscape('lone \uD83C here')).toBe('lone \uFFFD here');
  });

  it('declares the columns and their types once, then writes one <row> per row with NULL distinct from empty', () => {
    const xml = xmlHeader('street-trees', columns) + xmlRowWriter(columns)(['7', 't', null]) + xmlRowWriter(columns)(['8', 'f', '']) + XML_FOOTER;
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<dataset id="street-trees">\n' +
        '<columns><column name="id" type="integer"/><column name="open" type="boolean"/><column name="note" type="string"/></columns>\n<rows>\n' +
        '<row><value name="id">7</value><value name="open">true</value><value name="note" null="true"/></row>\n' +
        '<row><value name="id">8</value><value name="open">false</value><value name="note"></value></row>\n' +
        '</rows>\n</dataset>\n',
    );
  });

  it('escapes column names with markup in them', () => {
    expect(xmlRowWriter([{ name: 'a"<b', type: 'string' }])(['x'])).toBe('<row><value name="a&quot;&lt;b">x</value></row>\n');
  });

  it('writes formula-like text exactly (XML is never evaluated)', () => {
    expect(xmlRowWriter([{ name: 'n', type: 'string' }])(['=HYPERLINK("x")'])).toContain('>=HYPERLINK(&quot;x&quot;)<');
  });
});
