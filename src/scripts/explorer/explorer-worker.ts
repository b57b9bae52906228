/// <reference lib="webworker" />
import { InvalidFilter } from './filters.ts';
import { ParquetTable, QueryCancelled } from './parquet-table.ts';
import type { FromWorker, ToWorker } from './protocol.ts';
import { FileUnavailable, rangeFile, type MeteredFile } from './range-file.ts';
import type { ViewState } from './view-state.ts';

/**
 * The table explorer's worker: opens the version's Parquet file over HTTP range requests and
 * answers the page's queries, so filtering, sorting and exporting a million rows never blocks the
 * page. A new query makes the one still running stop at its next row group.
 */

declare const self: DedicatedWorkerGlobalScope;

let table: ParquetTable | null = null;
let file: MeteredFile | null = null;
let latest = 0;
/** The last view's matching rows in order, kept so paging through them reads only the page's rows. */
let remembered: { key: string; order: Uint32Array | null; matches: number } | null = null;

const post = (message: FromWorker) => self.postMessage(message);
const number = new Intl.NumberFormat('en');

async function ordered(view: ViewState, id: number, cancelled: () => boolean): Promise<{ order: Uint32Array | null; matches: number }> {
  const key = JSON.stringify([view.filters, view.sort]);
  if (remembered?.key === key) return remembered;
  const t = table!;
  const progress = (what: string) => (done: number, total: number) => post({ kind: 'progress', id, text: `${what}: part ${number.format(done)} of ${number.format(total)}…` });
  const matches = await t.match(view.filters, cancelled, progress('Filtering'));
  const order = await t.order(matches, view.sort, cancelled, progress('Sorting'));
  remembered = { key, order, matches: order ? order.length : t.rowCount };
  return remembered;
}

async function query(id: number, view: ViewState, pageSize: number): Promise<void> {
  const started = performance.now();
  const cancelled = () => id !== latest;
  const { order, matches } = await ordered(view, id, cancelled);
  const pages = Math.max(1, Math.ceil(matches / pageSize));
  const page = Math.min(view.page, pages);
  const first = (page - 1) * pageSize;
  const count = Math.max(0, Math.min(pageSize, matches - first));
  const rows = order ? order.subarray(first, first + count) : Uint32Array.from({ length: count }, (_, i) => first + i);
  const t = table!;
  const values = await t.readRows(rows);
  if (cancelled()) return;
  post({
    kind: 'result',
    id,
    matches,
    page,
    pages,
    firstRow: first + 1,
    rows: values.map((v) => t.text(v).map((text, i) => (text !== null && t.columns[i]!.parquet.kind === 'boolean' ? (text === 't' ? 'true' : 'false') : text))),
    fetched: { ...file!.fetched },
    seconds: (performance.now() - started) / 1000,
  });
}

async function exportRows(id: number, view: ViewState): Promise<void> {
  const cancelled = () => id !== latest;
  const { order } = await ordered(view, id, cancelled);
  const pieces = await table!.exportCsv(order, cancelled, (done, total) => post({ kind: 'progress', id, text: `Preparing the download: part ${number.format(done)} of ${number.format(total)}…` }));
  post({ kind: 'exported', id, blob: new Blob(pieces, { type: 'text/csv;charset=utf-8' }), rows: pieces.length - 1 });
}

function explain(error: unknown): { message: string; invalid: boolean } {
  if (error instanceof InvalidFilter) return { message: error.message, invalid: true };
  if (error instanceof FileUnavailable) return { message: error.message, invalid: false };
  return { message: `The explorer stopped with an error (${error instanceof Error ? error.message : String(error)}). Reload the page to try again, or download the data instead.`, invalid: false };
}

self.addEventListener('message', (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  const run = async () => {
    if (message.kind === 'open') {
      const started = performance.now();
      file = rangeFile(message.url, message.bytes);
      table = await ParquetTable.open(file, message.columns);
      post({ kind: 'opened', rowCount: table.rowCount, seconds: (performance.now() - started) / 1000 });
      return;
    }
    latest = message.id;
    if (!table) throw new Error('the data file is not open yet');
    if (message.kind === 'query') await query(message.id, message.view, message.pageSize);
    else await exportRows(message.id, message.view);
  };
  run().catch((error: unknown) => {
    if (error instanceof QueryCancelled) return;
    post({ kind: 'error', id: 'id' in message ? message.id : null, ...explain(error) });
  });
});
