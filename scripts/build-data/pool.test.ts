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
});
