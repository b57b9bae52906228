import { describe, expect, it } from 'vitest';
import { runPool } from './pool.ts';

describe('runPool', () => {
  it('runs at most one item per worker at a time and returns results in item order', async () => {
    let running = 0;
    let peak = 0;
    const items = Array.from({ length: 9 }, (_, i) => i);
    const results = await runPool(['a', 'b', 'c'], items, async (worker, item) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, (9 - item) * 2));
      running--;
      return `${item}`;
    });
    expect(results).toEqual(items.map(String));
    expect(peak).toBe(3);
  });

  it('gives every item to exactly one worker', async () => {
    const seen: number[] = [];
    await runPool([1, 2], [10, 20, 30, 40, 50], async (_worker, item) => {
      seen.push(item);
      await Promise.resolve();
    });
    expect(seen.sort()).toEqual([10, 20, 30, 40, 50]);
  });

  it('stops handing out items and rethrows when a task throws', async () => {
    const started: number[] = [];
    await expect(
      runPool([1], [1, 2, 3], (_worker, item) => {
        started.push(item);
        return item === 2 ? Promise.reject(new Error('connection lost')) : Promise.resolve();
      }),
    ).rejects.toThrow('connection lost');
    expect(started).toEqual([1, 2]);
  });

  it('waits for the tasks under way before rethrowing, so nothing still runs when the caller cleans up', async () => {
    let running = 0;
    const pool = runPool([1, 2], [1, 2], async (_worker, item) => {
      running++;
      await new Promise((resolve) => setTimeout(resolve, item === 1 ? 1 : 50));
      running--;
      if (item === 1) throw new Error('a bug');
    });
    await expect(pool).rejects.toThrow('a bug');
    expect(running).toBe(0);
  });

  it('stops handing out items when told to, and gives the items never started to unrun', async () => {
    const results = await runPool(
      ['a'],
      [1, 2, 3],
      async (_worker, item, _index, control) => {
        await Promise.resolve();
        if (item === 2) control.stop();
        return `ran ${item}`;
      },
      (item) => `not run ${item}`,
    );
    expect(results).toEqual(['ran 1', 'ran 2', 'not run 3']);
  });

  it('retires a worker whose connection is gone; the others take the rest', async () => {
    const seen: string[] = [];
    const results = await runPool(['lost', 'fine'], [1, 2, 3, 4], async (worker, item, _index, control) => {
      seen.push(`${worker}:${item}`);
      if (worker === 'lost') control.retire();
      await new Promise((resolve) => setTimeout(resolve, 5));
      return item;
    });
    expect(results).toEqual([1, 2, 3, 4]);
    expect(seen.filter((s) => s.startsWith('lost:'))).toHaveLength(1);
  });
});
