import { describe, expect, it } from 'vitest';
import { csvCell, csvHeader, csvRowWriter, jsonRowWriter, jsonValue, neutraliseFormula, UTF8_BOM } from './row-writers.ts';

const csvRow = csvRowWriter([
  { name: 'a', type: 'integer' },
  { name: 'b', type: 'number' },
  { name: 'c', type: 'string' },
]);

describe('CSV cells (RFC 4180)', () => {
  it('writes NULL as an empty cell and the empty string as ""', () => {
    expect(
      csvRowWriter([
        { name: 'a', type: 'string' },
        { name: 'b', type: 'string' },
      ])([null, '']),
    ).toBe(',""\r\n');
  });

  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(csvCell('Oak, "red"\nnorth')).toBe('"Oak, ""red""\nnorth"');
  });

  it('leaves plain values and numbers as they are', () => {
    expect(csvRow(['42', '-3.5', 'plain'])).toBe('42,-3.5,plain\r\n');
  });

  it('neutralises text cells a spreadsheet would run as formulas, as OWASP recommends', () => {
    const row = csvRowWriter([
      { name: 'amount', type: 'number' },
      { name: 'note', type: 'string' },
      { name: 'other', type: 'string' },
    ]);
    expect(row(['-42', '=HYPERLINK("http://x")', '@SUM(A1)'])).toBe('-42,"\'=HYPERLINK(""http://x"")","\'@SUM(A1)"\r\n');
    expect(row(['1', '+1+2', '\tstarts with a tab'])).toBe('1,"\'+1+2","\'\tstarts with a tab"\r\n');
    expect(row(['2', '-2+3', '\rcarriage'])).toBe('2,"\'-2+3","\'\rcarriage"\r\n');
  });

  it('keeps numbers written in text columns as numbers, and ordinary text untouched', () => {
    expect(neutraliseFormula('-42')).toBe('-42');
    expect(neutraliseFormula('+3.5e2')).toBe('+3.5e2');
    expect(neutraliseFormula('Oak - red')).toBe('Oak - red');
    expect(neutraliseFormula('- a list item')).toBe("'- a list item");
  });

  it("writes booleans as true and false, not PostgreSQL's t and f", () => {
    expect(
      csvRowWriter([
        { name: 'a', type: 'boolean' },
        { name: 'b', type: 'boolean' },
      ])(['t', 'f']),
    ).toBe('true,false\r\n');
  });

  it('writes a header of column names', () => {
    expect(
      csvHeader([
        { name: 'id', type: 'integer' },
        { name: 'a,b', type: 'string' },
      ]),
    ).toBe('id,"a,b"\r\n');
  });
});

describe('JSON values', () => {
  it('types numbers and booleans and keeps numeric digits exactly', () => {
    expect(jsonValue('12345678901234567890.123', 'number')).toBe('12345678901234567890.123');
    expect(jsonValue('t', 'boolean')).toBe('true');
    expect(jsonValue('f', 'boolean')).toBe('false');
  });

  it('keeps NaN and Infinity as strings, since JSON has no such numbers', () => {
    expect(jsonValue('NaN', 'number')).toBe('"NaN"');
    expect(jsonValue('-Infinity', 'number')).toBe('"-Infinity"');
  });

  it('writes dates and timestamps as the database wrote them', () => {
    expect(jsonValue('2024-03-01 08:00:00', 'datetime')).toBe('"2024-03-01 08:00:00"');
  });

  it('writes a row object with NULL as null and escapes text', () => {
    const write = jsonRowWriter([
      { name: 'id', type: 'integer' },
      { name: 'note', type: 'string' },
      { name: 'gone', type: 'date' },
    ]);
    expect(write(['1', 'say "hi"\n', null])).toBe('{"id":1,"note":"say \\"hi\\"\\n","gone":null}');
  });
});

describe('the Excel-friendly CSV', () => {
  it('is the CSV with a UTF-8 byte order mark (EF BB BF) and CRLF line ends', () => {
    const bytes = Buffer.from(UTF8_BOM + csvHeader([{ name: 'café', type: 'string' }]), 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe('café\r\n');
  });
});
