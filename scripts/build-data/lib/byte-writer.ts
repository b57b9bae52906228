/** Recycled buffers kept for reuse: more than the pieces a file stream holds before it asks to wait. */
const MAX_SPARE = 8;

/**
 * An append-only byte buffer that hands its content off in pieces of about `batch` bytes, each a
 * Buffer the caller may keep (a file stream holds it until written). Used by the COPY transcoder,
 * which writes bytes one at a time without ever making a JavaScript string. A caller that says
 * when a piece is no longer read (`recycle`) lets the next pieces reuse its memory: a snapshot
 * hands off hundreds of megabytes, and a fresh buffer for each megabyte costs page faults and
 * garbage collections (about 0.3 CPU seconds per million rows on the benchmark's table).
 */
export class ByteWriter {
  buf: Buffer;
  length = 0;
  private readonly batch: number;
  /** Pieces handed off and not yet recycled → the whole buffer each is a view of (weak: a piece never recycled is simply collected). */
  private readonly lent = new WeakMap<Buffer, Buffer>();
  /** Whole buffers whose piece was recycled, ready for the next `take`. */
  private readonly spare: Buffer[] = [];

  constructor(batch = 1 << 20) {
    this.batch = batch;
    this.buf = Buffer.allocUnsafe(batch + (batch >> 2));
  }

  /** Makes room for `n` more bytes. */
  ensure(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.length + n));
    this.buf.copy(bigger, 0, 0, this.length);
    this.buf = bigger;
  }

  byte(b: number): void {
    if (this.length === this.buf.length) this.ensure(1);
    this.buf[this.length++] = b;
  }

  /** Appends `src[start, end)`. */
  bytes(src: Uint8Array, start: number, end: number): void {
    const n = end - start;
    this.ensure(n);
    const buf = this.buf;
    let at = this.length;
    // A short run is cheaper copied here than through a native call.
    if (n < 32) for (let i = start; i < end; i++) buf[at++] = src[i]!;
    else buf.set(src.subarray(start, end), at);
    this.length += n;
  }

  /** Appends pre-encoded bytes. */
  all(src: Uint8Array): void {
    this.bytes(src, 0, src.length);
  }

  /** Appends a string as UTF-8. */
  text(s: string): void {
    this.ensure(s.length * 3);
    this.length += this.buf.write(s, this.length, 'utf8');
  }

  /** True once a batch worth of bytes is waiting. */
  get full(): boolean {
    return this.length >= this.batch;
  }

  /**
   * The bytes written so far, as a Buffer of their own; the writer starts empty again. The piece
   * stays valid until it is given to `recycle` (never, if the caller does not).
   */
  take(): Buffer {
    const out = this.buf.subarray(0, this.length);
    this.lent.set(out, this.buf);
    this.buf = this.spare.pop() ?? Buffer.allocUnsafe(this.batch + (this.batch >> 2));
    this.length = 0;
    return out;
  }

  /** Takes back a piece from `take` that nothing reads any more (every file write of it finished): its memory is reused. */
  recycle(piece: Buffer): void {
    const whole = this.lent.get(piece);
    if (!whole) return;
    this.lent.delete(piece);
    // A buffer grown for one huge row is left to the garbage collector; a handful of spares is enough.
    if (whole.length === this.batch + (this.batch >> 2) && this.spare.length < MAX_SPARE) this.spare.push(whole);
  }
}
