import { createHash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

/**
 * A file being written with its SHA-256 and size computed on the way, honouring back-pressure so
 * memory stays flat however large the table.
 */
export class FileSink {
  private readonly stream: WriteStream;
  private readonly hash = createHash('sha256');
  private failure: Error | null = null;
  bytes = 0;

  readonly path: string;

  constructor(path: string) {
    this.path = path;
    this.stream = createWriteStream(path);
    this.stream.on('error', (error) => {
      this.failure = error;
    });
  }

  async write(text: string): Promise<void> {
    if (this.failure) throw this.failure;
    if (text === '') return;
    const buffer = Buffer.from(text, 'utf8');
    this.hash.update(buffer);
    this.bytes += buffer.length;
    if (!this.stream.write(buffer)) await once(this.stream, 'drain');
  }

  /** Flushes and closes the file; returns its hex SHA-256. */
  async close(): Promise<string> {
    this.stream.end();
    await once(this.stream, 'finish');
    if (this.failure) throw this.failure;
    return this.hash.digest('hex');
  }

  /** Closes without caring about the content (the caller is abandoning the file). */
  destroy(): void {
    this.stream.destroy();
  }
}
