import path from 'node:path';
import type pg from 'pg';
import { downloadFormats } from '../../../src/lib/download-formats.ts';
import type { FormatNotWritten, SampleFile, SnapshotFile } from '../../../src/schemas/manifest.ts';
import type { Row } from '../lib/copy-text.ts';
import { copyOut } from '../lib/copy-out-stream.ts';
import { stopCopy } from '../lib/copy-cancel.ts';
import { directoryBytes, DiskFullError, isDiskFull } from '../lib/disk-space.ts';
import { CopyTranscoder, type CopyRow, type TranscodedColumn } from '../lib/copy-transcoder.ts';
import { FileSink } from '../lib/file-sink.ts';
import { csvHeader, UTF8_BOM } from '../lib/row-writers.ts';
import { FormatNotWritable, XlsxSink } from '../lib/xlsx-writer.ts';
import { XML_FOOTER, xmlHeader, xmlRowWriter } from '../lib/xml-writer.ts';
import type { Logger } from '../effects.ts';
import { forDisplay } from '../../../src/shared/display-text.ts';

export const PREVIEW_ROWS = 20;
/**
 * Rows in `sample.csv`, the file the page's sortable preview loads: enough to explore, small
 * enough to fetch on a slow connection.
 */
export const SAMPLE_ROWS = 500;

export interface SnapshotResult {
  rowCount: number;
  files: SnapshotFile[];
  /** The first rows in the CSV encoding, for the page (not a download). */
  sample: SampleFile;
  /** Formats left out of this version, with the reason (shown on the site). */
  notWritten: FormatNotWritten[];
  preview: Row[];
  seconds: number;
}

export interface SnapshotOptions {
  client: pg.Client;
  datasetId: string;
  /** The full query to stream, ordered (see published-query.ts). */
  query: string;
  /** The published columns; a column with `replace` is pseudonymised on the stream. */
  columns: readonly TranscodedColumn[];
  /** Directory the files are written into (the staging directory of the new version). */
  dir: string;
  log: Logger;
  /** Sees each row as published, after its bytes are written (the personal-data scan, the profile); may throw to stop the dataset. */
  onRow?: (row: CopyRow) => void;
  /** Sees each COPY chunk after it is written (a worker thread measures the rows from these); may throw to stop the dataset. */
  onChunk?: (chunk: Buffer) => Promise<void>;
  /**
   * Whether to write XLSX and XML too, with the snapshot time as the workbook's date; or why not
   * (the table has more rows than those formats are offered for).
   */
  spreadsheet: { snapshotAt: Date } | { skipReason: string };
  /** Write data.csv alone (and the sample): the benchmark times the CSV path this way. */
  csvOnly?: boolean;
  /** Rows the table holds (counted before): a full disk is reported with the space the whole version needs. */
  expectedRows?: number;
}

const { csv: CSV, excelCsv: EXCEL_CSV, json: JSON_FILE, xlsx: XLSX, xml: XML } = downloadFormats;

/**
 * Streams the query's rows out of PostgreSQL with `COPY … TO STDOUT` and writes every download
 * format in one pass (CSV, CSV with a byte order mark for Excel, JSON, and for small enough tables
 * XLSX and XML), hashing them on the way. CSV and JSON are transcoded from the COPY bytes without
 * making strings of the values (copy-transcoder.ts); the Excel CSV is the same bytes after its
 * byte order mark. Memory stays flat: a COPY chunk is transcoded, written and dropped before the
 * next is read.
 */
export async function snapshotTable(options: SnapshotOptions): Promise<SnapshotResult> {
  const { client, datasetId, query, columns, dir, log, onRow, onChunk, spreadsheet, csvOnly = false, expectedRows } = options;
  const started = Date.now();
  const notWritten: FormatNotWritten[] = [];
  const csv = new FileSink(path.join(dir, CSV.name));
  const excelCsv = csvOnly ? null : new FileSink(path.join(dir, EXCEL_CSV.name));
  const json = csvOnly ? null : new FileSink(path.join(dir, JSON_FILE.name));
  const sample = new FileSink(path.join(dir, 'sample.csv'));
  const small = !csvOnly && 'snapshotAt' in spreadsheet;
  const xml = small ? new FileSink(path.join(dir, XML.name)) : null;
  let xlsx = small && 'snapshotAt' in spreadsheet ? new XlsxSink(path.join(dir, XLSX.name), columns, { created: spreadsheet.snapshotAt }) : null;
  if (!csvOnly && 'skipReason' in spreadsheet) notWritten.push({ format: XLSX.format, reason: spreadsheet.skipReason }, { format: XML.format, reason: spreadsheet.skipReason });
  const toXml = xmlRowWriter(columns);
  const preview: Row[] = [];
  const abandoned: Promise<void>[] = [];
  let xmlText = '';
  const transcoder = new CopyTranscoder({
    columns,
    json: json !== null,
    sampleRows: SAMPLE_ROWS,
    onRow: (row) => {
      // The page's preview: values cut for reading (the files hold them whole).
      if (preview.length < PREVIEW_ROWS) preview.push(row.values().map((value) => forDisplay(value)));
      if (xml || xlsx) {
        const values = row.values();
        if (xml) xmlText += toXml(values);
        if (xlsx && !addXlsxRow(xlsx, values, notWritten)) {
          abandoned.push(xlsx.abandon());
          xlsx = null;
        }
      }
      onRow?.(row);
    },
  });
  const writeCsv = async (bytes: Buffer) => {
    await Promise.all([csv.writeBytes(bytes), excelCsv?.writeBytes(bytes)]);
  };
  let stream: ReturnType<typeof copyOut> | null = null;
  try {
    const header = csvHeader(columns);
    await csv.write(header);
    await sample.write(header);
    // The byte order mark tells Excel the file is UTF-8; otherwise it guesses the local code page.
    await excelCsv?.write(UTF8_BOM + header);
    await json?.write('[');
    await xml?.write(xmlHeader(datasetId, columns));
    stream = client.query(copyOut(`COPY (${query}) TO STDOUT`));
    // Its error is also thrown by the loop below; this listener only keeps a late one (after a cancel) from being unhandled.
    stream.on('error', () => {});
    let reported = 0;
    // Not destroyed when the loop stops early: stopCopy must read the rest, or the connection stays busy forever.
    for await (const chunk of stream.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
      transcoder.push(chunk);
      await onChunk?.(chunk);
      if (transcoder.csv.full) await writeCsv(transcoder.csv.take());
      if (transcoder.json?.full) await json!.writeBytes(transcoder.json.take());
      if (xmlText.length > 0) {
        await xml?.write(xmlText);
        xmlText = '';
      }
      const now = Date.now();
      if (now - reported >= 250) {
        reported = now;
        const seconds = (now - started) / 1000;
        log.progress(`  ${datasetId}: ${transcoder.rowCount.toLocaleString('en')} rows (${Math.round(transcoder.rowCount / Math.max(seconds, 0.001)).toLocaleString('en')} rows/s)`);
      }
    }
    transcoder.end();
    const rowCount = transcoder.rowCount;
    await writeCsv(transcoder.csv.take());
    await sample.writeBytes(transcoder.sample.take());
    if (json) {
      await json.writeBytes(transcoder.json!.take());
      await json.write(rowCount === 0 ? ']\n' : '\n]\n');
    }
    await xml?.write(xmlText + XML_FOOTER);
    const file = (format: SnapshotFileFormat, sink: { bytes: number }, sha256: string): SnapshotFile => ({ ...format, bytes: sink.bytes, sha256 });
    const files = [file(CSV, csv, await csv.close())];
    if (excelCsv) files.push(file(EXCEL_CSV, excelCsv, await excelCsv.close()));
    if (json) files.push(file(JSON_FILE, json, await json.close()));
    if (xlsx) {
      const written = await xlsx.close();
      files.push({ ...XLSX, ...written });
    }
    if (xml) files.push(file(XML, xml, await xml.close()));
    // Sizes are known once a sink is closed (it writes in batches).
    const sampleSha = await sample.close();
    const sampleFile: SampleFile = { name: 'sample.csv', format: 'CSV', mediaType: 'text/csv', bytes: sample.bytes, sha256: sampleSha, rows: Math.min(rowCount, SAMPLE_ROWS) };
    // A given-up workbook must be gone before the staging directory becomes a version.
    await Promise.all(abandoned);
    return { rowCount, preview, notWritten, sample: sampleFile, seconds: (Date.now() - started) / 1000, files };
  } catch (error) {
    // First free the connection (the COPY may still be streaming), then the files.
    if (stream) await stopCopy(client, stream);
    const written = isDiskFull(error) ? await directoryBytes(dir) : 0;
    await Promise.all([...[csv, excelCsv, json, xml, sample].map((sink) => sink?.destroy()), ...abandoned, xlsx?.abandon()]);
    if (isDiskFull(error)) {
      const file = (error as NodeJS.ErrnoException).path ?? null;
      throw new DiskFullError({ file, written, rowsWritten: transcoder.rowCount, rowsTotal: expectedRows ?? transcoder.rowCount }, { cause: error });
    }
    throw error;
  }
}

type SnapshotFileFormat = Pick<SnapshotFile, 'name' | 'format' | 'mediaType'>;

/** Adds a row to the workbook; false when a value XLSX cannot hold means giving the workbook up (the other formats go on). */
function addXlsxRow(xlsx: XlsxSink, row: Row, notWritten: FormatNotWritten[]): boolean {
  try {
    xlsx.addRow(row);
    return true;
  } catch (error) {
    if (!(error instanceof FormatNotWritable)) throw error;
    notWritten.push({ format: XLSX.format, reason: `Not written for this version: ${error.message}.` });
    return false;
  }
}
