import { rm } from 'node:fs/promises';
import type { Row } from '../lib/copy-text.ts';
import type { CopyRow } from '../lib/copy-transcoder.ts';
import type { FileSink } from '../lib/file-sink.ts';
import type { SqlType } from '../lib/published-types.ts';
import type { OutputColumn } from '../lib/row-writers.ts';

/**
 * What the snapshot asks of a download format's writer: start the file, take the rows as they
 * stream, finish it into a size and a SHA-256, or abandon it. The snapshot runs every registered
 * format's sink in one pass over the COPY stream (steps/snapshot.ts); each format's sink is one file
 * in this folder, registered by format id in sinks.ts.
 */

/** A finished file, as its manifest entry records it. */
export interface WrittenFile {
  bytes: number;
  sha256: string;
}

export interface SinkContext {
  /** The file to write, in the new version's staging directory. */
  path: string;
  datasetId: string;
  columns: readonly OutputColumn[];
  /** The SQL type the published query returns for each column (a typed format needs more than the field type). */
  sqlTypes: readonly SqlType[];
  /** When the snapshot was taken: a format that records a date (the workbook's) uses it, never the clock. */
  snapshotAt: Date;
}

interface SinkLifecycle {
  /** Writes what comes before the rows (a header row, a byte order mark, an opening bracket). */
  start(): Promise<void>;
  /** Writes what comes after the last row and closes the file. */
  finish(rowCount: number): Promise<WrittenFile>;
  /** Gives the file up (the snapshot failed, or a value the format cannot hold): stops writing and deletes it. */
  abandon(): Promise<void>;
}

/**
 * Fed the COPY transcoder's bytes in one encoding, in order: the fast path, where no value
 * becomes a JavaScript string (lib/copy-transcoder.ts).
 */
export interface ByteSink extends SinkLifecycle {
  input: 'csv-bytes' | 'json-bytes';
  /** Writes `bytes`; calls `onWritten` once nothing reads them any more (the snapshot then reuses their memory). */
  write(bytes: Buffer, onWritten?: () => void): Promise<void>;
}

/**
 * Fed each row's values as PostgreSQL's text output. `add` runs inside the transcoder's loop, so it
 * only encodes or buffers; it may throw `FormatNotWritable` to give the format up for this version
 * (the other formats go on). `flush` writes what is buffered, after each COPY chunk.
 */
export interface RowSink extends SinkLifecycle {
  input: 'rows';
  add(row: Row): void;
  flush(): Promise<void>;
}

/**
 * Fed each row as the transcoder split it (`CopyRow`: the value bytes, decoded only on request),
 * inside the transcoder's loop, for a typed format that reads values from their bytes. `add` only
 * encodes or buffers; it may throw `FormatNotWritable`. `flush` writes what is buffered, after
 * each COPY chunk.
 */
export interface CopyRowSink extends SinkLifecycle {
  input: 'copy-rows';
  add(row: CopyRow): void;
  flush(): Promise<void>;
}

export type FormatSink = ByteSink | RowSink | CopyRowSink;

export type SinkFactory = (context: SinkContext) => FormatSink;

/** Closes a file written through a FileSink into its manifest size and hash. */
export async function closeFile(file: FileSink): Promise<WrittenFile> {
  const sha256 = await file.close();
  // The size is known once the sink is closed (it writes in batches).
  return { bytes: file.bytes, sha256 };
}

/** Gives a FileSink's file up: a version must never hold a partial file its manifest does not list. */
export async function abandonFile(file: FileSink): Promise<void> {
  await file.destroy();
  await abandonFileAt(file.path);
}

/** Deletes a given-up file (its writer already stopped). */
export async function abandonFileAt(path: string): Promise<void> {
  await rm(path, { force: true });
}
