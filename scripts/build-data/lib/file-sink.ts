import { createHash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

/** Text is gathered into pieces of about this size before it becomes one Buffer and one write. */
const BATCH_CHARS = 1 << 20;

/**
 * A file being written with its SHA-256 and size computed on the way, honouring back-pressure so
 * memory stays flat however large the table. Many small writes (one per COPY chunk) each allocate
 * a Buffer outside the V8 heap that the garbage collector frees lazily, which made the resident
 * size grow with the table; batching into ~1 MiB writes keeps a handful of large Buffers in flight.
 */
export class FileSink {
  private readonly stream: WriteStream;
  private readonly hash = createHash('sha256');
  private failure: Error | null = null;
  private pending = '';
  bytes = 0;

  readonly path: string;

  constructor(path: string) {
    this.path = path;
    this.stream = createWriteStream(path, { highWaterMark: BATCH_CHARS });
    this.stream.on('error', (error) => {
      this.failure = error;
    });
  }

  async write(text: string): Promise<void> {
    this.throwIfFailed();
    this.pending += text;
    if (this.pending.length >= BATCH_CHARS) await this.flush();
  }

  /** Writes bytes already encoded (after any text written before them). */
  async writeBytes(buffer: Buffer): Promise<void> {
    await this.flush();
    await this.put(buffer);
  }

  private async flush(): Promise<void> {
    if (this.pending === '') return;
    const buffer = Buffer.from(this.pending, 'utf8');
    this.pending = '';
    await this.put(buffer);
  }

  private async put(buffer: Buffer): Promise<void> {
    this.throwIfFailed();
    if (buffer.length === 0) return;
    this.hash.update(buffer);
    this.bytes += buffer.length;
    if (!this.stream.write(buffer)) await once(this.stream, 'drain');
    this.throwIfFailed();
  }

  /** Rethrows a write error the stream reported (a method, since TypeScript's narrowing of the field does not see the stream's callback across an await). */
  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }

  /** Flushes and closes the file; returns its hex SHA-256. */
  async close(): Promise<string> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
    this.throwIfFailed();
    return this.hash.digest('hex');
  }

  /** Closes without caring about the content (the caller is abandoning the file). */
  destroy(): void {
    this.pending = '';
    this.stream.destroy();
  }
}
