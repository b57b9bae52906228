import { parquetMetadataAsync, parquetRead, readOffsetIndex, type AsyncBuffer, type Compressors, type FileMetaData, type OffsetIndex, type ParquetParsers } from 'hyparquet';
import { decompress } from 'fzstd';
import type { FieldType } from '../../schemas/field.ts';
import { csvHeader, csvRowWriter } from '../../shared/csv-encoding.ts';
import { columnTypeOf, publishedText, type ParquetColumnType, type PhysicalValue } from '../../shared/parquet-columns.ts';
import { compileFilter, type ColumnStatistics, type CompiledFilter } from './filters.ts';
import type { Filter, Sort } from './view-state.ts';

/**
 * One version's `data.parquet`, as the table explorer queries it: filters evaluated column by
 * column on the row groups their statistics cannot rule out, a sort on one column, the rows of a
 * page fetched through the offset index (only the pages that hold them), and an export of the
 * matching rows encoded exactly like `data.csv` (src/shared/csv-encoding.ts), each value turned
 * back into PostgreSQL's text (src/shared/parquet-columns.ts). Runs in the explorer's worker, and
 * in Node for the tests.
 */

export interface ExplorerColumn {
  name: string;
  title: string;
  type: FieldType;
  /** Every value the column takes, when the profile lists them all (for a pick-list). */
  choices?: string[];
}

interface Group {
  start: number;
  rows: number;
  stats: Map<string, ColumnStatistics>;
}

/** Values of one column in one row group, physical (see src/shared/parquet-columns.ts); null for NULL. */
type ColumnValues = ArrayLike<PhysicalValue | null | undefined>;

/** A file that can fetch many ranges in a few requests (range-file.ts). */
interface MeteredFileLike {
  prefetch(ranges: readonly (readonly [number, number])[]): Promise<void>;
}

/** Tells a long operation to stop between row groups (the reader asked for something else). */
export type Cancelled = () => boolean;

export class QueryCancelled extends Error {}

// fzstd allocates its own output: given one, it decompressed three times slower (0.40 against 0.14 ms for a 16 kB page).
const compressors: Compressors = { ZSTD: (input) => decompress(input) };

/** Statistics and values in physical units: days, microseconds as bigints, text decoded. */
const parsers: Partial<ParquetParsers> = {
  dateFromDays: (days) => days,
  timestampFromMicroseconds: (micros) => micros,
  timestampFromMilliseconds: (millis) => BigInt(millis) * 1000n,
  timestampFromNanoseconds: (nanos) => BigInt(nanos) / 1000n,
};

/** Cached column values, in values, before the cache is emptied (about 100-300 MB in a browser). */
const CACHE_VALUES = 8_000_000;
/** Needed rows closer than this in one row group are read as one range. */
const CLUSTER_ROWS = 512;
/** Row ranges read at once for a page of scattered rows: enough to overlap the requests, few enough to bound the memory of the pages decoded. */
const READS_AT_ONCE = 8;
/** Text sorts in the reader's language up to this many different values, else in character order. */
const COLLATED_VALUES = 200_000;

export class ParquetTable {
  readonly rowCount: number;
  readonly columns: readonly (ExplorerColumn & { parquet: ParquetColumnType })[];
  readonly groups: readonly Group[];
  private readonly file: AsyncBuffer;
  /** The file's metadata with logical types taken off (strings excepted): hyparquet then returns physical values. */
  private readonly physical: FileMetaData;
  private readonly cache = new Map<string, ColumnValues>();
  private cachedValues = 0;

  private constructor(file: AsyncBuffer, metadata: FileMetaData, columns: readonly ExplorerColumn[]) {
    this.file = file;
    const elements = metadata.schema.slice(1);
    this.columns = columns.map((column) => {
      const element = elements.find((e) => e.name === column.name);
      const parquet = element && columnTypeOf(element);
      if (!parquet) throw new Error(`the data file has no column "${column.name}" of a known type`);
      return { ...column, parquet };
    });
    this.physical = {
      ...metadata,
      schema: metadata.schema.map((e) => (e.type === 'BYTE_ARRAY' ? e : { ...e, converted_type: undefined, logical_type: undefined })),
    };
    let start = 0;
    this.groups = metadata.row_groups.map((group) => {
      const rows = Number(group.num_rows);
      const stats = new Map<string, ColumnStatistics>();
      for (const chunk of group.columns) {
        const s = chunk.meta_data?.statistics;
        const name = chunk.meta_data?.path_in_schema[0];
        if (name) stats.set(name, { min: s?.min_value ?? s?.min, max: s?.max_value ?? s?.max, nulls: s?.null_count === undefined ? undefined : Number(s.null_count), rows });
      }
      const g = { start, rows, stats };
      start += rows;
      return g;
    });
    this.rowCount = start;
  }

  static async open(file: AsyncBuffer, columns: readonly ExplorerColumn[]): Promise<ParquetTable> {
    const metadata = await parquetMetadataAsync(file, { parsers, initialFetchSize: 1 << 16 });
    return new ParquetTable(file, metadata, columns);
  }

  column(name: string) {
    const column = this.columns.find((c) => c.name === name);
    if (!column) throw new Error(`no column "${name}"`);
    return column;
  }

  /** Whole columns of one row group (cached: the next filter or sort on them fetches nothing). */
  private async groupColumns(g: number, names: readonly string[]): Promise<Map<string, ColumnValues>> {
    const group = this.groups[g]!;
    const out = new Map<string, ColumnValues>();
    const missing = names.filter((name) => {
      const hit = this.cache.get(`${g}:${name}`);
      if (hit) out.set(name, hit);
      return !hit;
    });
    if (missing.length === 0) return out;
    const arrays = new Map(missing.map((name) => [name, new Array<PhysicalValue | null>(group.rows)]));
    await parquetRead({
      file: this.file,
      metadata: this.physical,
      columns: [...missing],
      rowStart: group.start,
      rowEnd: group.start + group.rows,
      compressors,
      parsers,
      onChunk: ({ columnName, columnData, rowStart }) => {
        const target = arrays.get(columnName)!;
        for (let k = 0; k < columnData.length; k++) target[rowStart - group.start + k] = columnData[k] as PhysicalValue | null;
      },
    });
    if (this.cachedValues > CACHE_VALUES) {
      this.cache.clear();
      this.cachedValues = 0;
    }
    for (const [name, values] of arrays) {
      this.cache.set(`${g}:${name}`, values);
      this.cachedValues += values.length;
      out.set(name, values);
    }
    return out;
  }

  /** The rows (by position in the file) that match every filter, or null for all rows. */
  async match(filters: readonly Filter[], cancelled: Cancelled = () => false, progress?: (done: number, total: number) => void): Promise<Uint32Array | null> {
    if (filters.length === 0) return null;
    const compiled: CompiledFilter[] = filters.map((f) => {
      const column = this.column(f.column);
      return compileFilter(f, column.parquet, column.title);
    });
    const names = [...new Set(compiled.map((f) => f.column))];
    const candidates = this.groups.flatMap((group, g) => (compiled.every((f) => f.mayMatch(group.stats.get(f.column) ?? { rows: group.rows })) ? [g] : []));
    const parts: Uint32Array[] = [];
    let done = 0;
    for (const g of candidates) {
      if (cancelled()) throw new QueryCancelled();
      const group = this.groups[g]!;
      const values = await this.groupColumns(g, names);
      const hits = new Uint32Array(group.rows);
      let count = 0;
      const tests = compiled.map((f) => ({ test: f.test, values: values.get(f.column)! }));
      for (let r = 0; r < group.rows; r++) {
        let ok = true;
        for (const { test, values: column } of tests) {
          if (!test(column[r])) {
            ok = false;
            break;
          }
        }
        if (ok) hits[count++] = group.start + r;
      }
      parts.push(hits.subarray(0, count));
      progress?.(++done, candidates.length);
    }
    const total = parts.reduce((sum, p) => sum + p.length, 0);
    const matches = new Uint32Array(total);
    let at = 0;
    for (const part of parts) {
      matches.set(part, at);
      at += part.length;
    }
    return matches;
  }

  /** The matching rows in the sort's order (file order without one); empty cells last either way. */
  async order(matches: Uint32Array | null, sort: Sort | null, cancelled: Cancelled = () => false, progress?: (done: number, total: number) => void): Promise<Uint32Array | null> {
    if (!sort) return matches;
    const column = this.column(sort.column);
    const rows = matches ?? allRows(this.rowCount);
    // The rows are in file order: the row groups they fall in, walking alongside them.
    const groupOfRow = new Uint16Array(rows.length);
    const groupsNeeded: number[] = [];
    for (let i = 0, g = 0; i < rows.length; i++) {
      while (g + 1 < this.groups.length && this.groups[g + 1]!.start <= rows[i]!) g++;
      groupOfRow[i] = g;
      if (groupsNeeded.at(-1) !== g) groupsNeeded.push(g);
    }
    const values = new Map<number, ColumnValues>();
    let done = 0;
    for (const g of groupsNeeded) {
      if (cancelled()) throw new QueryCancelled();
      values.set(g, (await this.groupColumns(g, [column.name])).get(column.name)!);
      progress?.(++done, groupsNeeded.length);
    }
    const valueAt = (i: number) => values.get(groupOfRow[i]!)![rows[i]! - this.groups[groupOfRow[i]!]!.start];
    const keys = new Float64Array(rows.length);
    if (column.parquet.kind === 'text') {
      const ranks = textRanks(rows.length, valueAt);
      for (let i = 0; i < rows.length; i++) {
        const v = valueAt(i);
        keys[i] = typeof v === 'string' ? ranks.get(v)! : NaN;
      }
    } else {
      for (let i = 0; i < rows.length; i++) keys[i] = sortKey(valueAt(i), column.parquet);
    }
    return sortRows(rows, keys, sort.descending);
  }

  private groupOf(row: number): number {
    let low = 0;
    let high = this.groups.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.groups[mid]!.start <= row) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** The physical values of the given rows (positions in the file), every column, in the order given. */
  async readRows(rows: ArrayLike<number>): Promise<(PhysicalValue | null)[][]> {
    const wanted = [...new Set(Array.from(rows))].sort((a, b) => a - b);
    const found = new Map<number, (PhysicalValue | null)[]>();
    const ranges: [number, number][] = [];
    for (const row of wanted) {
      const last = ranges.at(-1);
      if (last && row - last[1] < CLUSTER_ROWS && this.groupOf(row) === this.groupOf(last[0])) last[1] = row + 1;
      else ranges.push([row, row + 1]);
    }
    const names = this.columns.map((c) => c.name);
    await this.prefetchPages(wanted);
    await inBatches(ranges, READS_AT_ONCE, ([rowStart, rowEnd]) =>
      parquetRead({
        file: this.file,
        metadata: this.physical,
        columns: names,
        rowStart,
        rowEnd,
        compressors,
        parsers,
        useOffsetIndex: true,
        onComplete: (data) => data.forEach((values, k) => found.set(rowStart + k, values as (PhysicalValue | null)[])),
      }),
    );
    return Array.from(rows, (r) => found.get(r)!);
  }

  /**
   * Fetches, in a few merged requests, the pages that hold these rows in every column (and the
   * dictionaries), found through the offset indexes; the reads that follow then come from memory.
   * Without it a page of 50 scattered rows was some 800 requests. Only a file that can prefetch.
   */
  private async prefetchPages(rows: readonly number[]): Promise<void> {
    const file = this.file as Partial<MeteredFileLike>;
    if (!file.prefetch || rows.length === 0) return;
    const groups = [...new Set(rows.map((r) => this.groupOf(r)))];
    const ranges: [number, number][] = [];
    for (const g of groups) {
      const chunks = this.physical.row_groups[g]!.columns;
      const indexes = await this.offsetIndexes(g);
      const inGroup = rows.filter((r) => this.groupOf(r) === g).map((r) => r - this.groups[g]!.start);
      chunks.forEach((chunk, c) => {
        const meta = chunk.meta_data!;
        if (meta.dictionary_page_offset !== undefined) ranges.push([Number(meta.dictionary_page_offset), Number(meta.data_page_offset)]);
        const pages = indexes[c]?.page_locations;
        if (!pages) {
          // No offset index: the whole chunk.
          const start = Number(meta.dictionary_page_offset ?? meta.data_page_offset);
          ranges.push([start, start + Number(meta.total_compressed_size)]);
          return;
        }
        for (const row of inGroup) {
          let p = pages.length - 1;
          while (p > 0 && Number(pages[p]!.first_row_index) > row) p--;
          const page = pages[p]!;
          ranges.push([Number(page.offset), Number(page.offset) + page.compressed_page_size]);
        }
      });
    }
    await file.prefetch(ranges);
  }

  /** The offset index of each column chunk of a row group (null where there is none), read in one request. */
  private async offsetIndexes(g: number): Promise<(OffsetIndex | null)[]> {
    const chunks = this.physical.row_groups[g]!.columns;
    const located = chunks.filter((c) => c.offset_index_offset !== undefined && c.offset_index_length);
    if (located.length === 0) return chunks.map(() => null);
    const start = Math.min(...located.map((c) => Number(c.offset_index_offset)));
    const end = Math.max(...located.map((c) => Number(c.offset_index_offset) + c.offset_index_length!));
    const bytes = await this.file.slice(start, end);
    return chunks.map((chunk) => {
      if (chunk.offset_index_offset === undefined || !chunk.offset_index_length) return null;
      return readOffsetIndex({ view: new DataView(bytes, Number(chunk.offset_index_offset) - start, chunk.offset_index_length), offset: 0 });
    });
  }

  /** A row's values as PostgreSQL's text (data.csv's values before CSV quoting); null for NULL. */
  text(values: readonly (PhysicalValue | null | undefined)[]): (string | null)[] {
    return this.columns.map((column, i) => {
      const value = values[i];
      return value === null || value === undefined ? null : publishedText(value, column.parquet);
    });
  }

  /** The matching rows, in order, as the pieces of a CSV file encoded exactly like data.csv. */
  async exportCsv(order: Uint32Array | null, cancelled: Cancelled = () => false, progress?: (done: number, total: number) => void): Promise<string[]> {
    const writeRow = csvRowWriter(this.columns);
    const header = csvHeader(this.columns);
    const names = this.columns.map((c) => c.name);
    const count = order ? order.length : this.rowCount;
    // Where each row goes in the file: rows are read a row group at a time, in any order.
    const byGroup = new Map<number, [row: number, at: number][]>();
    for (let at = 0; at < count; at++) {
      const row = order ? order[at]! : at;
      const g = this.groupOf(row);
      let list = byGroup.get(g);
      if (!list) byGroup.set(g, (list = []));
      list.push([row, at]);
    }
    const lines = new Array<string>(count);
    let done = 0;
    for (const [g, list] of [...byGroup].sort((a, b) => a[0] - b[0])) {
      if (cancelled()) throw new QueryCancelled();
      const group = this.groups[g]!;
      const values = await this.readGroup(g, names);
      for (const [row, at] of list) lines[at] = writeRow(this.text(values.map((column) => column[row - group.start])));
      progress?.(++done, byGroup.size);
    }
    return [header, ...lines];
  }

  /** A whole row group, every column, not cached (exports read each group once). */
  private async readGroup(g: number, names: readonly string[]): Promise<ColumnValues[]> {
    const group = this.groups[g]!;
    const arrays = names.map(() => new Array<PhysicalValue | null>(group.rows));
    const index = new Map(names.map((name, i) => [name, i]));
    await parquetRead({
      file: this.file,
      metadata: this.physical,
      columns: [...names],
      rowStart: group.start,
      rowEnd: group.start + group.rows,
      compressors,
      parsers,
      onChunk: ({ columnName, columnData, rowStart }) => {
        const target = arrays[index.get(columnName)!]!;
        for (let k = 0; k < columnData.length; k++) target[rowStart - group.start + k] = columnData[k] as PhysicalValue | null;
      },
    });
    return arrays;
  }
}

/** A value as a number that sorts like it: exact for integers to 2^53 and for every date and time. */
function sortKey(value: PhysicalValue | null | undefined, type: ParquetColumnType): number {
  if (value === null || value === undefined) return NaN;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Uint8Array) {
    // A wide decimal: its two's complement bytes, big-endian.
    let n = 0;
    for (const byte of value) n = n * 256 + byte;
    return value[0]! >= 0x80 ? n - 256 ** value.length : n;
  }
  if (type.kind === 'float' || type.kind === 'double') return Number.isNaN(value) ? Infinity : Number(value);
  return Number(value);
}

const collator = typeof Intl === 'object' ? new Intl.Collator(undefined, { numeric: true }) : null;

/** Each distinct text's rank: in the reader's language's order, or character order for very many values. */
function textRanks(count: number, valueAt: (i: number) => PhysicalValue | null | undefined): Map<string, number> {
  const distinct = new Set<string>();
  for (let i = 0; i < count; i++) {
    const v = valueAt(i);
    if (typeof v === 'string') distinct.add(v);
  }
  const sorted = [...distinct];
  if (collator && sorted.length <= COLLATED_VALUES) sorted.sort(collator.compare);
  else sorted.sort();
  return new Map(sorted.map((v, i) => [v, i]));
}

/**
 * The rows ordered by their keys (NaN for an empty value, kept last either way), stable: rows with
 * equal keys stay in file order. A least-significant-digit radix sort on the keys' bits, 16 bits a
 * pass: a million rows in a few tens of milliseconds, where a comparison sort took a second.
 */
export function sortRows(rows: Uint32Array, keys: Float64Array, descending: boolean): Uint32Array {
  const total = keys.length;
  // Positions of the filled keys first, then of the empty ones (both in file order).
  const positions = new Uint32Array(total);
  let n = 0;
  let emptyAt = total;
  for (let i = total - 1; i >= 0; i--) if (Number.isNaN(keys[i]!)) positions[--emptyAt] = i;
  for (let i = 0; i < total; i++) if (!Number.isNaN(keys[i]!)) positions[n++] = i;
  // Each key as an unsigned 64-bit pattern that orders like the number (sign bit flipped, negatives inverted).
  const bits = new Float64Array(1);
  const words = new Uint32Array(bits.buffer);
  const high = new Uint32Array(n);
  const low = new Uint32Array(n);
  const sign = descending ? -1 : 1;
  for (let k = 0; k < n; k++) {
    // + 0 makes -0 and 0 one key.
    bits[0] = sign * keys[positions[k]!]! + 0;
    const h = words[1]!;
    if (h >>> 31) {
      high[k] = ~h >>> 0;
      low[k] = ~words[0]! >>> 0;
    } else {
      high[k] = (h | 0x80000000) >>> 0;
      low[k] = words[0]!;
    }
  }
  let order = new Uint32Array(n);
  for (let k = 0; k < n; k++) order[k] = k;
  let spare = new Uint32Array(n);
  const counts = new Uint32Array(65536);
  const pass = (word: Uint32Array, shift: number) => {
    counts.fill(0);
    for (let k = 0; k < n; k++) counts[(word[k]! >>> shift) & 0xffff]!++;
    // A pass where every key has the same digit changes nothing.
    if (counts[(word[0]! >>> shift) & 0xffff] === n) return;
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = counts[d]!;
      counts[d] = sum;
      sum += c;
    }
    for (let k = 0; k < n; k++) {
      const at = order[k]!;
      spare[counts[(word[at]! >>> shift) & 0xffff]!++] = at;
    }
    [order, spare] = [spare, order];
  };
  if (n > 0) {
    pass(low, 0);
    pass(low, 16);
    pass(high, 0);
    pass(high, 16);
  }
  const out = new Uint32Array(total);
  for (let k = 0; k < n; k++) out[k] = rows[positions[order[k]!]!]!;
  for (let k = emptyAt; k < total; k++) out[k] = rows[positions[k]!]!;
  return out;
}

/** Runs `work` on every item, at most `limit` at a time. */
async function inBatches<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** 0, 1, …, count - 1. */
function allRows(count: number): Uint32Array {
  const rows = new Uint32Array(count);
  for (let i = 0; i < count; i++) rows[i] = i;
  return rows;
}
