import type { KeyCheck } from '../../../src/schemas/manifest.ts';

/** A key check's counts; the caller knows which columns it checked. */
export type KeyCounts = Omit<KeyCheck, 'columns'>;
import type { CopyRow } from './copy-transcoder.ts';

/**
 * The parts of the profile measured on the snapshot's own stream, so they cost no scan of their
 * own: distinct values, most common values, histograms, and the key check. Memory is bounded
 * whatever the table's size: a column keeps exact counts for up to `EXACT_LIMIT` different values;
 * past that, distinct values are estimated with HyperLogLog and the most common values with the
 * Misra–Gries summary (each count is then a lower bound, within the reported error).
 */

/** Different values a column is counted exactly for. */
export const EXACT_LIMIT = 10_000;
export const TOP_VALUES = 10;
/** Longest common value kept in full; a longer one is cut and ends with "…". */
export const TOP_VALUE_CHARS = 200;
export const HISTOGRAM_BINS = 12;

/** HyperLogLog with 2^14 registers: a standard error of about 0.8 % (Flajolet et al., 2007). */
const HLL_BITS = 14;
const HLL_REGISTERS = 1 << HLL_BITS;

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * A 53-bit hash of `buf[s, e)` (two independent 32-bit hashes, FNV-1a and a multiplicative one,
 * each finalised with MurmurHash3's mixer): a safe Map key for telling 10,000 values apart, and
 * the bits HyperLogLog needs.
 */
export function hashBytes(buf: Uint8Array, s: number, e: number): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (let i = s; i < e; i++) {
    const b = buf[i]!;
    h1 = Math.imul(h1 ^ b, 16777619);
    h2 = Math.imul(h2 ^ b, 0x5bd1e995) ^ (h2 >>> 15);
  }
  h1 = fmix32(h1 ^ (e - s));
  h2 = fmix32(h2 ^ (e - s));
  return h1 * 2097152 + (h2 >>> 11);
}

/** Marks an empty slot of DistinctCounter's table (keys are non-negative). */
const EMPTY = -1;

/**
 * Distinct non-null values: exact up to EXACT_LIMIT, then a HyperLogLog estimate. The exact keys
 * are kept in an open-addressing table of doubles rather than a Set: a Set boxes each 53-bit key,
 * and this runs once per value of every column.
 */
export class DistinctCounter {
  private table: Float64Array | null = new Float64Array(64).fill(EMPTY);
  private size = 0;
  private registers: Uint8Array | null = null;

  add(key: number): void {
    const table = this.table;
    if (table === null) {
      this.addToSketch(key);
      return;
    }
    const mask = table.length - 1;
    // The first hash's bits (the key's top 32) pick the slot: hashBytes mixed them.
    let slot = (key / 2097152) & mask;
    for (;;) {
      const k = table[slot]!;
      if (k === key) return;
      if (k === EMPTY) break;
      slot = (slot + 1) & mask;
    }
    table[slot] = key;
    if (++this.size > EXACT_LIMIT || this.size * 2 > table.length) this.grow();
  }

  /** Doubles the table, or past EXACT_LIMIT keys moves them to the sketch. */
  private grow(): void {
    const old = this.table!;
    if (this.size > EXACT_LIMIT) {
      this.registers = new Uint8Array(HLL_REGISTERS);
      this.table = null;
      for (const k of old) if (k !== EMPTY) this.addToSketch(k);
      return;
    }
    const table = new Float64Array(old.length * 2).fill(EMPTY);
    const mask = table.length - 1;
    for (const k of old) {
      if (k === EMPTY) continue;
      let slot = (k / 2097152) & mask;
      while (table[slot] !== EMPTY) slot = (slot + 1) & mask;
      table[slot] = k;
    }
    this.table = table;
  }

  private addToSketch(key: number): void {
    // The key's top 14 bits pick the register; the rank is 1 + the leading zeros of the 39 bits after them.
    const high = Math.floor(key / 2097152); // the first hash, 32 bits
    const index = high >>> (32 - HLL_BITS);
    const next18 = high & 0x3ffff;
    const low21 = key % 2097152;
    const rank = next18 !== 0 ? Math.clz32(next18) - 13 : low21 !== 0 ? 18 + Math.clz32(low21) - 10 : 40;
    if (rank > this.registers![index]!) this.registers![index] = rank;
  }

  get estimated(): boolean {
    return this.table === null;
  }

  count(): number {
    if (this.table) return this.size;
    const m = HLL_REGISTERS;
    let sum = 0;
    let zeros = 0;
    for (const r of this.registers!) {
      sum += 2 ** -r;
      if (r === 0) zeros++;
    }
    const raw = ((0.7213 / (1 + 1.079 / m)) * m * m) / sum;
    // Linear counting while the sketch is sparse (the small-range correction of the paper).
    return Math.round(raw <= 2.5 * m && zeros > 0 ? m * Math.log(m / zeros) : raw);
  }
}

/** Once a column is past EXACT_LIMIT different values, its most common values are counted on one row in this many (chosen pseudo-randomly). */
export const TOP_SAMPLE_STRIDE = 8;

/**
 * Most common values: exact up to EXACT_LIMIT different values. Past that the column is mostly
 * different values, and counting each one would cost more than the rest of the snapshot: the
 * Misra–Gries summary (with that many counters) then runs on a pseudo-random one row in
 * TOP_SAMPLE_STRIDE, and the counts it reports are estimates, scaled up.
 */
export class TopValues {
  /** Key → slot in `counts`/`values`; slots are reused after a prune. */
  private readonly slots = new Map<number, number>();
  private counts = new Int32Array(2 * EXACT_LIMIT);
  private values: (string | null)[] = [];
  private readonly free: number[] = [];
  private stride = 1;
  /** Misra–Gries decrements so far (0 while exact). */
  private error = 0;

  /**
   * Counts one value of row number `row`; `value` gives its text when it is new. Returns whether
   * the value was new to the counters (every different value is, at least once, while exact).
   */
  add(row: number, key: number, value: () => string | null): boolean {
    if (this.stride > 1 && fmix32(row) % this.stride !== 0) return false;
    const slot = this.slots.get(key);
    if (slot !== undefined) {
      this.counts[slot]!++;
      return false;
    }
    const fresh = this.free.pop() ?? this.slots.size;
    this.slots.set(key, fresh);
    this.counts[fresh] = 1;
    this.values[fresh] = value();
    if (this.slots.size >= 2 * EXACT_LIMIT) this.prune();
    return true;
  }

  get estimated(): boolean {
    return this.stride > 1;
  }

  /** Misra–Gries in batches: take the (limit+1)-th largest count off every counter and drop the empty ones. */
  private prune(): void {
    if (this.stride === 1) {
      // Past the exact limit: from now on a sample of the rows (the counts so far stand for the rows before it).
      this.stride = TOP_SAMPLE_STRIDE;
      for (const slot of this.slots.values()) this.counts[slot] = Math.max(1, Math.round(this.counts[slot]! / TOP_SAMPLE_STRIDE));
    }
    const sorted = Int32Array.from(this.slots.values(), (slot) => this.counts[slot]!).sort();
    const cut = sorted[sorted.length - 1 - EXACT_LIMIT]!;
    for (const [key, slot] of this.slots) {
      if (this.counts[slot]! > cut) this.counts[slot]! -= cut;
      else {
        this.slots.delete(key);
        this.values[slot] = null;
        this.free.push(slot);
      }
    }
    this.error += cut;
  }

  /** The most common values, by count then value; once estimated, only those counted above the summary's error, scaled up. */
  top(): { value: string | null; count: number }[] {
    return [...this.slots.values()]
      .filter((slot) => this.counts[slot]! > this.error)
      .map((slot) => ({ value: this.values[slot] ?? null, count: this.stride === 1 ? this.counts[slot]! : Math.round((this.counts[slot]! + this.error / 2) * this.stride) }))
      .sort((a, b) => b.count - a.count || compareValues(a.value, b.value))
      .slice(0, TOP_VALUES);
  }
}

const NO_VALUE = (): null => null;

function compareValues(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/**
 * A number from PostgreSQL's text output. Plain decimals of up to 15 digits are read from the
 * bytes (an exact integer divided by an exact power of ten rounds as Number() does); anything
 * else goes through Number().
 */
export function parseNumber(buf: Buffer, s: number, e: number): number {
  let i = s;
  const negative = buf[i] === 45;
  if (negative) i++;
  let mantissa = 0;
  let digits = 0;
  let scale = 0;
  let point = false;
  for (; i < e; i++) {
    const b = buf[i]!;
    if (b >= 48 && b <= 57) {
      mantissa = mantissa * 10 + (b - 48);
      digits++;
      if (point) scale++;
    } else if (b === 46 && !point) point = true;
    else return Number(buf.toString('latin1', s, e));
  }
  if (digits === 0 || digits > 15) return Number(buf.toString('latin1', s, e));
  const value = scale === 0 ? mantissa : mantissa / 10 ** scale;
  return negative ? -value : value;
}

interface NumericBins {
  kind: 'numeric';
  min: number;
  max: number;
  counts: Float64Array;
}

interface TimeBins {
  kind: 'time';
  unit: 'year' | 'month';
  counts: Map<number, number>;
}

/** What one column measures on the stream. */
interface ColumnPlan {
  distinct: DistinctCounter;
  top: TopValues | null;
  bins: NumericBins | TimeBins | null;
  boolean: boolean;
}

export interface ColumnStatsPlan {
  /** Keep the most common values (text and boolean columns, not pseudonymised ones). */
  top: boolean;
  boolean: boolean;
  /** Equal-width bins over [min, max] (from the SQL summary), or per-period counts of dates. */
  histogram: { kind: 'numeric'; min: number; max: number } | { kind: 'time'; unit: 'year' | 'month' } | null;
}

export interface StreamedColumnStats {
  distinct: number;
  distinctEstimated: boolean;
  top: { value: string | null; count: number }[];
  topEstimated: boolean;
  histogram: { from: string; to: string; count: number }[];
}

/**
 * Measures every column of every row, and checks the key: the stream is ordered by the key
 * (published-query.ts), so rows sharing a key value are neighbours and one previous key suffices.
 * Key values are compared as published text.
 */
export class ColumnStats {
  private readonly plans: ColumnPlan[];
  private readonly keyIndexes: readonly number[] | null;
  private previousKey: Buffer = Buffer.alloc(256);
  private previousLength = -1;
  private currentKey: Buffer = Buffer.alloc(256);
  private run = 0;
  private readonly key = { emptyRows: 0, duplicateValues: 0, duplicateRows: 0 };

  constructor(plans: readonly ColumnStatsPlan[], keyIndexes: readonly number[] | null) {
    this.plans = plans.map((p) => ({
      distinct: new DistinctCounter(),
      top: p.top ? new TopValues() : null,
      boolean: p.boolean,
      bins:
        p.histogram?.kind === 'numeric'
          ? { kind: 'numeric', min: p.histogram.min, max: p.histogram.max, counts: new Float64Array(HISTOGRAM_BINS) }
          : p.histogram?.kind === 'time'
            ? { kind: 'time', unit: p.histogram.unit, counts: new Map() }
            : null,
    }));
    this.keyIndexes = keyIndexes && keyIndexes.length > 0 ? keyIndexes : null;
  }

  add(row: CopyRow): void {
    const { buf, starts, ends, nulls } = row;
    this.row = row;
    for (let i = 0; i < this.plans.length; i++) {
      const plan = this.plans[i]!;
      const top = plan.top;
      if (nulls[i]) {
        top?.add(this.rows, -1, NO_VALUE);
        continue;
      }
      const s = starts[i]!;
      const e = ends[i]!;
      const key = hashBytes(buf, s, e);
      if (top) {
        this.currentColumn = i;
        // While exact, every different value is new to the counters once, and a distinct count ignores repeats;
        // once sampling, every value must reach the (then HyperLogLog) distinct count.
        if (top.add(this.rows, key, this.valueOf) || top.estimated) plan.distinct.add(key);
      } else {
        plan.distinct.add(key);
      }
      const bins = plan.bins;
      if (bins?.kind === 'numeric') {
        const x = parseNumber(buf, s, e);
        if (x >= bins.min && x <= bins.max) {
          const bin = Math.min(HISTOGRAM_BINS - 1, Math.floor(((x - bins.min) / (bins.max - bins.min)) * HISTOGRAM_BINS));
          bins.counts[bin]!++;
        }
      } else if (bins?.kind === 'time') {
        const period = periodOf(buf, s, e, bins.unit);
        if (period !== null) bins.counts.set(period, (bins.counts.get(period) ?? 0) + 1);
      }
    }
    if (this.keyIndexes) this.addKey(row);
    this.rows++;
  }

  private rows = 0;
  // The value of the current row's current column, for TopValues, without a closure per value.
  private row: CopyRow | null = null;
  private currentColumn = 0;
  private readonly valueOf = (): string | null => {
    const row = this.row!;
    if (this.plans[this.currentColumn]!.boolean) return row.buf[row.starts[this.currentColumn]!] === 116 ? 'true' : 'false';
    const value = row.value(this.currentColumn);
    // Up to 20,000 values are kept per column: long free text is kept short, so memory stays bounded.
    return value !== null && value.length > TOP_VALUE_CHARS ? `${value.slice(0, TOP_VALUE_CHARS)}…` : value;
  };

  private addKey(row: CopyRow): void {
    const { buf, starts, ends, nulls } = row;
    let length = 0;
    for (const i of this.keyIndexes!) {
      if (nulls[i]) {
        this.key.emptyRows++;
        return;
      }
      const n = ends[i]! - starts[i]!;
      if (length + n + 4 > this.currentKey.length) {
        const bigger = Buffer.alloc((length + n + 4) * 2);
        this.currentKey.copy(bigger, 0, 0, length);
        this.currentKey = bigger;
      }
      // Length-prefixed, so ("ab", "c") and ("a", "bc") differ.
      this.currentKey.writeUInt32LE(n, length);
      buf.copy(this.currentKey, length + 4, starts[i], ends[i]);
      length += n + 4;
    }
    const same = length === this.previousLength && this.currentKey.compare(this.previousKey, 0, length, 0, length) === 0;
    if (same) {
      this.run++;
      return;
    }
    this.closeRun();
    this.run = 1;
    [this.previousKey, this.currentKey] = [this.currentKey, this.previousKey];
    this.previousLength = length;
  }

  private closeRun(): void {
    if (this.run > 1) {
      this.key.duplicateValues++;
      this.key.duplicateRows += this.run - 1;
    }
  }

  /** The key check's counts over every row added, or null without key columns to check (no key, or a pseudonymised key column). */
  keyCounts(): KeyCounts | null {
    if (!this.keyIndexes) return null;
    this.closeRun();
    this.run = 0;
    return { ...this.key };
  }

  column(i: number): StreamedColumnStats {
    const plan = this.plans[i]!;
    return {
      distinct: plan.distinct.count(),
      distinctEstimated: plan.distinct.estimated,
      top: plan.top?.top() ?? [],
      topEstimated: plan.top?.estimated ?? false,
      histogram: plan.bins ? histogramOf(plan.bins) : [],
    };
  }
}

/** The year (2024) or month (202401) a date or timestamp's text falls in, or null for a shape we do not bin (BC, year 10000+). */
function periodOf(buf: Buffer, s: number, e: number, unit: 'year' | 'month'): number | null {
  if (e - s < 7 || buf[s + 4] !== 45) return null;
  let year = 0;
  for (let i = s; i < s + 4; i++) year = year * 10 + (buf[i]! - 48);
  if (unit === 'year') return year;
  return year * 100 + (buf[s + 5]! - 48) * 10 + (buf[s + 6]! - 48);
}

function histogramOf(bins: NumericBins | TimeBins) {
  if (bins.kind === 'time') {
    const label = (p: number) => (bins.unit === 'year' ? String(p).padStart(4, '0') : `${String(Math.floor(p / 100)).padStart(4, '0')}-${String(p % 100).padStart(2, '0')}`);
    return [...bins.counts.entries()].sort((a, b) => a[0] - b[0]).map(([p, count]) => ({ from: label(p), to: label(p), count }));
  }
  const width = (bins.max - bins.min) / HISTOGRAM_BINS;
  return Array.from({ length: HISTOGRAM_BINS }, (_, k) => ({
    from: formatEdge(bins.min + k * width),
    to: formatEdge(k === HISTOGRAM_BINS - 1 ? bins.max : bins.min + (k + 1) * width),
    count: bins.counts[k]!,
  }));
}

function formatEdge(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
}
