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
  /** Rejects with the first write error: every wait on the stream races it, so none can outlive a failure it missed. */
  private readonly failed: Promise<never>;
  private pending = '';
  bytes = 0;

  readonly path: string;

  constructor(path: string) {
    this.path = path;
    this.stream = createWriteStream(path, { highWaterMark: BATCH_CHARS });
    this.failed = new Promise<never>((_, reject) => {
      this.stream.on('error', (error: NodeJS.ErrnoException) => {
        // Errors of write(2) carry no path; the message about a full disk needs it.
        this.failure ??= Object.assign(error, { path: error.path ?? path });
        reject(this.failure);
      });
    });
    this.failed.catch(() => {});
  }

  async write(text: string): Promise<void> {
    this.throwIfFailed();
    this.pending += text;
    if (this.pending.length >= BATCH_CHARS) await this.flush();
  }

  /**
   * Writes bytes already encoded (after any text written before them). `onWritten` is called once
   * the file write of `buffer` has finished (not if the file failed first): from then on the caller
   * may reuse its memory.
   */
  async writeBytes(buffer: Buffer, onWritten?: () => void): Promise<void> {
    await this.flush();
    await this.put(buffer, onWritten);
  }

  private async flush(): Promise<void> {
    if (this.pending === '') return;
    const buffer = Buffer.from(this.pending, 'utf8');
    this.pending = '';
    await this.put(buffer);
  }

  private async put(buffer: Buffer, onWritten?: () => void): Promise<void> {
    this.throwIfFailed();
    if (buffer.length === 0) {
      onWritten?.();
      return;
    }
    this.hash.update(buffer);
    this.bytes += buffer.length;
    const written = (error?: Error | null) => {
      if (!error) onWritten?.();
    };
    if (!this.stream.write(buffer, written)) await Promise.race([once(this.stream, 'drain'), this.failed]);
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
    await Promise.race([once(this.stream, 'finish'), this.failed]);
    this.throwIfFailed();
    return this.hash.digest('hex');
  }

  /** Closes without caring about the content (the caller is abandoning the file); resolves once the file is closed, so deleting it frees its space. */
  async destroy(): Promise<void> {
    this.pending = '';
    if (this.stream.closed) return;
    const closed = once(this.stream, 'close').catch(() => {});
    this.stream.destroy();
    await closed;
  }
}
