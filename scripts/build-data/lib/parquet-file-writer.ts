import { constants, zstdCompressSync } from 'node:zlib';
import type { ColumnChunk, Encoding, FileMetaData, OffsetIndex, RowGroup, SchemaElement } from 'hyparquet';
import { ByteWriter } from 'hyparquet-writer';
import { writePageHeader } from 'hyparquet-writer/src/datapage.js';
import { writeMetadata } from 'hyparquet-writer/src/metadata.js';
import { serializeTCompactProtocol } from 'hyparquet-writer/src/thrift.js';
import { unconvertMinMax } from 'hyparquet-writer/src/unconvert.js';
import { schemaElement, type ParquetColumnType } from '../../../src/shared/parquet-columns.ts';
import type { WrittenFile } from '../formats/sink.ts';
import type { CopyRow } from './copy-transcoder.ts';
import { FileSink } from './file-sink.ts';
import { columnBuffer, type ColumnBuffer, type ColumnState, type EncodedChunk, type EncodedPage, type StatValue } from './parquet-column-buffers.ts';

/**
 * Writes `data.parquet` from the COPY stream, one row group at a time: the rows of a group are
 * buffered per column (parquet-column-buffers.ts), then encoded, compressed with Zstandard and
 * written with its page indexes, so memory holds one row group whatever the table's size. Version
 * 2 data pages; per column chunk min/max statistics and null counts in the footer, and a column
 * index and offset index per chunk (after its row group), so a reader over HTTP range requests
 * (hyparquet in the table explorer, DuckDB) skips row groups and pages that cannot match and reads
 * a few rows without their whole chunk.
 *
 * The Thrift structures (page headers, indexes, the footer) are serialised with hyparquet-writer;
 * the values are encoded here, from the bytes, because its row API takes JavaScript values and
 * spent about 11 CPU seconds on a million rows of 12 columns (this writer: see bench/).
 */

/** Rows per row group: small enough that a filter on a sorted column (a date range) reads few groups over HTTP. */
export const ROW_GROUP_ROWS = 65_536;
/** A row group also closes at this many bytes of values, so memory stays bounded for very wide rows. */
const ROW_GROUP_BYTES = 32 << 20;
/** Longest text min/max kept in statistics (longer ones are truncated to a bound, as the format allows). */
const STATISTICS_BYTES = 64;
/** Level 1: on the benchmark's million rows 0.1 % larger than level 3, and about half its CPU time. */
const ZSTD_LEVEL = 1;
const MAGIC = Buffer.from('PAR1', 'latin1');
const CREATED_BY = 'civic-data-catalog version 1 (scripts/build-data/lib/parquet-file-writer.ts)';

export interface ParquetFileColumn {
  name: string;
  type: ParquetColumnType;
}

interface ChunkIndexes {
  chunk: ColumnChunk;
  offsetIndex: OffsetIndex;
  /** Null when a page has values but no bounds (only NaN): the format requires bounds for every page with values. */
  columnIndex: { null_pages: boolean[]; min_values: Uint8Array[]; max_values: Uint8Array[]; boundary_order: number; null_counts: bigint[] } | null;
}

export class ParquetFileWriter {
  private readonly file: FileSink;
  private readonly elements: SchemaElement[];
  private readonly columns: readonly ParquetFileColumn[];
  private readonly states: ColumnState[];
  private readonly groupRows: number;
  private buffers: ColumnBuffer[];
  /** The buffers of the last row group written, emptied for the next one. */
  private spare: ColumnBuffer[] | null = null;
  private rowsInGroup = 0;
  private readonly full: { buffers: ColumnBuffer[]; rows: number }[] = [];
  private readonly rowGroups: RowGroup[] = [];
  /** The page indexes of the row group being written; written after it, then forgotten (memory stays flat). */
  private indexes: ChunkIndexes[] = [];
  private offset = 0;
  private rows = 0;

  constructor(path: string, columns: readonly ParquetFileColumn[], options: { rowGroupRows?: number } = {}) {
    this.file = new FileSink(path);
    this.columns = columns;
    this.elements = columns.map((c) => schemaElement(c.name, c.type));
    this.states = columns.map(() => ({ plain: false }));
    this.groupRows = options.rowGroupRows ?? ROW_GROUP_ROWS;
    this.buffers = this.newBuffers();
  }

  get path(): string {
    return this.file.path;
  }

  private newBuffers(): ColumnBuffer[] {
    return this.columns.map((c, i) => columnBuffer(i, c.type, c.name, this.groupRows, this.states[i]!));
  }

  async start(): Promise<void> {
    await this.put([MAGIC]);
  }

  /** Adds one row (inside the COPY transcoder's loop: buffers only); may throw FormatNotWritable. */
  add(row: CopyRow): void {
    for (const buffer of this.buffers) buffer.add(row);
    this.rowsInGroup++;
    if (this.rowsInGroup === this.groupRows || ((this.rowsInGroup & 1023) === 0 && this.bufferedBytes() >= ROW_GROUP_BYTES)) this.closeGroup();
  }

  private bufferedBytes(): number {
    let bytes = 0;
    for (const buffer of this.buffers) bytes += buffer.bytes;
    return bytes;
  }

  private closeGroup(): void {
    this.full.push({ buffers: this.buffers, rows: this.rowsInGroup });
    this.buffers = this.spare ?? this.newBuffers();
    this.spare = null;
    this.rowsInGroup = 0;
  }

  /** Writes the row groups filled so far (after each COPY chunk). */
  async flush(): Promise<void> {
    while (this.full.length > 0) {
      const group = this.full.shift()!;
      await this.writeGroup(group.buffers, group.rows);
      for (const buffer of group.buffers) buffer.reset();
      this.spare ??= group.buffers;
    }
  }

  /** Writes the last row group, the page indexes and the footer; returns the file's size and SHA-256. */
  async finish(): Promise<WrittenFile> {
    if (this.rowsInGroup > 0) this.closeGroup();
    await this.flush();
    const footer = new ByteWriter();
    const metadata: FileMetaData = {
      version: 2,
      schema: [{ name: 'schema', num_children: this.elements.length }, ...this.elements],
      num_rows: BigInt(this.rows),
      row_groups: this.rowGroups,
      created_by: CREATED_BY,
      metadata_length: 0,
    };
    writeMetadata(footer, metadata, STATISTICS_BYTES);
    await this.put([footer.getBytes(), MAGIC]);
    const sha256 = await this.file.close();
    return { bytes: this.file.bytes, sha256 };
  }

  async abandon(): Promise<void> {
    await this.file.destroy();
  }

  private async put(pieces: readonly Uint8Array[]): Promise<void> {
    const bytes = Buffer.concat(pieces);
    await this.file.writeBytes(bytes);
    this.offset += bytes.length;
  }

  private async writeGroup(buffers: ColumnBuffer[], rows: number): Promise<void> {
    const encoded = buffers.map((b) => b.finish());
    // A dictionary-encoded chunk is written uncompressed: its pages are bit-packed entry numbers
    // already, and each Zstandard call costs about 0.1 ms however small the page.
    const compressed = encoded.map((chunk) => (chunk.dictionary ? [chunk.dictionary.values, ...chunk.pages.map((page) => page.values)] : [null, ...chunk.pages.map((page) => zstd(page.values))]));
    const groupStart = this.offset;
    const columns: ColumnChunk[] = [];
    let uncompressedTotal = 0n;
    for (let c = 0; c < encoded.length; c++) {
      const { chunk, uncompressed } = await this.writeChunk(c, encoded[c]!, compressed[c]!, rows);
      columns.push(chunk);
      uncompressedTotal += uncompressed;
    }
    this.rowGroups.push({ columns, num_rows: BigInt(rows), total_byte_size: uncompressedTotal, total_compressed_size: BigInt(this.offset - groupStart), file_offset: BigInt(groupStart) });
    this.rows += rows;
    await this.writeIndexes();
  }

  private async writeChunk(c: number, encoded: EncodedChunk, compressed: (Uint8Array | null)[], rows: number): Promise<{ chunk: ColumnChunk; uncompressed: bigint }> {
    const element = this.elements[c]!;
    const chunkStart = this.offset;
    const pieces: Uint8Array[] = [];
    let at = chunkStart;
    let uncompressed = 0;
    const header = (write: (w: ByteWriter) => void) => {
      const w = new ByteWriter(64);
      write(w);
      const bytes = w.getBytes();
      pieces.push(bytes);
      at += bytes.length;
      uncompressed += bytes.length;
    };
    let dictionaryOffset: bigint | undefined;
    const [dictionaryBytes, ...pageBytes] = compressed;
    if (encoded.dictionary && dictionaryBytes) {
      dictionaryOffset = BigInt(at);
      header((w) =>
        writePageHeader(w, {
          type: 'DICTIONARY_PAGE',
          uncompressed_page_size: encoded.dictionary!.values.length,
          compressed_page_size: dictionaryBytes.length,
          dictionary_page_header: { num_values: encoded.dictionary!.count, encoding: 'PLAIN' },
        }),
      );
      pieces.push(dictionaryBytes);
      at += dictionaryBytes.length;
      uncompressed += encoded.dictionary.values.length;
    }
    const dataOffset = BigInt(at);
    const locations: OffsetIndex['page_locations'] = [];
    let firstRow = 0;
    for (let p = 0; p < encoded.pages.length; p++) {
      const page = encoded.pages[p]!;
      const values = pageBytes[p]!;
      const pageStart = at;
      header((w) =>
        writePageHeader(w, {
          type: 'DATA_PAGE_V2',
          uncompressed_page_size: page.levels.length + page.values.length,
          compressed_page_size: page.levels.length + values.length,
          data_page_header_v2: {
            num_values: page.rows,
            num_nulls: page.nulls,
            num_rows: page.rows,
            encoding: page.encoding,
            definition_levels_byte_length: page.levels.length,
            repetition_levels_byte_length: 0,
            is_compressed: !encoded.dictionary,
          },
        }),
      );
      pieces.push(page.levels, values);
      at += page.levels.length + values.length;
      uncompressed += page.levels.length + page.values.length;
      locations.push({ offset: BigInt(pageStart), compressed_page_size: at - pageStart, first_row_index: BigInt(firstRow) });
      firstRow += page.rows;
    }
    await this.put(pieces);
    const stats = this.chunkStatistics(c, encoded.pages);
    const encodings: Encoding[] = encoded.dictionary ? ['PLAIN', 'RLE', 'RLE_DICTIONARY'] : ['PLAIN', 'RLE'];
    const chunk: ColumnChunk = {
      file_offset: BigInt(chunkStart),
      meta_data: {
        type: element.type!,
        encodings,
        path_in_schema: [element.name],
        codec: encoded.dictionary ? 'UNCOMPRESSED' : 'ZSTD',
        num_values: BigInt(rows),
        total_uncompressed_size: BigInt(uncompressed),
        total_compressed_size: BigInt(at - chunkStart),
        data_page_offset: dataOffset,
        ...(dictionaryOffset !== undefined ? { dictionary_page_offset: dictionaryOffset } : {}),
        statistics: stats,
      },
    };
    this.indexes.push({ chunk, offsetIndex: { page_locations: locations }, columnIndex: this.columnIndex(c, encoded.pages) });
    return { chunk, uncompressed: BigInt(uncompressed) };
  }

  /** A statistic as hyparquet-writer serialises it for this column (decimals as their unscaled integer). */
  private statistic(c: number, value: StatValue | undefined): StatValue | undefined {
    if (value === undefined) return undefined;
    if (value instanceof Uint8Array) return value.slice();
    return this.columns[c]!.type.kind === 'decimal' ? BigInt(value) : value;
  }

  private chunkStatistics(c: number, pages: readonly EncodedPage[]): NonNullable<NonNullable<ColumnChunk['meta_data']>['statistics']> {
    let min: StatValue | undefined;
    let max: StatValue | undefined;
    let nulls = 0;
    for (const page of pages) {
      nulls += page.nulls;
      if (page.min !== undefined && (min === undefined || compareStat(page.min, min) < 0)) min = page.min;
      if (page.max !== undefined && (max === undefined || compareStat(page.max, max) > 0)) max = page.max;
    }
    return { null_count: BigInt(nulls), ...(min !== undefined ? { min_value: this.statistic(c, min), max_value: this.statistic(c, max) } : {}) };
  }

  private columnIndex(c: number, pages: readonly EncodedPage[]): ChunkIndexes['columnIndex'] {
    const element = this.elements[c]!;
    if (pages.some((p) => p.min === undefined && p.nulls < p.rows)) return null;
    const bytes = (value: StatValue | undefined, isMax: boolean) => unconvertMinMax(this.statistic(c, value), element, isMax, STATISTICS_BYTES) ?? new Uint8Array(0);
    let ascending = true;
    let descending = true;
    for (let p = 1; p < pages.length; p++) {
      const [a, b] = [pages[p - 1]!, pages[p]!];
      if (a.min === undefined || b.min === undefined || a.max === undefined || b.max === undefined) {
        ascending = descending = false;
        break;
      }
      if (compareStat(a.min, b.min) > 0 || compareStat(a.max, b.max) > 0) ascending = false;
      if (compareStat(a.min, b.min) < 0 || compareStat(a.max, b.max) < 0) descending = false;
    }
    return {
      null_pages: pages.map((p) => p.min === undefined && p.nulls === p.rows),
      min_values: pages.map((p) => bytes(p.min, false)),
      max_values: pages.map((p) => bytes(p.max, true)),
      // BoundaryOrder: 0 unordered, 1 ascending, 2 descending.
      boundary_order: pages.length > 1 && ascending ? 1 : pages.length > 1 && descending ? 2 : 0,
      null_counts: pages.map((p) => BigInt(p.nulls)),
    };
  }

  /**
   * The row group's column indexes, then its offset indexes, right after the group (readers find
   * them through the footer's offsets): kept to the end of the file, they would grow with the table.
   */
  private async writeIndexes(): Promise<void> {
    const w = new ByteWriter(1 << 16);
    const base = this.offset;
    for (const { chunk, columnIndex } of this.indexes) {
      if (!columnIndex) continue;
      const start = w.offset;
      serializeTCompactProtocol(w, {
        field_1: columnIndex.null_pages,
        field_2: columnIndex.min_values,
        field_3: columnIndex.max_values,
        field_4: columnIndex.boundary_order,
        field_5: columnIndex.null_counts,
      });
      chunk.column_index_offset = BigInt(base + start);
      chunk.column_index_length = w.offset - start;
    }
    for (const { chunk, offsetIndex } of this.indexes) {
      const start = w.offset;
      serializeTCompactProtocol(w, {
        field_1: offsetIndex.page_locations.map((p) => ({ field_1: p.offset, field_2: p.compressed_page_size, field_3: p.first_row_index })),
      });
      chunk.offset_index_offset = BigInt(base + start);
      chunk.offset_index_length = w.offset - start;
    }
    await this.put([w.getBytes()]);
    this.indexes = [];
  }
}

/**
 * Compresses one page. Synchronously: zlib's asynchronous calls start a stream per call, which
 * cost about 1.8 ms each for pages this small (8 times the compression itself); the size hint lets
 * Zstandard size its tables to the page.
 */
function zstd(bytes: Uint8Array): Uint8Array {
  return zstdCompressSync(bytes, { pledgedSrcSize: bytes.length, params: { [constants.ZSTD_c_compressionLevel]: ZSTD_LEVEL } });
}

/** Order of two statistics of one column: numbers and bigints by value, booleans false first, text by unsigned bytes. */
export function compareStat(a: StatValue, b: StatValue): number {
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    const n = Math.min(a.length, b.length);
    for (let k = 0; k < n; k++) if (a[k] !== b[k]) return a[k]! - b[k]!;
    return a.length - b.length;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}
