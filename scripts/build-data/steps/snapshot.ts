import path from 'node:path';
import type pg from 'pg';
import { downloadFormats, manifestFields, type RegisteredFormat } from '../../../src/shared/download-formats.ts';
import type { FormatNotWritten, SampleFile, SnapshotFile } from '../../../src/schemas/manifest.ts';
import type { Row } from '../lib/copy-text.ts';
import { copyOut } from '../lib/copy-out-stream.ts';
import { stopCopy } from '../lib/copy-cancel.ts';
import { directoryBytes, DiskFullError, isDiskFull } from '../lib/disk-space.ts';
import { CopyTranscoder, type CopyRow, type TranscodedColumn } from '../lib/copy-transcoder.ts';
import { FileSink } from '../lib/file-sink.ts';
import { csvHeader } from '../lib/row-writers.ts';
import { FormatNotWritable } from '../errors.ts';
import type { ByteSink, CopyRowSink, FormatSink, RowSink } from '../formats/sink.ts';
import type { SqlType } from '../lib/published-types.ts';
import { formatSinks } from '../formats/sinks.ts';
import type { Logger } from '../../lib/effects.ts';
import { forDisplay } from '../../../src/shared/display-text.ts';

export const PREVIEW_ROWS = 20;
/**
 * Rows in `sample.csv`, the file the page's sortable preview loads: enough to explore, small
 * enough to fetch on a slow connection.
 */
export const SAMPLE_ROWS = 500;
const SAMPLE_NAME = 'sample.csv';

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
  /** The SQL type of each published column (lib/published-types.ts), for the typed formats. */
  sqlTypes: readonly SqlType[];
  /** Directory the files are written into (the staging directory of the new version). */
  dir: string;
  log: Logger;
  /** Sees each row as published, after its bytes are written (the personal-data scan, the profile); may throw to stop the dataset. */
  onRow?: (row: CopyRow) => void;
  /** Sees each COPY chunk after it is written (a worker thread measures the rows from these); may throw to stop the dataset. */
  onChunk?: (chunk: Buffer) => Promise<void>;
  /** When the snapshot was taken (the workbook's date). */
  snapshotAt: Date;
  /** Why the formats limited by the spreadsheet row limit are left out of this version, or null to write them. */
  overRowLimit: string | null;
  /** Write data.csv alone (and the sample): the benchmark times the CSV path this way. */
  csvOnly?: boolean;
  /** Rows the table holds (counted before): a full disk is reported with the space the whole version needs. */
  expectedRows?: number;
}

/**
 * Why row-limited formats are left out of a table of `rows` rows under a limit of `limit`, in the
 * registry's words: "XLSX and XML are offered for tables of up to 100,000 rows; …".
 */
export function overRowLimitReason(limit: number, rows: number): string {
  const limited = downloadFormats.filter((f) => f.rowLimit === 'spreadsheet').map((f) => f.format);
  const always = [...new Set(downloadFormats.filter((f) => f.rowLimit === 'none').map((f) => f.family.label))];
  return `${joinWords(limited, 'and')} are offered for tables of up to ${limit.toLocaleString('en')} rows; this version has ${rows.toLocaleString('en')}. Use the ${joinWords(always, 'or')} file.`;
}

function joinWords(words: readonly string[], last: 'and' | 'or'): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} ${last} ${words.at(-1)}`;
}

/** The largest spreadsheet row limit every row-limited format can hold. */
export function maxSpreadsheetRowLimit(): { rows: number; format: string } {
  const bounded = downloadFormats.flatMap((f) => (f.rowLimit === 'spreadsheet' && f.maxRows !== undefined ? [{ rows: f.maxRows, format: f.format }] : []));
  return bounded.reduce((a, b) => (b.rows < a.rows ? b : a), { rows: Number.MAX_SAFE_INTEGER, format: 'any format' });
}

/** The formats this version gets, and the ones left out with why. */
function planFormats(options: SnapshotOptions): { formats: RegisteredFormat[]; notWritten: FormatNotWritten[] } {
  if (options.csvOnly) return { formats: downloadFormats.filter((f) => f.id === 'csv'), notWritten: [] };
  const { overRowLimit } = options;
  const skipped = overRowLimit === null ? [] : downloadFormats.filter((f) => f.rowLimit === 'spreadsheet');
  return {
    formats: downloadFormats.filter((f) => !skipped.includes(f)),
    notWritten: skipped.map((f) => ({ format: f.format, reason: overRowLimit! })),
  };
}

interface OpenFormat {
  format: RegisteredFormat;
  sink: FormatSink;
}

/**
 * Streams the query's rows out of PostgreSQL with `COPY … TO STDOUT` and writes every registered
 * download format in one pass (src/shared/download-formats.ts, each written by its sink in
 * ../formats/), hashing them on the way. CSV and JSON are transcoded from the COPY bytes without
 * making strings of the values (copy-transcoder.ts); formats that need the values (XLSX, XML) get
 * each row, and Parquet each row's bytes. Memory stays flat: a COPY chunk is transcoded, written and dropped before the next is read.
 */
export async function snapshotTable(options: SnapshotOptions): Promise<SnapshotResult> {
  const { client, datasetId, query, columns, sqlTypes, dir, log, onRow, onChunk, snapshotAt, expectedRows } = options;
  const started = Date.now();
  const plan = planFormats(options);
  const notWritten = plan.notWritten;
  const open: OpenFormat[] = plan.formats.map((format) => ({
    format,
    sink: formatSinks[format.id]({ path: path.join(dir, format.name), datasetId, columns, sqlTypes, snapshotAt }),
  }));
  const sample = new FileSink(path.join(dir, SAMPLE_NAME));
  const preview: Row[] = [];
  const abandoned: Promise<void>[] = [];
  const bytesFor = (input: ByteSink['input']) => open.flatMap(({ sink }) => (sink.input === input ? [sink] : []));
  // Kept as lists rather than filtered per row: the row callback is the hot path.
  let rowSinks = open.filter((o): o is OpenFormat & { sink: RowSink } => o.sink.input === 'rows');
  let copyRowSinks = open.filter((o): o is OpenFormat & { sink: CopyRowSink } => o.sink.input === 'copy-rows');
  /** Gives a format up for this version: the others go on, the reason is shown on the site. */
  const giveUp = (given: OpenFormat, error: FormatNotWritable) => {
    notWritten.push({ format: given.format.format, reason: `Not written for this version: ${error.message}.` });
    open.splice(open.indexOf(given), 1);
    rowSinks = rowSinks.filter((o) => o !== given);
    copyRowSinks = copyRowSinks.filter((o) => o !== given);
    abandoned.push(given.sink.abandon());
  };
  const transcoder = new CopyTranscoder({
    columns,
    json: bytesFor('json-bytes').length > 0,
    sampleRows: SAMPLE_ROWS,
    onRow: (row) => {
      // The page's preview: values cut for reading (the files hold them whole).
      if (preview.length < PREVIEW_ROWS) preview.push(row.values().map((value) => forDisplay(value)));
      if (rowSinks.length > 0) {
        const values = row.values();
        // giveUp replaces the list rather than changing it, so this loop still sees each sink once.
        for (const given of rowSinks) addRow(given, values, giveUp);
      }
      for (const given of copyRowSinks) addRow(given, row, giveUp);
      onRow?.(row);
    },
  });
  /** Hands each byte sink its encoding's bytes once a batch is waiting (or at the end), and lets row sinks write. */
  const writePending = async (final: boolean) => {
    for (const [input, bytes] of [
      ['csv-bytes', transcoder.csv],
      ['json-bytes', transcoder.json],
    ] as const) {
      if (!bytes || !(final || bytes.full)) continue;
      const piece = bytes.take();
      const sinks = bytesFor(input);
      // The piece's memory is reused once every file it goes to has written it.
      let writing = sinks.length;
      const written = () => {
        if (--writing === 0) bytes.recycle(piece);
      };
      await Promise.all(sinks.map((sink) => sink.write(piece, written)));
    }
    for (const { sink } of rowSinks) await sink.flush();
    for (const { sink } of copyRowSinks) await sink.flush();
  };
  let stream: ReturnType<typeof copyOut> | null = null;
  try {
    for (const { sink } of open) await sink.start();
    await sample.write(csvHeader(columns));
    stream = client.query(copyOut(`COPY (${query}) TO STDOUT`));
    // Its error is also thrown by the loop below; this listener only keeps a late one (after a cancel) from being unhandled.
    stream.on('error', () => {});
    let reported = 0;
    // Not destroyed when the loop stops early: stopCopy must read the rest, or the connection stays busy forever.
    for await (const chunk of stream.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
      transcoder.push(chunk);
      await onChunk?.(chunk);
      await writePending(false);
      const now = Date.now();
      if (now - reported >= 250) {
        reported = now;
        const seconds = (now - started) / 1000;
        log.progress(`  ${datasetId}: ${transcoder.rowCount.toLocaleString('en')} rows (${Math.round(transcoder.rowCount / Math.max(seconds, 0.001)).toLocaleString('en')} rows/s)`);
      }
    }
    transcoder.end();
    const rowCount = transcoder.rowCount;
    await writePending(true);
    await sample.writeBytes(transcoder.sample.take());
    const files: SnapshotFile[] = [];
    for (const { format, sink } of open) files.push({ ...manifestFields(format), ...(await sink.finish(rowCount)) });
    const sampleSha = await sample.close();
    const sampleFile: SampleFile = { name: SAMPLE_NAME, format: 'CSV', mediaType: 'text/csv', bytes: sample.bytes, sha256: sampleSha, rows: Math.min(rowCount, SAMPLE_ROWS) };
    // A given-up file must be gone before the staging directory becomes a version.
    await Promise.all(abandoned);
    return { rowCount, preview, notWritten, sample: sampleFile, seconds: (Date.now() - started) / 1000, files };
  } catch (error) {
    // First free the connection (the COPY may still be streaming), then the files.
    if (stream) await stopCopy(client, stream);
    const written = isDiskFull(error) ? await directoryBytes(dir) : 0;
    await Promise.all([sample.destroy(), ...abandoned, ...open.map(({ sink }) => sink.abandon())]);
    if (isDiskFull(error)) {
      const file = (error as NodeJS.ErrnoException).path ?? null;
      throw new DiskFullError({ file, written, rowsWritten: transcoder.rowCount, rowsTotal: expectedRows ?? transcoder.rowCount }, { cause: error });
    }
    throw error;
  }
}

/** Adds a row to a row sink; a value its format cannot hold gives the format up (the other formats go on). */
function addRow<R>(given: OpenFormat & { sink: { add(row: R): void } }, row: R, giveUp: (given: OpenFormat, error: FormatNotWritable) => void): void {
  try {
    given.sink.add(row);
  } catch (error) {
    if (!(error instanceof FormatNotWritable)) throw error;
    giveUp(given, error);
  }
}
