import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import type { FieldType } from '../../../src/schemas/field.ts';
import { NotComparable } from '../errors.ts';

/**
 * Compares two published CSV files row by row by their primary key, in one streaming pass over
 * both (a merge of two sorted lists), so memory stays flat whatever the table size. Both files
 * must be sorted by the key as `publishedOrder` sorts it (text keys in byte order, COLLATE "C");
 * each file's order is checked on the way, and a file out of order stops the comparison rather
 * than miscount.
 */

export interface KeyColumn {
  name: string;
  type: FieldType;
}

export interface KeyDiff {
  added: number;
  removed: number;
  /** Rows in both files whose values differ in a column both files have. */
  changed: number;
}

type Record = (string | null)[];

/** An unquoted empty cell is NULL, a quoted one ("") the empty string, as the CSV writer writes them. */
function open(file: string): AsyncIterator<Record> {
  const parser = createReadStream(file).pipe(parse({ cast: (value, context) => (value === '' && !context.quoting ? null : value), relax_quotes: false }));
  return parser[Symbol.asyncIterator]() as AsyncIterator<Record>;
}

async function next(rows: AsyncIterator<Record>): Promise<Record | null> {
  const step = await rows.next();
  return step.done ? null : step.value;
}

const utf8 = (value: string) => Buffer.from(value, 'utf8');
/** The CSV writer's formula guard (row-writers.ts): an apostrophe before = + - @ tab or CR. */
const NEUTRALISED = /^'[=+\-@\t\r]/;
const INTEGER = /^[-+]?\d+$/;

/** Orders one key column's values as PostgreSQL orders them in `publishedOrder` (NULLS LAST). */
export function compareValues(a: string | null, b: string | null, type: FieldType): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  switch (type) {
    case 'integer': {
      if (!INTEGER.test(a) || !INTEGER.test(b)) throw new NotComparable('A key value is not a whole number, so rows cannot be matched.');
      const x = BigInt(a);
      const y = BigInt(b);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case 'number': {
      const c = Math.sign(Number(a) - Number(b));
      if (Number.isNaN(c)) throw new NotComparable('A key value is not a finite number, so rows cannot be matched.');
      return c;
    }
    case 'string':
      // COLLATE "C" compares UTF-8 bytes; the apostrophe of a neutralised formula is not in the database.
      return Buffer.compare(utf8(NEUTRALISED.test(a) ? a.slice(1) : a), utf8(NEUTRALISED.test(b) ? b.slice(1) : b));
    default:
      // Booleans (false < true), ISO dates and times: their text sorts as their values do.
      return a < b ? -1 : a > b ? 1 : 0;
  }
}

export async function diffCsvByKey(before: string, after: string, key: readonly KeyColumn[]): Promise<KeyDiff> {
  const a = open(before);
  const b = open(after);
  try {
    const headerA = await next(a);
    const headerB = await next(b);
    if (!headerA || !headerB) throw new NotComparable('A file has no header row.');
    const keyIndex = (header: Record, which: string) =>
      key.map((k) => {
        const i = header.indexOf(k.name);
        if (i < 0) throw new NotComparable(`The ${which} version has no column "${k.name}", part of the primary key, so rows cannot be matched.`);
        return i;
      });
    const keyA = keyIndex(headerA, 'previous');
    const keyB = keyIndex(headerB, 'new');
    const shared = headerB.flatMap((name, ib) => {
      const ia = headerA.indexOf(name);
      return ia < 0 ? [] : [[ia, ib] as const];
    });
    const compareKeys = (ra: Record, ia: number[], rb: Record, ib: number[]) => {
      for (let k = 0; k < key.length; k++) {
        const c = compareValues(ra[ia[k]!] ?? null, rb[ib[k]!] ?? null, key[k]!.type);
        if (c !== 0) return c;
      }
      return 0;
    };
    const ordered = (rows: AsyncIterator<Record>, index: number[], which: string) => {
      let last: Record | null = null;
      return async () => {
        const row = await next(rows);
        if (row && last && compareKeys(last, index, row, index) >= 0) {
          throw new NotComparable(`The ${which} version's rows are not in primary-key order (or a key repeats), so rows cannot be matched.`);
        }
        if (row) last = row;
        return row;
      };
    };
    const nextA = ordered(a, keyA, 'previous');
    const nextB = ordered(b, keyB, 'new');
    const diff: KeyDiff = { added: 0, removed: 0, changed: 0 };
    let ra = await nextA();
    let rb = await nextB();
    while (ra || rb) {
      const c = !ra ? 1 : !rb ? -1 : compareKeys(ra, keyA, rb, keyB);
      if (c < 0) {
        diff.removed++;
        ra = await nextA();
      } else if (c > 0) {
        diff.added++;
        rb = await nextB();
      } else {
        if (shared.some(([ia, ib]) => ra![ia] !== rb![ib])) diff.changed++;
        ra = await nextA();
        rb = await nextB();
      }
    }
    return diff;
  } finally {
    await Promise.all([a.return?.(), b.return?.()]);
  }
}
