import { isUtf8 } from 'node:buffer';
import { ByteWriter } from './byte-writer.ts';
import { decodeField, type Row } from './copy-text.ts';
import { csvCellKind, csvField, jsonValue, type CsvCellKind, type OutputColumn } from './row-writers.ts';
import { notUtf8Message } from './text-encoding.ts';

/**
 * Turns PostgreSQL's COPY text output (https://www.postgresql.org/docs/current/sql-copy.html,
 * "Text Format") straight into the bytes of the CSV and JSON files, byte by byte, without making
 * a JavaScript string of each value: that decoding and re-encoding was most of the snapshot's CPU.
 * The rules are those of row-writers.ts (the tests hold the two to the same output); values that
 * need a rule's full form (a possible spreadsheet formula, a pseudonym, an unusual escape) take
 * the string path through those very functions.
 *
 * Rows are handed to consumers (the personal-data scan, the profile, the preview) as a `CopyRow`,
 * which decodes a value to a string only when asked.
 */

export interface TranscodedColumn extends OutputColumn {
  /** Replaces each non-null value on the stream (the keyed pseudonym); what every output and consumer sees. */
  replace?: (value: string) => string;
}

const TAB = 9;
const LF = 10;
const QUOTE = 34;
const COMMA = 44;
const BACKSLASH = 92;

/** Field flags found while scanning a field's bytes. */
const ESCAPED = 1; // has a backslash escape
const CSV_QUOTE = 2; // has a quote, comma, or an escaped line break or carriage return
const JSON_ESCAPE = 4; // has a quote, a backslash escape or a raw control character
const UNUSUAL = 8; // an escape PostgreSQL does not write (octal, hex): decoded by decodeField

/** The character each COPY escape letter stands for (PostgreSQL writes these and `\\`). */
const unescape = new Int16Array(128).fill(-1);
for (const [letter, code] of [
  ['b', 8],
  ['f', 12],
  ['n', 10],
  ['r', 13],
  ['t', 9],
  ['v', 11],
  ['\\', 92],
] as const)
  unescape[letter.charCodeAt(0)] = code;

/** How JSON.stringify writes each control character. */
const jsonControl = Array.from({ length: 32 }, (_, c) => Buffer.from(JSON.stringify(String.fromCharCode(c)).slice(1, -1), 'latin1'));

/** Column kinds as numbers, for the byte loops. */
const PLAIN = 0;
const BOOLEAN = 1;
const TEXT = 2;

const ascii = (s: string) => Buffer.from(s, 'latin1');
const TRUE = ascii('true');
const FALSE = ascii('false');
const NULL = ascii('null');

/** One row of COPY output, in the chunk it arrived in. Valid only during the consumer's call. */
export class CopyRow {
  buf: Buffer = Buffer.alloc(0);
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly flags: Uint8Array;
  readonly nulls: Uint8Array;
  private readonly replace: readonly (((value: string) => string) | undefined)[];
  private readonly cache: (string | null | undefined)[];

  constructor(columns: readonly TranscodedColumn[]) {
    const n = columns.length;
    this.starts = new Int32Array(n);
    this.ends = new Int32Array(n);
    this.flags = new Uint8Array(n);
    this.nulls = new Uint8Array(n);
    this.replace = columns.map((c) => c.replace);
    this.cache = new Array<string | null | undefined>(n);
  }

  /** Forgets the decoded values of the previous row. */
  reset(): void {
    this.cache.fill(undefined);
  }

  isNull(i: number): boolean {
    return this.nulls[i] === 1;
  }

  /** The published value of column `i` (decoded, pseudonym applied), or null. */
  value(i: number): string | null {
    const cached = this.cache[i];
    if (cached !== undefined) return cached;
    let value: string | null = null;
    if (this.nulls[i] === 0) {
      const text = this.buf.toString('utf8', this.starts[i], this.ends[i]);
      value = this.flags[i]! & ESCAPED ? decodeField(text) : text;
      const replace = this.replace[i];
      if (replace && value !== null) value = replace(value);
    }
    this.cache[i] = value;
    return value;
  }

  /**
   * Whether the value's bytes in `buf` (from `starts[i]` to `ends[i]`) are its published UTF-8
   * bytes: no COPY escape to decode and no pseudonym to apply. Otherwise `value(i)` gives the text.
   */
  isVerbatim(i: number): boolean {
    return (this.flags[i]! & ESCAPED) === 0 && this.replace[i] === undefined;
  }

  /** Every value of the row. */
  values(): Row {
    return Array.from(this.starts, (_, i) => this.value(i));
  }
}

export interface TranscoderOptions {
  columns: readonly TranscodedColumn[];
  /** Write the JSON file's rows too. */
  json: boolean;
  /** Write the CSV (default); false only splits rows for `onRow`. */
  csv?: boolean;
  /** Copy the CSV bytes of this many first rows into `sample`. */
  sampleRows: number;
  /** Called for each row, after its bytes are written. */
  onRow?: (row: CopyRow) => void;
}

/**
 * Streams COPY text chunks into CSV and JSON bytes. Chunks may end anywhere; the incomplete last
 * row is carried to the next chunk. Throws on a row with the wrong number of columns and on bytes
 * that are not UTF-8.
 */
export class CopyTranscoder {
  readonly csv = new ByteWriter();
  readonly json: ByteWriter | null;
  readonly sample = new ByteWriter(1 << 16);
  rowCount = 0;
  private readonly n: number;
  private readonly kinds: CsvCellKind[];
  private readonly kindCodes: Uint8Array;
  private readonly replacedFlags: Uint8Array;
  private readonly keysLength: number;
  private readonly types: OutputColumn['type'][];
  private readonly keys: Buffer[];
  private readonly sampleRows: number;
  private readonly onRow: ((row: CopyRow) => void) | undefined;
  private readonly writeCsv: boolean;
  private readonly row: CopyRow;
  private readonly columnNames: string[];
  private tail: Buffer | null = null;

  constructor(options: TranscoderOptions) {
    const { columns } = options;
    this.n = columns.length;
    this.kinds = columns.map((c) => csvCellKind(c.type));
    this.types = columns.map((c) => c.type);
    this.kindCodes = Uint8Array.from(this.kinds, (k) => (k === 'boolean' ? BOOLEAN : k === 'text' ? TEXT : PLAIN));
    this.replacedFlags = Uint8Array.from(columns, (c) => (c.replace ? 1 : 0));
    this.keys = columns.map((c, i) => Buffer.from((i === 0 ? '{' : ',') + JSON.stringify(c.name) + ':', 'utf8'));
    this.keysLength = this.keys.reduce((sum, k) => sum + k.length, 0);
    this.json = options.json ? new ByteWriter() : null;
    this.sampleRows = options.sampleRows;
    this.onRow = options.onRow;
    this.writeCsv = options.csv ?? true;
    this.row = new CopyRow(columns);
    this.columnNames = columns.map((c) => c.name);
  }

  push(chunk: Buffer): void {
    let data = chunk;
    if (this.tail) {
      // Finish the carried row with the start of this chunk, then go on in the chunk itself (no copy of it).
      const first = chunk.indexOf(LF) + 1;
      if (first === 0) {
        this.tail = Buffer.concat([this.tail, chunk]);
        return;
      }
      const joined = Buffer.concat([this.tail, chunk.subarray(0, first)]);
      this.tail = null;
      this.transcode(joined, joined.length);
      data = chunk.subarray(first);
    }
    const end = data.lastIndexOf(LF) + 1;
    this.tail = end < data.length ? Buffer.from(data.subarray(end)) : null;
    if (end > 0) this.transcode(data, end);
  }

  private transcode(data: Buffer, end: number): void {
    if (!isUtf8(data.subarray(0, end))) throw new Error(this.notUtf8(data, end));
    this.rows(data, end);
  }

  /** Which column holds the bytes that are not UTF-8 (raw tabs and newlines only separate fields in COPY text), and how to convert them. */
  private notUtf8(data: Buffer, end: number): string {
    let p = 0;
    let row = 0;
    while (p < end) {
      for (let col = 0; col < this.n && p < end; col++) {
        let q = p;
        while (q < end && data[q] !== TAB && data[q] !== LF) q++;
        if (!isUtf8(data.subarray(p, q))) {
          return notUtf8Message(this.columnNames[col]!, ` (first in row ${(this.rowCount + row + 1).toLocaleString('en')} of the published order)`);
        }
        p = q + 1;
      }
      row++;
    }
    return 'the table holds text that is not valid UTF-8; convert it to UTF-8 in a view, or correct the values at the source.';
  }

  /** Call at end of stream; throws if the stream ended inside a row. */
  end(): void {
    if (this.tail && this.tail.length > 0) throw new Error('COPY output ended in the middle of a row (connection lost?)');
  }

  private rows(buf: Buffer, end: number): void {
    const { n, row, csv, json } = this;
    const { starts, ends, flags, nulls } = row;
    row.buf = buf;
    let p = 0;
    while (p < end) {
      // Split the row into fields, noting what each needs.
      for (let col = 0; col < n; col++) {
        const s = p;
        let f = 0;
        let b = buf[p]!;
        while (b !== TAB && b !== LF) {
          if (b === BACKSLASH) {
            const c = buf[p + 1]!;
            f |= ESCAPED | JSON_ESCAPE;
            if (c === 110 || c === 114) f |= CSV_QUOTE;
            else if (c === TAB || c === LF) {
              f |= UNUSUAL;
              b = buf[++p]!;
              continue;
            } else if (c >= 128 || unescape[c] === -1) f |= UNUSUAL;
            p += 2;
          } else {
            if (b < 45) {
              if (b === QUOTE) f |= CSV_QUOTE | JSON_ESCAPE;
              else if (b === COMMA) f |= CSV_QUOTE;
              else if (b < 32) f |= JSON_ESCAPE;
            }
            p++;
          }
          b = buf[p]!;
        }
        starts[col] = s;
        ends[col] = p;
        flags[col] = f;
        nulls[col] = p - s === 2 && buf[s] === BACKSLASH && buf[s + 1] === 78 ? 1 : 0;
        if ((b === LF) !== (col === n - 1)) throw new Error(`COPY returned a row with ${b === LF ? col + 1 : 'more than ' + n} columns where ${n} were selected`);
        p++;
      }
      row.reset();
      if (this.writeCsv) {
        const rowStart = csv.length;
        this.csvRow(buf);
        if (this.rowCount < this.sampleRows) this.sample.bytes(csv.buf, rowStart, csv.length);
      }
      if (json) this.jsonRow(buf, json);
      this.onRow?.(row);
      this.rowCount++;
    }
  }

  // The two writers below make room once per row (for the worst case: every byte doubled or
  // escaped) and then write into the buffer directly: no call per byte or per field.

  private csvRow(buf: Buffer): void {
    const { n, csv, row, kinds, kindCodes, replacedFlags } = this;
    const { starts, ends, flags, nulls } = row;
    const room = 2 * (ends[n - 1]! - starts[0]!) + 6 * n + 2;
    csv.ensure(room);
    let dst = csv.buf;
    let at = csv.length;
    for (let i = 0; i < n; i++) {
      if (i > 0) dst[at++] = COMMA;
      if (nulls[i]) continue;
      const s = starts[i]!;
      const e = ends[i]!;
      const f = flags[i]!;
      const kind = kindCodes[i]!;
      if (kind === BOOLEAN && !(f & UNUSUAL)) {
        const word = buf[s] === 116 ? TRUE : FALSE;
        for (let k = 0; k < word.length; k++) dst[at++] = word[k]!;
      } else if (replacedFlags[i] || f & UNUSUAL || (kind === TEXT && mayBeFormula(buf, s, e))) {
        // The full rule, through row-writers.ts.
        csv.length = at;
        csv.text(csvField(row.value(i), kinds[i]!));
        csv.ensure(room);
        dst = csv.buf;
        at = csv.length;
      } else if (s === e) {
        dst[at++] = QUOTE;
        dst[at++] = QUOTE;
      } else if (f & (CSV_QUOTE | ESCAPED)) {
        const quoted = (f & CSV_QUOTE) !== 0;
        if (quoted) dst[at++] = QUOTE;
        for (let k = s; k < e; k++) {
          let b = buf[k]!;
          if (b === BACKSLASH) b = unescape[buf[++k]!]!;
          else if (b === QUOTE) dst[at++] = QUOTE;
          dst[at++] = b;
        }
        if (quoted) dst[at++] = QUOTE;
      } else {
        // A loop: Buffer#copy's checks cost more than copying a value of a few hundred bytes.
        for (let k = s; k < e; k++) dst[at++] = buf[k]!;
      }
    }
    dst[at++] = 13;
    dst[at++] = LF;
    csv.length = at;
  }

  private jsonRow(buf: Buffer, json: ByteWriter): void {
    const { n, row, kindCodes, replacedFlags, keys, keysLength } = this;
    const { starts, ends, flags, nulls } = row;
    const room = keysLength + 6 * (ends[n - 1]! - starts[0]!) + 6 * n + 3;
    json.ensure(room);
    let dst = json.buf;
    let at = json.length;
    if (this.rowCount > 0) dst[at++] = COMMA;
    dst[at++] = LF;
    for (let i = 0; i < n; i++) {
      const key = keys[i]!;
      for (let k = 0; k < key.length; k++) dst[at++] = key[k]!;
      const s = starts[i]!;
      const e = ends[i]!;
      const f = flags[i]!;
      const kind = kindCodes[i]!;
      if (nulls[i]) {
        for (let k = 0; k < 4; k++) dst[at++] = NULL[k]!;
      } else if (replacedFlags[i] || f & UNUSUAL) {
        json.length = at;
        json.text(jsonValue(row.value(i), this.types[i]!));
        json.ensure(room);
        dst = json.buf;
        at = json.length;
      } else if (kind === BOOLEAN) {
        const word = buf[s] === 116 ? TRUE : FALSE;
        for (let k = 0; k < word.length; k++) dst[at++] = word[k]!;
      } else if (kind === PLAIN && isJsonNumber(buf, s, e)) {
        for (let k = s; k < e; k++) dst[at++] = buf[k]!;
      } else {
        dst[at++] = QUOTE;
        if (f & JSON_ESCAPE) {
          for (let k = s; k < e; k++) {
            let b = buf[k]!;
            if (b === BACKSLASH) b = unescape[buf[++k]!]!;
            if (b < 32) {
              const escaped = jsonControl[b]!;
              for (let x = 0; x < escaped.length; x++) dst[at++] = escaped[x]!;
            } else {
              if (b === QUOTE || b === BACKSLASH) dst[at++] = BACKSLASH;
              dst[at++] = b;
            }
          }
        } else {
          for (let k = s; k < e; k++) dst[at++] = buf[k]!;
        }
        dst[at++] = QUOTE;
      }
    }
    dst[at++] = 125; // }
    json.length = at;
  }
}

/** Whether a text value's first character is one a spreadsheet starts a formula with (then the full rule decides). */
function mayBeFormula(buf: Buffer, s: number, e: number): boolean {
  if (s === e) return false;
  const b = buf[s];
  // = + - @, or an escaped tab or carriage return.
  return b === 61 || b === 43 || b === 45 || b === 64 || (b === BACKSLASH && (buf[s + 1] === 116 || buf[s + 1] === 114));
}

/** Index of the first byte at or after `i` that is not a digit. */
function skipDigits(buf: Buffer, i: number, e: number): number {
  while (i < e && buf[i]! >= 48 && buf[i]! <= 57) i++;
  return i;
}

/** The bytes match `-?\d+(\.\d+)?([eE][-+]?\d+)?`, the JSON number form (NaN and Infinity do not). */
function isJsonNumber(buf: Buffer, s: number, e: number): boolean {
  let i = buf[s] === 45 ? s + 1 : s;
  let from = i;
  i = skipDigits(buf, i, e);
  if (i === from) return false;
  if (i < e && buf[i] === 46) {
    from = ++i;
    i = skipDigits(buf, i, e);
    if (i === from) return false;
  }
  if (i < e && (buf[i] === 101 || buf[i] === 69)) {
    i++;
    if (i < e && (buf[i] === 43 || buf[i] === 45)) i++;
    from = i;
    i = skipDigits(buf, i, e);
    if (i === from) return false;
  }
  return i === e;
}
