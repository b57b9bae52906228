import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { recordChecks } from './record-checks.ts';

async function root(previous?: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'checks-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  await mkdir(path.join(dir, 'data-snapshots'));
  if (previous !== undefined) await writeFile(path.join(dir, 'data-snapshots', 'checks.json'), previous);
  return dir;
}

const read = async (dir: string): Promise<unknown> => JSON.parse(await readFile(path.join(dir, 'data-snapshots', 'checks.json'), 'utf8'));

describe('the record of when each dataset was last checked', () => {
  it('moves the datasets read or proved unchanged, and never a failed one', async () => {
    const dir = await root(JSON.stringify({ trees: { checkedAt: '2026-11-01T04:17:00.000Z' }, permits: { checkedAt: '2026-11-01T04:17:00.000Z' } }));
    await recordChecks(
      dir,
      [
        { id: 'trees', status: 'unchanged', seconds: 1 },
        { id: 'permits', status: 'failed', seconds: 1, message: 'schema drift' },
        { id: 'calls', status: 'new-version', version: '2026-12-01', seconds: 1 },
      ],
      new Date('2026-12-01T04:17:00Z'),
    );
    expect(await read(dir)).toEqual({
      calls: { checkedAt: '2026-12-01T04:17:00.000Z' },
      permits: { checkedAt: '2026-11-01T04:17:00.000Z' },
      trees: { checkedAt: '2026-12-01T04:17:00.000Z' },
    });
  });

  it('starts afresh when the record is missing or damaged', async () => {
    for (const previous of [undefined, '{ not json', JSON.stringify({ trees: { checkedAt: 'yesterday' } })]) {
      const dir = await root(previous);
      await recordChecks(dir, [{ id: 'trees', status: 'unchanged', seconds: 1 }], new Date('2026-12-01T04:17:00Z'));
      expect(await read(dir)).toEqual({ trees: { checkedAt: '2026-12-01T04:17:00.000Z' } });
    }
  });
});
