import { Bytes } from './parquet-rle.ts';

/** How large a ByteDictionary may grow: `lookup` returns -1 rather than pass either limit. */
export interface ByteDictionaryLimits {
  maxEntries: number;
  maxBytes: number;
}

/** Unsigned byte order of `a` and the bytes `b[s, e)`. */
function compareBytes(a: Uint8Array, b: Uint8Array, s: number, e: number): number {
  const n = Math.min(a.length, e - s);
  for (let k = 0; k < n; k++) {
    const d = a[k]! - b[s + k]!;
    if (d !== 0) return d;
  }
  return a.length - (e - s);
}

/**
 * Distinct byte strings, numbered in order of arrival: an open-addressing hash table over the
 * bytes themselves (FNV-1a), so looking a value up makes no string. Entries are kept PLAIN-encoded
 * (4-byte length, then the bytes), which is the dictionary page itself.
 */
export class ByteDictionary {
  readonly entries = new Bytes(1 << 12);
  private readonly limits: ByteDictionaryLimits;
  private starts: Int32Array<ArrayBuffer> = new Int32Array(256);
  private slots: Int32Array<ArrayBuffer> = new Int32Array(1024).fill(-1);
  private hashes: Int32Array<ArrayBuffer> = new Int32Array(256);
  size = 0;

  constructor(limits: ByteDictionaryLimits) {
    this.limits = limits;
  }

  /** Forgets every entry (the memory is kept for the next ones). */
  clear(): void {
    this.size = 0;
    this.entries.length = 0;
    this.slots.fill(-1);
  }

  /** The entry number of `buf[s, e)`, adding it if new; -1 when adding it would pass the limits. */
  lookup(buf: Uint8Array, s: number, e: number): number {
    let h = 0x811c9dc5;
    for (let k = s; k < e; k++) h = Math.imul(h ^ buf[k]!, 0x01000193);
    const mask = this.slots.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]!;
      if (entry === -1) return this.add(slot, h, buf, s, e);
      if (this.hashes[entry] === h && this.equals(entry, buf, s, e)) return entry;
    }
  }

  private equals(entry: number, buf: Uint8Array, s: number, e: number): boolean {
    const at = this.starts[entry]!;
    const b = this.entries.buf;
    const n = e - s;
    if ((b[at - 4]! | (b[at - 3]! << 8) | (b[at - 2]! << 16) | (b[at - 1]! << 24)) !== n) return false;
    for (let k = 0; k < n; k++) if (b[at + k] !== buf[s + k]) return false;
    return true;
  }

  private add(slot: number, h: number, buf: Uint8Array, s: number, e: number): number {
    const n = e - s;
    if (this.size >= this.limits.maxEntries || this.entries.length + n > this.limits.maxBytes) return -1;
    const entry = this.size++;
    if (entry === this.starts.length) {
      this.starts = grow(this.starts);
      this.hashes = grow(this.hashes);
    }
    const out = this.entries;
    out.ensure(n + 4);
    const at = out.length;
    out.buf[at] = n & 0xff;
    out.buf[at + 1] = (n >>> 8) & 0xff;
    out.buf[at + 2] = (n >>> 16) & 0xff;
    out.buf[at + 3] = (n >>> 24) & 0xff;
    for (let k = 0; k < n; k++) out.buf[at + 4 + k] = buf[s + k]!;
    out.length = at + 4 + n;
    this.starts[entry] = at + 4;
    this.hashes[entry] = h;
    this.slots[slot] = entry;
    if (this.size * 2 > this.slots.length) this.rehash();
    return entry;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let entry = 0; entry < this.size; entry++) {
      let slot = this.hashes[entry]! & mask;
      while (slots[slot] !== -1) slot = (slot + 1) & mask;
      slots[slot] = entry;
    }
    this.slots = slots;
  }

  /** The bytes of an entry (a view: the entries are never moved while it is used). */
  entry(k: number): Uint8Array {
    const at = this.starts[k]!;
    const b = this.entries.buf;
    return b.subarray(at, at + (b[at - 4]! | (b[at - 3]! << 8) | (b[at - 2]! << 16) | (b[at - 1]! << 24)));
  }

  /** Each entry's rank in unsigned byte order, for the statistics. */
  ranks(): Int32Array {
    const order = Array.from({ length: this.size }, (_, k) => k);
    const views = order.map((k) => this.entry(k));
    order.sort((a, b) => compareBytes(views[a]!, views[b]!, 0, views[b]!.length));
    const ranks = new Int32Array(this.size);
    order.forEach((k, rank) => (ranks[k] = rank));
    return ranks;
  }
}

function grow(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}
