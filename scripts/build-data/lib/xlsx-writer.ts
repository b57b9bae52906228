import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';
import type { FieldType } from '../../../src/schemas/field.ts';
import { FormatNotWritable } from '../errors.ts';
import type { Row } from './copy-text.ts';
import type { OutputColumn } from './row-writers.ts';

/**
 * The XLSX download, written row by row with exceljs's streaming WorkbookWriter: each row is
 * committed (serialised into the zip stream) as soon as it is added, and strings are written
 * inline rather than into a shared-strings table that would grow with the data, so memory stays flat.
 *
 * Cells are typed for spreadsheet users: whole numbers and decimals that a spreadsheet can hold
 * exactly become numbers, booleans become TRUE/FALSE, dates and times without a zone become real
 * dates; anything else (huge or very precise numbers, times of day, durations, text) stays the
 * exact text of the CSV. Strings are never formulas in XLSX, so no formula neutralising is needed.
 */

/** Excel's most characters per cell (its most rows per sheet are the registry's `maxRows`, src/shared/download-formats.ts). */
export const XLSX_MAX_CELL_CHARACTERS = 32_767;

type Cell = string | number | boolean | Date | null;

/** Excel stores numbers as IEEE doubles: 15 significant digits survive a round trip. */
const EXACT_DECIMAL = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;
function asNumber(value: string): number | string {
  if (!EXACT_DECIMAL.test(value)) return value;
  const digits = value.replace(/^-/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return digits.length <= 15 ? Number(value) : value;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A timestamp without zone, or in UTC (the connection renders timestamptz in UTC). */
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:\+00(?::?00)?|Z)?$/;

/** Wall-clock parts taken as UTC, which is how exceljs turns a Date into an Excel serial number. */
function asDate(value: string, withTime: boolean): Date | string {
  const m = (withTime ? DATETIME : DATE).exec(value);
  if (!m) return value;
  const year = Number(m[1]);
  // Excel's calendar starts in 1900 (and its 1900 leap-year bug makes earlier dates unsafe).
  if (year < 1900 || year > 9999) return value;
  const ms = m[7] ? Math.round(Number(m[7]) * 1000) : 0;
  return new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), ms));
}

/** One cell's value for XLSX from PostgreSQL's text output. */
export function xlsxCell(value: string | null, type: FieldType): Cell {
  if (value === null) return null;
  if (value.length > XLSX_MAX_CELL_CHARACTERS) {
    throw new FormatNotWritable(`a value has more than ${XLSX_MAX_CELL_CHARACTERS.toLocaleString('en')} characters, the most a spreadsheet cell holds`);
  }
  switch (type) {
    case 'integer':
    case 'number':
      return asNumber(value);
    case 'boolean':
      return value === 't' || value === 'true';
    case 'date':
      return asDate(value, false);
    case 'datetime':
      return asDate(value, true);
    default:
      return value;
  }
}

// exceljs takes about half a second to load, more than a large table's whole CSV path: loaded on the first workbook.
const require = createRequire(import.meta.url);
let excel: typeof ExcelJS | null = null;
const loadExcel = (): typeof ExcelJS => (excel ??= require('exceljs') as typeof ExcelJS);

const numberFormats: Partial<Record<FieldType, string>> = { date: 'yyyy-mm-dd', datetime: 'yyyy-mm-dd hh:mm:ss' };

export class XlsxSink {
  readonly path: string;
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly sheet: ExcelJS.Worksheet;
  private readonly types: FieldType[];
  /** The file, opened here (not by exceljs) so that its errors (a full disk) are caught, never left unhandled. */
  private readonly file: WriteStream;
  private failure: Error | null = null;
  /** Rejects with the first failure: finishing the zip waits on it too, since exceljs would wait forever for a file that already failed. */
  private readonly failed: Promise<never>;
  private fail: (error: Error) => void = () => {};

  constructor(path: string, columns: readonly OutputColumn[], options: { created: Date }) {
    this.path = path;
    this.types = columns.map((c) => c.type);
    this.failed = new Promise<never>((_, reject) => {
      this.fail = (error) => {
        this.failure ??= error;
        reject(this.failure);
      };
    });
    this.failed.catch(() => {});
    this.file = createWriteStream(path);
    this.file.on('error', (error) => this.fail(Object.assign(error, { path })));
    // Fixed document dates (the snapshot's) rather than "now", so the file says when the data is from.
    this.workbook = new (loadExcel().stream.xlsx.WorkbookWriter)({
      stream: this.file,
      useStyles: true,
      useSharedStrings: false,
      created: options.created,
      modified: options.created,
      creator: 'civic-data-catalog',
    } as Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions>);
    this.zip.on('error', (error: Error) => this.fail(error));
    this.sheet = this.workbook.addWorksheet('data', { views: [{ state: 'frozen', ySplit: 1 }] });
    this.sheet.columns = columns.map((c) => ({
      width: Math.min(Math.max(c.name.length + 2, c.type === 'datetime' ? 20 : 12), 40),
      ...(numberFormats[c.type] ? { style: { numFmt: numberFormats[c.type] } } : {}),
    }));
    this.sheet.addRow(columns.map((c) => c.name)).commit();
  }

  /** exceljs's zip stream (archiver), whose errors must be listened to as well. */
  private get zip(): { on(event: 'error', listener: (error: Error) => void): void; abort(): void } {
    return (this.workbook as unknown as { zip: { on(event: 'error', listener: (error: Error) => void): void; abort(): void } }).zip;
  }

  addRow(row: Row): void {
    // A write that failed (a full disk) stops the snapshot at the next row, like the other files' sinks.
    if (this.failure) throw this.failure;
    const cells = new Array<Cell>(row.length);
    for (let i = 0; i < row.length; i++) cells[i] = xlsxCell(row[i] ?? null, this.types[i]!);
    this.sheet.addRow(cells).commit();
  }

  /** Finishes the zip; returns the file's size and SHA-256 (read back: the zip is written by exceljs). */
  async close(): Promise<{ bytes: number; sha256: string }> {
    if (this.failure) throw this.failure;
    this.sheet.commit();
    await Promise.race([this.workbook.commit(), this.failed]);
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(this.path)) hash.update(chunk as Buffer);
    return { bytes: (await stat(this.path)).size, sha256: hash.digest('hex') };
  }

  /**
   * Gives the file up (a value did not fit, or the snapshot failed) and deletes it. The zip is
   * aborted rather than finished: finishing it could fail again (the disk is full) or collide with
   * a finish already under way ("archive already finalizing").
   */
  async abandon(): Promise<void> {
    try {
      this.zip.abort();
    } catch {
      // Aborting a zip that already ended is fine: the file is deleted below.
    }
    if (!this.file.closed) {
      const closed = once(this.file, 'close').catch(() => {});
      this.file.destroy();
      await closed;
    }
    await rm(this.path, { force: true });
  }
}
