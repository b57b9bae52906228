import { describe, expect, it } from 'vitest';
import type { FieldType } from '../../../src/schemas/field.ts';
import type { Row } from './copy-text.ts';
import { CopyTranscoder, type TranscodedColumn } from './copy-transcoder.ts';
import { csvRowWriter, jsonRowWriter } from './row-writers.ts';
import { seededRandom } from '../../../tests/helpers/seeded-random.ts';

/** A value as PostgreSQL's COPY text output writes it. */
function copyField(value: string | null): string {
  if (value === null) return '\\N';
  return value.replace(/[\\\t\n\r\b\f\v]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\b': '\\b', '\f': '\\f', '\v': '\\v' })[c]!);
}

const copyText = (rows: readonly Row[]) => rows.map((r) => r.map(copyField).join('\t') + '\n').join('');

/** Transcodes `text` fed in pieces of the given sizes; returns the files' text and the rows consumers saw. */
function transcode(columns: readonly TranscodedColumn[], text: string | Buffer, pieces: readonly number[] = [1 << 16], sampleRows = 2) {
  const seen: Row[] = [];
  const t = new CopyTranscoder({ columns, json: true, sampleRows, onRow: (row) => seen.push(row.values()) });
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
  let at = 0;
  for (let k = 0; at < bytes.length; k++) {
    const size = pieces[k % pieces.length]!;
    t.push(bytes.subarray(at, at + size));
    at += size;
  }
  t.end();
  return { csv: t.csv.take().toString('utf8'), json: t.json!.take().toString('utf8'), sample: t.sample.take().toString('utf8'), rows: t.rowCount, seen };
}

/** What the row writers (the string path) write for the same rows. */
function expected(columns: readonly TranscodedColumn[], rows: readonly Row[]) {
  const toCsv = csvRowWriter(columns);
  const toJson = jsonRowWriter(columns);
  const published = rows.map((r) => r.map((v, i) => (v !== null && columns[i]!.replace ? columns[i]!.replace(v) : v)));
  return { csv: published.map(toCsv).join(''), json: published.map((r, i) => (i === 0 ? '\n' : ',\n') + toJson(r)).join(''), published };
}

const columns: TranscodedColumn[] = [
  { name: 'id', type: 'integer' },
  { name: 'amount', type: 'number' },
  { name: 'open', type: 'boolean' },
  { name: 'note', type: 'string' },
  { name: 'day', type: 'date' },
  { name: 'tricky "name", with comma', type: 'string' },
];

const hostile: Row[] = [
  ['1', '12.50', 't', 'plain', '2024-01-02', 'Oak Ave'],
  ['2', '-3', 'f', '', null, 'comma, "quotes"'],
  ['3', 'NaN', null, '=HYPERLINK("http://x")', '2024-02-03', '@SUM(A1)'],
  ['4', 'Infinity', 't', '-42', null, '- a list item'],
  ['5', '1e+20', 'f', '\tstarts with a tab', '2024-03-04', '\rcarriage'],
  ['6', '12345678901234567890.123', 't', 'line\nbreak and back\\slash', null, 'tab\there'],
  ['7', null, 'f', 'control \u0001\u001f\b\f\v chars', '2024-04-05', 'ünïcödé ✓ 𝄞 "q"'],
  ['8', '-0.5', 't', '+3.5e2', '2024-05-06', '+1 555 0100'],
  ['9', '0', 'f', '\\N', '2024-06-07', 'ends with backslash \\'],
];

describe('COPY text → CSV and JSON bytes', () => {
  it('writes exactly what the row writers write, for hostile values', () => {
    const out = transcode(columns, copyText(hostile));
    const want = expected(columns, hostile);
    expect(out.csv).toBe(want.csv);
    expect(out.json).toBe(want.json);
    expect(out.rows).toBe(hostile.length);
    expect(out.seen).toEqual(hostile);
  });

  it('gives the same bytes however the stream is cut, even inside a character or an escape', () => {
    const text = copyText(hostile);
    const whole = transcode(columns, text);
    for (const pieces of [[1], [2, 3], [7], [13, 1, 64]]) expect(transcode(columns, text, pieces)).toEqual(whole);
  });

  it('keeps the first rows of the CSV as the sample', () => {
    const out = transcode(columns, copyText(hostile), [5], 3);
    expect(out.sample).toBe(expected(columns, hostile.slice(0, 3)).csv);
  });

  it('applies a replacement (the pseudonym) to every output and to what consumers see', () => {
    const hashed = columns.map((c) => (c.name === 'note' ? { ...c, replace: (v: string) => `pseudonym of ${v.length}` } : c));
    const out = transcode(hashed, copyText(hostile));
    const want = expected(hashed, hostile);
    expect(out.csv).toBe(want.csv);
    expect(out.json).toBe(want.json);
    expect(out.seen).toEqual(want.published);
  });

  it('decodes escapes PostgreSQL does not write (octal, hex) as the string decoder does', () => {
    const out = transcode([{ name: 'a', type: 'string' }], 'A\\101\\x42\\q\n');
    expect(out.seen).toEqual([['AABq']]);
    expect(out.csv).toBe('AABq\r\n');
  });

  it('matches the row writers on thousands of random rows', () => {
    const types: FieldType[] = ['integer', 'number', 'boolean', 'string', 'date', 'datetime', 'time', 'duration'];
    const cols: TranscodedColumn[] = types.map((type, i) => ({ name: `c${i}`, type }));
    const alphabet = ['a', 'Z', '0', '9', '-', '+', '=', '@', '.', 'e', 'E', ',', '"', '\\', '\t', '\n', '\r', '\b', '\u0001', ' ', 'é', '✓', '𝄞', "'", 'N'];
    const next = seededRandom(42);
    const random = (n: number) => Math.floor(next() * n);
    const randomValue = (type: FieldType): string | null => {
      if (random(8) === 0) return null;
      if (type === 'boolean') return random(2) ? 't' : 'f';
      if ((type === 'integer' || type === 'number') && random(3) > 0)
        return ['-', ''][random(2)]! + String(random(100000)) + (random(2) ? `.${random(100)}` : '') + (random(5) ? '' : `e${['+', '-', ''][random(3)]}${random(30)}`);
      return Array.from({ length: random(12) }, () => alphabet[random(alphabet.length)]).join('');
    };
    const rows: Row[] = Array.from({ length: 3000 }, () => cols.map((c) => randomValue(c.type)));
    const out = transcode(cols, copyText(rows), [4096, 17]);
    const want = expected(cols, rows);
    expect(out.csv).toBe(want.csv);
    expect(out.json).toBe(want.json);
    expect(out.seen).toEqual(rows);
  });

  it('refuses a row with the wrong number of columns, bytes that are not UTF-8, and a stream cut inside a row', () => {
    expect(() => transcode(columns.slice(0, 2), '1\t2\t3\n')).toThrow(/more than 2 columns where 2 were selected/);
    expect(() => transcode(columns.slice(0, 2), '1\n')).toThrow(/1 columns where 2 were selected/);
    expect(() => transcode([{ name: 'a', type: 'string' }], Buffer.from([0x61, 0xff, 0x0a]))).toThrow(/not valid UTF-8/);
    // The message names the column and the conversion to use.
    const latin1 = Buffer.concat([Buffer.from('1\tok\n2\tCa'), Buffer.from([0xf8]), Buffer.from('\n')]);
    expect(() =>
      transcode(
        [
          { name: 'id', type: 'integer' },
          { name: 'Place name', type: 'string' },
        ],
        latin1,
      ),
    ).toThrow(
      `column Place name holds text that is not valid UTF-8 (first in row 2 of the published order): the database keeps it in another encoding (a database created with SQL_ASCII encoding stores bytes as they were written). Publish the dataset from a view that converts the column to UTF-8, for Latin-1 text: convert_from(convert(convert_to("Place name", 'SQL_ASCII'), 'LATIN1', 'UTF8'), 'SQL_ASCII') AS "Place name" (WIN1252 for text from Windows, LATIN9 for Latin-9), or correct the values at the source.`,
    );
    const t = new CopyTranscoder({ columns: [{ name: 'a', type: 'string' }], json: false, sampleRows: 0 });
    t.push(Buffer.from('abc'));
    expect(() => t.end()).toThrow(/ended in the middle of a row/);
  });
});
