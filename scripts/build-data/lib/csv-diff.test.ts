import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { NotComparable } from '../errors.ts';
import { compareValues, diffCsvByKey } from './csv-diff.ts';

async function files(before: string, after: string): Promise<[string, string]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'catalog-diff-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  const a = path.join(dir, 'before.csv');
  const b = path.join(dir, 'after.csv');
  await writeFile(a, before.replaceAll('\n', '\r\n'));
  await writeFile(b, after.replaceAll('\n', '\r\n'));
  return [a, b];
}

describe('comparing two versions by primary key', () => {
  it('counts rows added, removed and changed in one pass over both files', async () => {
    const [a, b] = await files('id,name\n1,oak\n2,elm\n3,ash\n5,yew\n', 'id,name\n2,elm\n3,"ash, white"\n4,fir\n5,yew\n6,box\n');
    expect(await diffCsvByKey(a, b, [{ name: 'id', type: 'integer' }])).toEqual({ added: 2, removed: 1, changed: 1 });
  });

  it('orders whole-number keys as numbers, not as text', async () => {
    const [a, b] = await files('id\n9\n10\n', 'id\n9\n10\n11\n');
    expect(await diffCsvByKey(a, b, [{ name: 'id', type: 'integer' }])).toEqual({ added: 1, removed: 0, changed: 0 });
  });

  it('tells NULL (empty cell) from the empty string ("") as a change', async () => {
    const [a, b] = await files('id,note\n1,\n', 'id,note\n1,""\n');
    expect(await diffCsvByKey(a, b, [{ name: 'id', type: 'integer' }])).toEqual({ added: 0, removed: 0, changed: 1 });
  });

  it('compares only the columns both versions have, finding columns by name', async () => {
    const [a, b] = await files('id,old,name\n1,x,oak\n2,y,elm\n', 'name,id,new\noak,1,z\nbirch,2,z\n');
    expect(await diffCsvByKey(a, b, [{ name: 'id', type: 'integer' }])).toEqual({ added: 0, removed: 0, changed: 1 });
  });

  it('matches composite text keys in byte order (COLLATE "C"), ignoring the formula apostrophe', async () => {
    expect(compareValues('B', 'a', 'string')).toBeLessThan(0);
    expect(compareValues('é', 'z', 'string')).toBeGreaterThan(0);
    expect(compareValues("'=x", 'A', 'string')).toBeLessThan(0);
    const [a, b] = await files('ward,year,n\nEast,2024,1\nEast,2025,2\nWest,2024,3\n', 'ward,year,n\nEast,2025,9\nWest,2024,3\nWest,2025,4\n');
    const key = [
      { name: 'ward', type: 'string' },
      { name: 'year', type: 'integer' },
    ] as const;
    expect(await diffCsvByKey(a, b, key)).toEqual({ added: 1, removed: 1, changed: 1 });
  });

  it('refuses files that are not in key order, or repeat a key, rather than miscount', async () => {
    const [a, b] = await files('id\n2\n1\n', 'id\n1\n2\n');
    await expect(diffCsvByKey(a, b, [{ name: 'id', type: 'integer' }])).rejects.toThrow(
      new NotComparable("The previous version's rows are not in primary-key order (or a key repeats), so rows cannot be matched."),
    );
    const [c, d] = await files('id\n1\n2\n', 'id\n1\n1\n');
    await expect(diffCsvByKey(c, d, [{ name: 'id', type: 'integer' }])).rejects.toThrow(NotComparable);
  });

  it('refuses when a key column is missing from a version', async () => {
    const [a, b] = await files('code\n1\n', 'id\n1\n');
    await expect(diffCsvByKey(a, b, [{ name: 'id', type: 'integer' }])).rejects.toThrow('The previous version has no column "id", part of the primary key, so rows cannot be matched.');
  });
});
