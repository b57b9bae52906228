/**
 * Parquet's RLE / bit-packing hybrid (https://parquet.apache.org/docs/file-format/data-pages/encodings/,
 * "Run Length Encoding / Bit-Packing Hybrid"), for definition levels (bit width 1) and dictionary
 * indexes. Runs of 8 or more equal values become one RLE run; the rest is bit-packed in groups of 8.
 */

/** A growable byte array for the encoders. */
export class Bytes {
  buf: Uint8Array;
  length = 0;

  constructor(capacity = 1024) {
    this.buf = new Uint8Array(capacity);
  }

  ensure(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const bigger = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    bigger.set(this.buf.subarray(0, this.length));
    this.buf = bigger;
  }

  byte(b: number): void {
    if (this.length === this.buf.length) this.ensure(1);
    this.buf[this.length++] = b;
  }

  varint(n: number): void {
    while (n > 0x7f) {
      this.byte((n & 0x7f) | 0x80);
      n >>>= 7;
    }
    this.byte(n);
  }

  /** The bytes written, without copying. */
  view(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}

/** Encodes `values[start, end)` with `bitWidth` bits per value (1 to 24) into `out`. */
export function rleHybrid(out: Bytes, values: ArrayLike<number>, start: number, end: number, bitWidth: number): void {
  const valueBytes = (bitWidth + 7) >> 3;
  let i = start;
  let packedFrom = -1;
  let packedGroups = 0;
  const flushPacked = () => {
    if (packedGroups === 0) return;
    writePacked(out, values, packedFrom, end, packedGroups, bitWidth);
    packedGroups = 0;
  };
  while (i < end) {
    const value = values[i]!;
    let run = 1;
    while (i + run < end && values[i + run] === value) run++;
    if (run >= 8) {
      flushPacked();
      out.varint(run * 2);
      for (let b = 0; b < valueBytes; b++) out.byte((value >>> (8 * b)) & 0xff);
      i += run;
    } else {
      if (packedGroups === 0) packedFrom = i;
      packedGroups++;
      i += 8;
    }
  }
  flushPacked();
}

/** `groups` groups of 8 values from `from`, bit-packed least significant bit first; values past `end` pad with zero. */
function writePacked(out: Bytes, values: ArrayLike<number>, from: number, end: number, groups: number, bitWidth: number): void {
  out.varint(groups * 2 + 1);
  out.ensure(groups * bitWidth);
  let acc = 0;
  let bits = 0;
  const count = groups * 8;
  for (let k = 0; k < count; k++) {
    const at = from + k;
    acc |= (at < end ? values[at]! : 0) << bits;
    bits += bitWidth;
    while (bits >= 8) {
      out.buf[out.length++] = acc & 0xff;
      acc >>>= 8;
      bits -= 8;
    }
  }
}
