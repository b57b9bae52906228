import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { PROJECT_ROOT } from '../helpers/workspace.ts';

/**
 * The version diff streams: comparing two large files must not hold either in memory. Two CSV
 * files of about 40 MB each are compared in a child process that samples the live heap after
 * forced garbage collections (tests/helpers/diff-memory-probe.ts); its growth must stay a small
 * fraction of one file's size.
 */

const ROWS = 400_000;
let dir = '';

async function writeCsv(file: string, skip: (i: number) => boolean, value: (i: number) => string): Promise<void> {
  const out = createWriteStream(file);
  out.write('id,ward,note\r\n');
  let chunk = '';
  for (let i = 1; i <= ROWS + 100; i++) {
    if (skip(i)) continue;
    chunk += `${i},Ward ${i % 7},"${value(i)}"\r\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the version diff on large files', () => {
  it('compares two 40 MB versions with flat memory', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'catalog-diff-memory-'));
    const before = path.join(dir, 'before.csv');
    const after = path.join(dir, 'after.csv');
    const note = (i: number) => `bench number ${i} by the path, painted green, repaired in spring ${'.'.repeat(20)}`;
    await writeCsv(before, (i) => i > ROWS, note);
    await writeCsv(
      after,
      (i) => i <= 50,
      (i) => (i % 1000 === 0 ? `${note(i)} and again` : note(i)),
    );
    const size = (await stat(before)).size;
    expect(size).toBeGreaterThan(35_000_000);

    const probe = spawnSync(process.execPath, ['--expose-gc', path.join(PROJECT_ROOT, 'tests/helpers/diff-memory-probe.ts'), before, after], { encoding: 'utf8' });
    expect(probe.status, probe.stderr).toBe(0);
    const { diff, liveGrowth } = JSON.parse(probe.stdout) as { diff: unknown; liveGrowth: number };
    expect(diff).toEqual({ added: 100, removed: 50, changed: ROWS / 1000 });
    expect(liveGrowth, `live heap grew by ${(liveGrowth / 1e6).toFixed(1)} MB for two ${(size / 1e6).toFixed(0)} MB files`).toBeLessThan(size / 10);
  });
});
