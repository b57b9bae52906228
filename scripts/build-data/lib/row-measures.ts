import { Worker } from 'node:worker_threads';
import type { Field } from '../../../src/schemas/field.ts';
import { ColumnStats, type ColumnStatsPlan, type KeyCounts, type StreamedColumnStats } from './column-stats.ts';
import type { CopyRow } from './copy-transcoder.ts';
import { MEMO_MAX_ENTRIES, MEMO_MAX_LENGTH, PiiScanner, type ScanFinding } from './pii-scan.ts';
import type { PiiHit } from './pii-detectors.ts';
import { ByteDictionary } from './byte-dictionary.ts';

/**
 * What the snapshot measures on each published row besides writing it: the personal-data scan and
 * the profile's stream measures (column-stats.ts). For a large table this runs in a worker thread
 * fed the same COPY chunks, so the two cores share the work: this thread writes the files while
 * the worker scans and counts.
 */

export interface MeasureSetup {
  fields: readonly Field[];
  plans: readonly ColumnStatsPlan[];
  /** Key columns when the stream is ordered by them (see ColumnStats), else null. */
  keyIndexes: readonly number[] | null;
}

export interface MeasureResult {
  findings: ScanFinding[];
  valuesScanned: number;
  columns: StreamedColumnStats[];
  key: KeyCounts | null;
}

/** Tables with at least this many rows are measured in a worker thread (starting one costs ~0.1 s). */
export const WORKER_MIN_ROWS = 50_000;

/**
 * A memo of one scanned column: short values' bytes, numbered, and what the detectors found in
 * each. Keyed by the bytes COPY sent rather than the published text: those bytes always give the
 * same published text (COPY escapes and pseudonyms are functions of them), hence the same hits.
 */
interface ScanMemo {
  values: ByteDictionary;
  hits: (readonly PiiHit[])[];
}

const MEMO_LIMITS = { maxEntries: MEMO_MAX_ENTRIES, maxBytes: MEMO_MAX_ENTRIES * MEMO_MAX_LENGTH };

/** The hits of a value the scan cannot hit (see mayHoldPersonalData). */
const NO_HITS: readonly PiiHit[] = [];

/** The measures, taken in this thread. */
export class RowMeasures {
  private readonly scanner: PiiScanner;
  private readonly stats: ColumnStats;
  private readonly scannedIndexes: number[];
  private readonly memos: ScanMemo[];
  private readonly columnCount: number;

  constructor(setup: MeasureSetup) {
    this.scanner = new PiiScanner(setup.fields);
    this.stats = new ColumnStats(setup.plans, setup.keyIndexes);
    this.columnCount = setup.fields.length;
    this.scannedIndexes = PiiScanner.scannedIndexes(setup.fields);
    this.memos = this.scannedIndexes.map(() => ({ values: new ByteDictionary(MEMO_LIMITS), hits: [] }));
  }

  add(row: CopyRow): void {
    this.scan(row);
    this.stats.add(row);
  }

  /**
   * The personal-data scan of the row's text columns. Text columns repeat themselves (categories,
   * districts, statuses), so each column remembers the hits of its short values by their bytes: a
   * repeat costs a hash of its bytes, not a string and the detectors. Values the scan cannot hit
   * (mayHoldPersonalData) are counted as scanned without being decoded.
   */
  private scan(row: CopyRow): void {
    const { scanner, scannedIndexes, memos } = this;
    const { buf, starts, ends, nulls } = row;
    for (let k = 0; k < scannedIndexes.length; k++) {
      const i = scannedIndexes[k]!;
      if (nulls[i]) continue;
      if (!mayHoldPersonalData(row, i)) {
        scanner.countKnown(k, NO_HITS);
        continue;
      }
      const s = starts[i]!;
      const e = ends[i]!;
      if (e - s > MEMO_MAX_LENGTH) {
        scanner.scanValue(k, row.value(i)!);
        continue;
      }
      const memo = memos[k]!;
      let known = memo.values.size;
      let entry = memo.values.lookup(buf, s, e);
      if (entry === -1) {
        // Full: start over (memory stays bounded; a column of mostly different values gains nothing from it).
        memo.values.clear();
        known = 0;
        entry = memo.values.lookup(buf, s, e);
      }
      if (entry < known) scanner.countKnown(k, memo.hits[entry]!);
      else memo.hits[entry] = scanner.scanValue(k, row.value(i)!);
    }
  }

  result(): MeasureResult {
    return {
      findings: this.scanner.findings(),
      valuesScanned: this.scanner.valuesScanned,
      columns: Array.from({ length: this.columnCount }, (_, i) => this.stats.column(i)),
      key: this.stats.keyCounts(),
    };
  }
}

/**
 * The scan's first test on the bytes: a value without a digit, '@' or ':' and without two words
 * that start with a capital cannot hold any kind of personal data it detects (detectPii turns it
 * away first), so it is not decoded (it is still counted as scanned).
 * UTF-8 never uses these bytes inside other characters; a word starting with a non-ASCII letter
 * ("Łukasz", "Ørsted") counts as capitalised, which only lets a few more values through.
 */
function mayHoldPersonalData(row: CopyRow, i: number): boolean {
  const { buf } = row;
  const end = row.ends[i]!;
  let capitalWords = 0;
  let prevLetter = false;
  for (let k = row.starts[i]!; k < end; k++) {
    const b = buf[k]!;
    if ((b >= 48 && b <= 58) || b === 64) return true;
    const letter = ((b | 32) >= 97 && (b | 32) <= 122) || b >= 0x80;
    if (letter && !prevLetter && ((b >= 65 && b <= 90) || b >= 0xc0) && ++capitalWords >= 2) return true;
    prevLetter = letter || b === 39;
  }
  return false;
}

/** Bytes of COPY data handed to the worker and not yet measured, before the stream waits for it. */
const IN_FLIGHT_LIMIT = 16 << 20;

/** The measures, taken by a worker thread (measure-worker.ts) from the COPY chunks. */
export class WorkerMeasures {
  private readonly worker: Worker;
  private inFlight = 0;
  private waiting: (() => void) | null = null;
  private failure: Error | null = null;
  private readonly done: Promise<MeasureResult>;

  constructor(setup: MeasureSetup, columns: readonly { name: string; type: Field['type'] }[]) {
    // A small young generation: the worker makes millions of short-lived strings, and with the
    // default one its heap grew with the table (peak RSS 5M rows / 1M rows was 1.38, now 1.02).
    this.worker = new Worker(new URL('./measure-worker.ts', import.meta.url), { workerData: { setup, columns }, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
    this.done = new Promise((resolve, reject) => {
      this.worker.on('message', (message: { ack?: number; result?: MeasureResult; error?: string }) => {
        if (message.ack !== undefined) {
          this.inFlight -= message.ack;
          this.wake();
        } else if (message.result) resolve(message.result);
        else if (message.error !== undefined) this.fail(new Error(message.error), reject);
      });
      this.worker.on('error', (error: Error) => this.fail(error, reject));
      this.worker.on('exit', (code) =>
        this.fail(
          new Error(
            `the worker thread that scans and profiles the rows stopped unexpectedly (exit code ${code}). ` +
              'Rerun; if it stops again, run with --jobs 1 (it may have run out of memory) and report it with this log.',
          ),
          reject,
        ),
      );
    });
    // Read by finish(); a failure before then is reported by push() or finish(), not as unhandled.
    this.done.catch(() => {});
  }

  private fail(error: Error, reject: (error: Error) => void): void {
    this.failure ??= error;
    reject(this.failure);
    this.wake();
  }

  /** Rethrows the worker's failure (a method, since TypeScript's narrowing of the field does not see the worker's callbacks across an await). */
  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.();
  }

  /** Hands a chunk (copied) to the worker; waits while too much is still unmeasured, so memory stays flat. */
  async push(chunk: Buffer): Promise<void> {
    this.throwIfFailed();
    const copy = new Uint8Array(chunk);
    this.inFlight += copy.length;
    this.worker.postMessage({ chunk: copy }, [copy.buffer]);
    while (this.inFlight > IN_FLIGHT_LIMIT && !this.failure) await new Promise<void>((resolve) => (this.waiting = resolve));
    this.throwIfFailed();
  }

  async finish(): Promise<MeasureResult> {
    this.worker.postMessage({ end: true });
    try {
      return await this.done;
    } finally {
      this.worker.removeAllListeners('exit');
      await this.worker.terminate();
    }
  }

  /** Stops the worker without a result (the dataset failed). */
  async abort(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}
