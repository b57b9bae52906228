import type { ExplorerColumn } from './parquet-table.ts';
import type { ViewState } from './view-state.ts';

/** The messages between the explorer's page script (explorer-ui.ts) and its worker (explorer-worker.ts). */

export type ToWorker =
  { kind: 'open'; url: string; bytes: number; columns: ExplorerColumn[] } | { kind: 'query'; id: number; view: ViewState; pageSize: number } | { kind: 'export'; id: number; view: ViewState };

export interface QueryResult {
  kind: 'result';
  id: number;
  /** Rows matching the filters (all rows without one). */
  matches: number;
  /** The page shown (1-based, within the pages there are) and its rows as published text. */
  page: number;
  pages: number;
  firstRow: number;
  rows: (string | null)[][];
  /** Bytes and requests fetched so far, and the seconds this answer took. */
  fetched: { bytes: number; requests: number };
  seconds: number;
}

export type FromWorker =
  | { kind: 'opened'; rowCount: number; seconds: number }
  | { kind: 'progress'; id: number; text: string }
  | QueryResult
  | { kind: 'exported'; id: number; blob: Blob; rows: number }
  | { kind: 'error'; id: number | null; message: string; invalid: boolean };
