import { readRleBitPackedHybrid } from 'hyparquet/src/encoding.js';
import { describe, expect, it } from 'vitest';
import { floatText, publishedText, type ParquetColumnType } from '../../../src/shared/parquet-columns.ts';
import { FormatNotWritable } from '../errors.ts';
import { Bytes, rleHybrid } from './parquet-rle.ts';
import { parseDate, parseDecimal, parseInteger, parseTime, parseTimestamp } from './parquet-values.ts';

/** Parses PostgreSQL's text as the Parquet writer does, and prints the value back as the explorer does. */
function roundTrip(text: string, type: ParquetColumnType): string {
  const buf = Buffer.from(text, 'latin1');
  const parse = {
    date: () => parseDate(buf, 0, buf.length),
    timestamp: () => parseTimestamp(buf, 0, buf.length, 'at'),
    timestamptz: () => parseTimestamp(buf, 0, buf.length, 'at'),
    time: () => parseTime(buf, 0, buf.length),
    decimal: () => parseDecimal(buf, 0, buf.length, type.scale!, 'amount'),
    int64: () => parseInteger(buf, 0, buf.length),
  }[type.kind as 'date'];
  return publishedText(parse(), type);
}

describe('Parquet values and the published text', () => {
  it('gives back every date as PostgreSQL prints it, before year 1, after 9999 and at infinity', () => {
    for (const date of ['2024-02-29', '1970-01-01', '1969-12-31', '0001-01-01', '0001-12-31 BC', '0044-03-15 BC', '4713-01-01 BC', '10000-01-01', '5874897-12-31', 'infinity', '-infinity']) {
      expect(roundTrip(date, { kind: 'date' })).toBe(date);
    }
  });

  it('gives back timestamps with their fractions, the UTC offset PostgreSQL prints and the era', () => {
    for (const at of [
      '2024-01-01 00:00:00+00',
      '2024-01-01 00:00:00.000001+00',
      '1969-12-31 23:59:59.5+00',
      '0044-03-15 12:00:01.5+00 BC',
      '294246-12-31 23:59:59.999999+00',
      'infinity',
      '-infinity',
    ]) {
      expect(roundTrip(at, { kind: 'timestamptz' })).toBe(at);
    }
    for (const wall of ['2022-01-03 18:54:35', '1900-02-28 23:59:59.25', '0001-01-01 00:00:00 BC']) expect(roundTrip(wall, { kind: 'timestamp' })).toBe(wall);
    // Another offset is taken off into UTC, as a timestamptz is one instant.
    expect(roundTrip('2000-02-29 12:00:00-05:30', { kind: 'timestamptz' })).toBe('2000-02-29 17:30:00+00');
  });

  it('refuses a timestamp Parquet cannot count rather than wrapping it', () => {
    const text = Buffer.from('294276-12-31 23:59:59.999999+00');
    expect(() => parseTimestamp(text, 0, text.length, 'closed_at')).toThrow(
      new FormatNotWritable('the column "closed_at" holds a timestamp after 294247-01-10, later than Parquet\'s microseconds since 1970 can count'),
    );
  });

  it('gives back times up to 24:00:00', () => {
    for (const time of ['00:00:00', '00:00:00.000001', '13:45:00.25', '23:59:59.999999', '24:00:00']) expect(roundTrip(time, { kind: 'time' })).toBe(time);
  });

  it('gives back decimals with exactly their scale, past 15 digits too', () => {
    for (const [text, scale] of [
      ['0.00', 2],
      ['-0.01', 2],
      ['12345678901234.5678', 4],
      ['-99999999999999.9999', 4],
      ['123456789012345678901234567890.12', 2],
      ['42', 0],
    ] as const) {
      expect(roundTrip(text, { kind: 'decimal', precision: 38, scale })).toBe(text);
    }
    const nan = Buffer.from('NaN');
    expect(() => parseDecimal(nan, 0, nan.length, 2, 'amount')).toThrow(FormatNotWritable);
  });

  it('gives back integers beyond 2^53 exactly', () => {
    for (const n of ['9223372036854775807', '-9223372036854775808', '9007199254740993', '-1', '0']) expect(roundTrip(n, { kind: 'int64' })).toBe(n);
  });

  it('prints floats as PostgreSQL does with extra_float_digits = 1', () => {
    const float8: [number, string][] = [
      [1e20, '1e+20'],
      [1e15, '1e+15'],
      [1e14, '100000000000000'],
      [1.2345678901234568e17, '1.2345678901234568e+17'],
      [1.5e-7, '1.5e-07'],
      [0.0001, '0.0001'],
      [0.00001, '1e-05'],
      [100, '100'],
      [0.1, '0.1'],
      [1 / 3, '0.3333333333333333'],
      [-2.5e300, '-2.5e+300'],
      [5e-324, '5e-324'],
      [-0, '-0'],
      [NaN, 'NaN'],
      [-Infinity, '-Infinity'],
    ];
    for (const [value, text] of float8) expect(floatText(value, 'float8')).toBe(text);
    const float4: [number, string][] = [
      [1e20, '1e+20'],
      [1e6, '1e+06'],
      [1e5, '100000'],
      [123456, '123456'],
      [1234567, '1.234567e+06'],
      [0.1, '0.1'],
      [1.5e-7, '1.5e-07'],
      [0.0001, '0.0001'],
      [3.4e38, '3.4e+38'],
      [16777217, '1.6777216e+07'],
    ];
    for (const [value, text] of float4) expect(floatText(Math.fround(value), 'float4')).toBe(text);
  });
});

describe('the RLE / bit-packing hybrid', () => {
  it('encodes what a Parquet reader decodes back, for runs, noise and every bit width', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff) / 0x7fffffff;
    for (const bitWidth of [1, 2, 3, 7, 8, 12, 16]) {
      const values = Array.from({ length: 5000 }, (_, i) => (i % 700 < 300 ? 1 : Math.floor(random() * 2 ** bitWidth)));
      const out = new Bytes(16);
      rleHybrid(out, values, 100, values.length, bitWidth);
      const bytes = out.view();
      const decoded = new Array<number>(values.length - 100);
      readRleBitPackedHybrid({ view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset: 0 }, bitWidth, decoded, bytes.length);
      expect(decoded, `bit width ${bitWidth}`).toEqual(values.slice(100));
    }
  });
});
