import { describe, expect, it } from 'vitest';
import { csvCell, csvHeader, csvRow, jsonRowWriter, jsonValue } from './row-writers.ts';

describe('CSV cells (RFC 4180)', () => {
  it('writes NULL as an empty cell and the empty string as ""', () => {
    expect(csvRow([null, ''])).toBe(',""\r\n');
  });

  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(csvCell('Oak, "red"\nnorth')).toBe('"Oak, ""red""\nnorth"');
  });

  it('leaves plain values and numbers as they are', () => {
    expect(csvRow(['42', '-3.5', 'plain'])).toBe('42,-3.5,plain\r\n');
  });

  it('writes a header of column names', () => {
    expect(csvHeader([{ name: 'id', type: 'integer' }, { name: 'a,b', type: 'string' }])).toBe('id,"a,b"\r\n');
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
