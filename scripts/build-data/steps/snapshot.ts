import path from 'node:path';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { SnapshotFile } from '../../../src/schemas/manifest.ts';
import { CopyTextSplitter, type Row } from '../lib/copy-text.ts';
import { FileSink } from '../lib/file-sink.ts';
import { csvHeader, csvRowWriter, jsonRowWriter, type OutputColumn } from '../lib/row-writers.ts';
import type { Logger } from '../effects.ts';

export const PREVIEW_ROWS = 20;

export interface SnapshotResult {
  rowCount: number;
  files: SnapshotFile[];
  preview: Row[];
  seconds: number;
}

export interface SnapshotOptions {
  client: pg.Client;
  datasetId: string;
  /** The full query to stream, ordered (see published-query.ts). */
  query: string;
  columns: readonly OutputColumn[];
  /** Directory the files are written into (the staging directory of the new version). */
  dir: string;
  log: Logger;
  /** Applied to each row before any byte is written (pseudonyms, the personal-data scan); may throw to stop the dataset. */
  processRow?: (row: Row) => Row;
  /** Also write `data.json` (default true; the benchmark turns it off to time the CSV path alone). */
  writeJson?: boolean;
}

/**
 * Streams the query's rows out of PostgreSQL with `COPY … TO STDOUT` and writes the CSV and JSON
 * files in one pass, hashing them on the way. Memory stays flat: a COPY chunk is decoded, written
 * and dropped before the next is read.
 */
export async function snapshotTable(options: SnapshotOptions): Promise<SnapshotResult> {
  const { client, datasetId, query, columns, dir, log, processRow, writeJson = true } = options;
  const started = Date.now();
  const csv = new FileSink(path.join(dir, 'data.csv'));
  const json = writeJson ? new FileSink(path.join(dir, 'data.json')) : null;
  const toCsv = csvRowWriter(columns);
  const toJson = jsonRowWriter(columns);
  const splitter = new CopyTextSplitter();
  const preview: Row[] = [];
  let rowCount = 0;
  try {
    await csv.write(csvHeader(columns));
    await json?.write('[');
    const stream = client.query(copyTo(`COPY (${query}) TO STDOUT`));
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let csvText = '';
      let jsonText = '';
      for (const sourceRow of splitter.push(chunk)) {
        if (sourceRow.length !== columns.length) {
          throw new Error(`COPY returned ${sourceRow.length} columns where ${columns.length} were selected`);
        }
        const row = processRow ? processRow(sourceRow) : sourceRow;
        csvText += toCsv(row);
        if (json) jsonText += (rowCount === 0 ? '\n' : ',\n') + toJson(row);
        if (preview.length < PREVIEW_ROWS) preview.push(row);
        rowCount++;
      }
      await csv.write(csvText);
      if (json) await json.write(jsonText);
      const seconds = (Date.now() - started) / 1000;
      log.progress(`  ${datasetId}: ${rowCount.toLocaleString('en')} rows (${Math.round(rowCount / Math.max(seconds, 0.001)).toLocaleString('en')} rows/s)`);
    }
    splitter.end();
    await json?.write(rowCount === 0 ? ']\n' : '\n]\n');
    const [csvSha, jsonSha] = await Promise.all([csv.close(), json?.close()]);
    return {
      rowCount,
      preview,
      seconds: (Date.now() - started) / 1000,
      files: [
        { name: 'data.csv', format: 'CSV', mediaType: 'text/csv', bytes: csv.bytes, sha256: csvSha },
        ...(json && jsonSha ? [{ name: 'data.json', format: 'JSON', mediaType: 'application/json', bytes: json.bytes, sha256: jsonSha }] : []),
      ],
    };
  } catch (error) {
    csv.destroy();
    json?.destroy();
    throw error;
  }
}
