import { decimalBytes, decimalPhysical, type ParquetColumnType } from '../../../src/shared/parquet-columns.ts';
import type { CopyRow } from './copy-transcoder.ts';
import { parseDate, parseDecimal, parseInteger, parseTime, parseTimestamp } from './parquet-values.ts';
// real's and double precision's text (NaN and ±Infinity included) as Number() reads it, without a string for plain decimals.
import { parseNumber } from './column-stats.ts';
import { Bytes, rleHybrid } from './parquet-rle.ts';
import { ByteDictionary } from './byte-dictionary.ts';
import { FormatNotWritable } from '../errors.ts';

/**
 * One column of one row group of `data.parquet`, filled from the COPY stream's rows and encoded
 * into pages (parquet-file-writer.ts writes them). Values are read from the row's bytes; only text
 * that needs decoding (a COPY escape, a pseudonym) becomes a string. Pages close at about
 * PAGE_BYTES of values, so the file's offset index lets a reader fetch a few rows without the
 * whole column chunk; each page keeps its minimum, maximum and null count for the column index.
 */

/**
 * Rows per data page, the same in every column, so that reading one row (a page of sorted results
 * in the explorer) decodes a few thousand values per column rather than a whole column chunk.
 */
export const PAGE_ROWS = 2048;
/** A text page also closes at this many bytes of values (long texts). */
export const PAGE_BYTES = 256 * 1024;

/** A value in statistics: numbers and bigints compare as numbers, text as unsigned bytes. */
export type StatValue = number | bigint | boolean | Uint8Array;

export interface EncodedPage {
  rows: number;
  nulls: number;
  /** Definition levels (RLE, bit width 1), stored uncompressed in a version 2 data page. */
  levels: Uint8Array;
  /** The values' encoding, before compression. */
  values: Uint8Array;
  encoding: 'PLAIN' | 'RLE_DICTIONARY';
  min: StatValue | undefined;
  max: StatValue | undefined;
}

export interface EncodedChunk {
  /** PLAIN-encoded dictionary entries, when the chunk is dictionary-encoded. */
  dictionary?: { values: Uint8Array; count: number };
  pages: EncodedPage[];
}

export interface ColumnBuffer {
  /** Adds this column's value of `row`; may throw FormatNotWritable. */
  add(row: CopyRow): void;
  /** Bytes of values buffered (row groups close at a size as well as a row count). */
  readonly bytes: number;
  /** Encodes the buffered rows into pages (views of the buffer: valid until `reset`). */
  finish(): EncodedChunk;
  /** Empties the buffer for the next row group (its memory is reused). */
  reset(): void;
}

/** What a column remembers from one row group to the next. */
export interface ColumnState {
  /** The column's text proved too varied for a dictionary in an earlier row group: write it plain. */
  plain: boolean;
}

interface PageMark {
  /** First row and first non-null value of the page. */
  row: number;
  value: number;
  nulls: number;
  min: StatValue | undefined;
  max: StatValue | undefined;
  /** Text: where the page's values start in the plain buffer, and where its smallest and largest value are (-1: none yet). */
  dataStart: number;
  minAt: number;
  maxAt: number;
}

const newPage = (row: number, value: number, dataStart = 0): PageMark => ({ row, value, nulls: 0, min: undefined, max: undefined, dataStart, minAt: -1, maxAt: -1 });

/** Definition levels of rows [from, to): 1 for a value, 0 for NULL. */
function encodeLevels(defs: Uint8Array, from: number, to: number): Uint8Array {
  const out = new Bytes(16);
  rleHybrid(out, defs, from, to, 1);
  return out.view();
}

/**
 * The pages of a column chunk with what every column type writes the same way: the rows and null
 * count of each, its definition levels, and where its values end (`next`: the page after it).
 */
function pageSpans(pages: readonly PageMark[], rows: number, values: number, defs: Uint8Array) {
  return pages.map((page, p) => {
    const next = pages[p + 1];
    const rowEnd = next ? next.row : rows;
    return { page, next, valueEnd: next ? next.value : values, common: { rows: rowEnd - page.row, nulls: page.nulls, levels: encodeLevels(defs, page.row, rowEnd) } };
  });
}

/** The number types: one fixed-width value per non-null row, in a byte buffer. */
class FixedWidthBuffer implements ColumnBuffer {
  bytes = 0;
  private rows = 0;
  private count = 0;
  private readonly defs: Uint8Array;
  private readonly data: Uint8Array;
  private readonly view: DataView;
  private pages: PageMark[] = [newPage(0, 0)];
  private readonly perPage: number;
  private readonly index: number;
  private readonly width: number;
  /** Parses the value's bytes and stores it at `offset`; returns it for the statistics (undefined: not counted, e.g. NaN). */
  private readonly put: (view: DataView, offset: number, buf: Buffer, s: number, e: number) => StatValue | undefined;

  constructor(index: number, width: number, capacity: number, put: FixedWidthBuffer['put']) {
    this.index = index;
    this.width = width;
    this.put = put;
    this.defs = new Uint8Array(capacity);
    this.data = new Uint8Array(capacity * width);
    this.view = new DataView(this.data.buffer);
    this.perPage = PAGE_ROWS;
  }

  add(row: CopyRow): void {
    const r = this.rows++;
    let page = this.pages.at(-1)!;
    if (r - page.row >= this.perPage) this.pages.push((page = newPage(r, this.count)));
    const i = this.index;
    if (row.nulls[i]) {
      this.defs[r] = 0;
      page.nulls++;
      return;
    }
    this.defs[r] = 1;
    const value = this.put(this.view, this.count * this.width, row.buf, row.starts[i]!, row.ends[i]!);
    this.count++;
    this.bytes += this.width;
    if (value === undefined) return;
    if (page.min === undefined || value < page.min) page.min = value;
    if (page.max === undefined || value > page.max) page.max = value;
  }

  reset(): void {
    this.rows = this.count = this.bytes = 0;
    this.pages = [newPage(0, 0)];
  }

  finish(): EncodedChunk {
    return {
      pages: pageSpans(this.pages, this.rows, this.count, this.defs).map(({ page, valueEnd, common }) => ({
        ...common,
        values: this.data.subarray(page.value * this.width, valueEnd * this.width),
        encoding: 'PLAIN',
        ...floatZeros(page),
      })),
    };
  }
}

/** Parquet statistics order -0 before +0: a zero minimum is written -0 and a zero maximum +0. */
function floatZeros(page: PageMark): { min: StatValue | undefined; max: StatValue | undefined } {
  return { min: page.min === 0 ? -0 : page.min, max: page.max === 0 ? 0 : page.max };
}

/** Stores an INT64 (a number while exact, else a bigint) little-endian. */
function putInt64(view: DataView, offset: number, value: number | bigint): void {
  if (typeof value === 'bigint') {
    view.setBigInt64(offset, value, true);
    return;
  }
  const high = Math.floor(value / 4_294_967_296);
  view.setUint32(offset, value - high * 4_294_967_296, true);
  view.setInt32(offset + 4, high, true);
}

/** Booleans: one byte per value while buffered, bit-packed per page when encoded. */
class BooleanBuffer implements ColumnBuffer {
  bytes = 0;
  private rows = 0;
  private count = 0;
  private readonly defs: Uint8Array;
  private readonly data: Uint8Array;
  private pages: PageMark[] = [newPage(0, 0)];
  private readonly index: number;

  constructor(index: number, capacity: number) {
    this.index = index;
    this.defs = new Uint8Array(capacity);
    this.data = new Uint8Array(capacity);
  }

  add(row: CopyRow): void {
    const r = this.rows++;
    let page = this.pages.at(-1)!;
    if (r - page.row >= PAGE_ROWS) this.pages.push((page = newPage(r, this.count)));
    const i = this.index;
    if (row.nulls[i]) {
      this.defs[r] = 0;
      page.nulls++;
      return;
    }
    this.defs[r] = 1;
    const value = row.buf[row.starts[i]!] === 116; // "t"
    this.data[this.count++] = value ? 1 : 0;
    this.bytes++;
    if (page.min === undefined || (!value && page.min)) page.min = value;
    if (page.max === undefined || (value && !page.max)) page.max = value;
  }

  reset(): void {
    this.rows = this.count = this.bytes = 0;
    this.pages = [newPage(0, 0)];
  }

  finish(): EncodedChunk {
    return {
      pages: pageSpans(this.pages, this.rows, this.count, this.defs).map(({ page, valueEnd, common }) => {
        const packed = new Uint8Array(Math.ceil((valueEnd - page.value) / 8));
        for (let k = page.value; k < valueEnd; k++) if (this.data[k]) packed[(k - page.value) >> 3]! |= 1 << ((k - page.value) & 7);
        return { ...common, values: packed, encoding: 'PLAIN' as const, min: page.min, max: page.max };
      }),
    };
  }
}

/** A dictionary gives way to plain text past this many entries or bytes, or when most values are new. */
const DICTIONARY_LIMITS = { maxEntries: 1 << 15, maxBytes: 1 << 20 };
const DICTIONARY_PROBE = 4096;

/** Unsigned byte order of two PLAIN values (4-byte length, then the bytes) in one buffer. */
function comparePlain(b: Uint8Array, x: number, y: number): number {
  const nx = b[x]! | (b[x + 1]! << 8) | (b[x + 2]! << 16) | (b[x + 3]! << 24);
  const ny = b[y]! | (b[y + 1]! << 8) | (b[y + 2]! << 16) | (b[y + 3]! << 24);
  const n = Math.min(nx, ny);
  for (let k = 4; k < n + 4; k++) {
    const d = b[x + k]! - b[y + k]!;
    if (d !== 0) return d;
  }
  return nx - ny;
}

/**
 * Text: dictionary-encoded while the column repeats itself (categories, statuses, neighbourhoods),
 * else PLAIN (length-prefixed UTF-8). A column that outgrows its dictionary in a row group is
 * written plain from then on, in this and the later row groups.
 */
class TextBuffer implements ColumnBuffer {
  bytes = 0;
  private rows = 0;
  private count = 0;
  private readonly defs: Uint8Array;
  private pages: PageMark[] = [newPage(0, 0)];
  private pageBytes = 0;
  /** PLAIN values (4-byte little-endian length, then the bytes). */
  private readonly plain = new Bytes(1 << 16);
  /** While dictionary-encoded: the entries and each value's entry number. */
  private dictionary: ByteDictionary | null;
  private indexes: Int32Array;
  private readonly index: number;
  private readonly state: ColumnState;

  constructor(index: number, capacity: number, state: ColumnState) {
    this.index = index;
    this.state = state;
    this.defs = new Uint8Array(capacity);
    this.dictionary = state.plain ? null : new ByteDictionary(DICTIONARY_LIMITS);
    this.indexes = new Int32Array(state.plain ? 0 : capacity);
  }

  add(row: CopyRow): void {
    const r = this.rows++;
    let page = this.pages.at(-1)!;
    if (r - page.row >= PAGE_ROWS || this.pageBytes >= PAGE_BYTES) {
      this.pages.push((page = newPage(r, this.count, this.plain.length)));
      this.pageBytes = 0;
    }
    const i = this.index;
    if (row.nulls[i]) {
      this.defs[r] = 0;
      page.nulls++;
      return;
    }
    this.defs[r] = 1;
    let buf: Uint8Array = row.buf;
    let s = row.starts[i]!;
    let e = row.ends[i]!;
    if (!row.isVerbatim(i)) {
      buf = Buffer.from(row.value(i)!, 'utf8');
      s = 0;
      e = buf.length;
    }
    this.bytes += e - s;
    this.pageBytes += e - s;
    const dictionary = this.dictionary;
    if (dictionary) {
      const entry = dictionary.lookup(buf, s, e);
      // Past the limits, or most values new (an identifier, free text): the dictionary costs more than it saves.
      if (entry !== -1 && !(entry >= DICTIONARY_PROBE && entry * 2 > this.count)) {
        this.indexes[this.count++] = entry;
        return;
      }
      this.toPlain();
    }
    this.addPlain(page, buf, s, e);
    this.count++;
  }

  private addPlain(page: PageMark, buf: Uint8Array, s: number, e: number): void {
    const out = this.plain;
    const n = e - s;
    out.ensure(n + 4);
    const at = out.length;
    const b = out.buf;
    b[at] = n & 0xff;
    b[at + 1] = (n >>> 8) & 0xff;
    b[at + 2] = (n >>> 16) & 0xff;
    b[at + 3] = (n >>> 24) & 0xff;
    if (n < 64) for (let k = 0; k < n; k++) b[at + 4 + k] = buf[s + k]!;
    else b.set(buf.subarray(s, e), at + 4);
    out.length = at + 4 + n;
    this.track(page, at);
  }

  /** Updates the page's bounds with the plain value at `at` (positions, not views: a view per new bound cost more than the value). */
  private track(page: PageMark, at: number): void {
    if (page.minAt < 0) {
      page.minAt = page.maxAt = at;
      return;
    }
    const b = this.plain.buf;
    if (comparePlain(b, at, page.minAt) < 0) page.minAt = at;
    else if (comparePlain(b, at, page.maxAt) > 0) page.maxAt = at;
  }

  private plainValue(at: number): Uint8Array {
    const b = this.plain.buf;
    return b.subarray(at + 4, at + 4 + (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)));
  }

  /** Each page's smallest and largest entry, by rank (dictionary mode keeps no statistics per value). */
  private dictionaryStatistics(dictionary: ByteDictionary): void {
    const ranks = dictionary.ranks();
    const byRank = new Int32Array(dictionary.size);
    ranks.forEach((rank, k) => (byRank[rank] = k));
    this.pages.forEach((page, p) => {
      const end = this.pages[p + 1]?.value ?? this.count;
      if (page.value === end) return;
      let low = Number.MAX_SAFE_INTEGER;
      let high = -1;
      for (let k = page.value; k < end; k++) {
        const rank = ranks[this.indexes[k]!]!;
        if (rank < low) low = rank;
        if (rank > high) high = rank;
      }
      page.min = dictionary.entry(byRank[low]!);
      page.max = dictionary.entry(byRank[high]!);
    });
  }

  /** Gives the dictionary up: the values so far are written out plain, and the column stays plain. */
  private toPlain(): void {
    const dictionary = this.dictionary!;
    let page = 0;
    const out = this.plain;
    for (let k = 0; k < this.count; k++) {
      while (page < this.pages.length && this.pages[page]!.value === k) this.pages[page++]!.dataStart = out.length;
      const entry = dictionary.entry(this.indexes[k]!);
      out.ensure(entry.length + 4);
      const at = out.length;
      out.buf[at] = entry.length & 0xff;
      out.buf[at + 1] = (entry.length >>> 8) & 0xff;
      out.buf[at + 2] = (entry.length >>> 16) & 0xff;
      out.buf[at + 3] = (entry.length >>> 24) & 0xff;
      out.buf.set(entry, at + 4);
      out.length = at + 4 + entry.length;
      this.track(this.pages[page - 1]!, at);
    }
    while (page < this.pages.length) this.pages[page++]!.dataStart = out.length;
    this.dictionary = null;
    this.indexes = new Int32Array(0);
    this.state.plain = true;
  }

  reset(): void {
    this.rows = this.count = this.bytes = this.pageBytes = 0;
    this.pages = [newPage(0, 0)];
    this.plain.length = 0;
    this.dictionary = this.state.plain ? null : new ByteDictionary(DICTIONARY_LIMITS);
    if (!this.state.plain && this.indexes.length < this.defs.length) this.indexes = new Int32Array(this.defs.length);
  }

  finish(): EncodedChunk {
    const dictionary = this.dictionary;
    if (dictionary) this.dictionaryStatistics(dictionary);
    else for (const page of this.pages) if (page.minAt >= 0) [page.min, page.max] = [this.plainValue(page.minAt), this.plainValue(page.maxAt)];
    const bitWidth = dictionary ? Math.max(1, Math.ceil(Math.log2(Math.max(dictionary.size, 1)))) : 0;
    const pages = pageSpans(this.pages, this.rows, this.count, this.defs).map(({ page, next, valueEnd, common }): EncodedPage => {
      let values: Uint8Array;
      if (dictionary) {
        const out = new Bytes(16 + (valueEnd - page.value));
        out.byte(bitWidth);
        rleHybrid(out, this.indexes, page.value, valueEnd, bitWidth);
        values = out.view();
      } else {
        values = this.plain.buf.subarray(page.dataStart, next ? next.dataStart : this.plain.length);
      }
      return { ...common, values, encoding: dictionary ? 'RLE_DICTIONARY' : 'PLAIN', min: page.min, max: page.max };
    });
    return dictionary ? { dictionary: { values: dictionary.entries.view(), count: dictionary.size }, pages } : { pages };
  }
}

/** A new, empty buffer for one column of one row group. */
export function columnBuffer(index: number, type: ParquetColumnType, name: string, capacity: number, state: ColumnState): ColumnBuffer {
  switch (type.kind) {
    case 'boolean':
      return new BooleanBuffer(index, capacity);
    case 'int32':
      return new FixedWidthBuffer(index, 4, capacity, (view, at, buf, s, e) => {
        const value = parseInteger(buf, s, e) as number;
        view.setInt32(at, value, true);
        return value;
      });
    case 'date':
      return new FixedWidthBuffer(index, 4, capacity, (view, at, buf, s, e) => {
        const value = parseDate(buf, s, e);
        view.setInt32(at, value, true);
        return value;
      });
    case 'int64':
      return new FixedWidthBuffer(index, 8, capacity, (view, at, buf, s, e) => {
        const value = parseInteger(buf, s, e);
        putInt64(view, at, value);
        return value;
      });
    case 'timestamp':
    case 'timestamptz':
      return new FixedWidthBuffer(index, 8, capacity, (view, at, buf, s, e) => {
        const value = parseTimestamp(buf, s, e, name);
        putInt64(view, at, value);
        return value;
      });
    case 'time':
      return new FixedWidthBuffer(index, 8, capacity, (view, at, buf, s, e) => {
        const value = parseTime(buf, s, e);
        putInt64(view, at, value);
        return value;
      });
    case 'float':
      return new FixedWidthBuffer(index, 4, capacity, (view, at, buf, s, e) => {
        const value = Math.fround(parseNumber(buf, s, e));
        view.setFloat32(at, value, true);
        return Number.isNaN(value) ? undefined : value;
      });
    case 'double':
      return new FixedWidthBuffer(index, 8, capacity, (view, at, buf, s, e) => {
        const value = parseNumber(buf, s, e);
        view.setFloat64(at, value, true);
        return Number.isNaN(value) ? undefined : value;
      });
    case 'decimal':
      return decimalBuffer(index, type, name, capacity);
    case 'text':
      return new TextBuffer(index, capacity, state);
  }
}

function decimalBuffer(index: number, type: ParquetColumnType, name: string, capacity: number): ColumnBuffer {
  const precision = type.precision!;
  const scale = type.scale!;
  const physical = decimalPhysical(precision);
  if (physical === 'INT32') {
    return new FixedWidthBuffer(index, 4, capacity, (view, at, buf, s, e) => {
      const value = parseDecimal(buf, s, e, scale, name) as number;
      view.setInt32(at, value, true);
      return value;
    });
  }
  if (physical === 'INT64') {
    return new FixedWidthBuffer(index, 8, capacity, (view, at, buf, s, e) => {
      const value = parseDecimal(buf, s, e, scale, name);
      putInt64(view, at, value);
      return value;
    });
  }
  const width = decimalBytes(precision);
  const limit = 10n ** BigInt(precision);
  return new FixedWidthBuffer(index, width, capacity, (view, at, buf, s, e) => {
    const value = BigInt(parseDecimal(buf, s, e, scale, name));
    if (value >= limit || value <= -limit) throw new FormatNotWritable(`the column "${name}" holds a value of more than ${precision} digits`);
    // Big-endian two's complement, as FIXED_LEN_BYTE_ARRAY decimals are stored.
    let rest = BigInt.asUintN(8 * width, value);
    for (let k = width - 1; k >= 0; k--) {
      view.setUint8(at + k, Number(rest & 0xffn));
      rest >>= 8n;
    }
    return value;
  });
}
