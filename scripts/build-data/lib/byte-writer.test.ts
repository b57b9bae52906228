import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { ByteWriter } from './byte-writer.ts';
import { FileSink } from './file-sink.ts';

describe('ByteWriter pieces', () => {
  it('reuses the memory of a recycled piece, and only of a recycled one', () => {
    const writer = new ByteWriter(64 * 1024);
    writer.all(Buffer.from('first'));
    const first = writer.take();
    writer.all(Buffer.from('second'));
    const second = writer.take();
    expect(second.buffer).not.toBe(first.buffer);
    writer.recycle(first);
    writer.recycle(first); // a second recycle of the same piece is ignored
    writer.all(Buffer.from('third'));
    const third = writer.take();
    writer.all(Buffer.from('fourth'));
    const fourth = writer.take();
    // The piece being filled after `second` was taken is new; the one after that reuses `first`'s memory.
    expect([third.buffer, fourth.buffer]).toContain(first.buffer);
    expect(fourth.buffer).not.toBe(third.buffer);
    expect(second.toString()).toBe('second');
  });

  it('writes every byte of pieces recycled as soon as the file has written them', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'catalog-byte-writer-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const file = new FileSink(path.join(dir, 'out.bin'));
    const writer = new ByteWriter(64 * 1024);
    const expected = createHash('sha256');
    let recycled = 0;
    // 200 pieces of 64 KiB, each a different pattern: a piece reused before its write finished would show in the file.
    for (let p = 0; p < 200; p++) {
      const chunk = Buffer.alloc(64 * 1024, p % 251);
      chunk.writeUInt32LE(p, 0);
      writer.all(chunk);
      expected.update(chunk);
      const piece = writer.take();
      await file.writeBytes(piece, () => {
        recycled++;
        writer.recycle(piece);
      });
    }
    const sha256 = await file.close();
    expect(sha256).toBe(expected.digest('hex'));
    expect(
      createHash('sha256')
        .update(await readFile(path.join(dir, 'out.bin')))
        .digest('hex'),
    ).toBe(sha256);
    expect(recycled).toBe(200);
  });
});
