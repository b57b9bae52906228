import { describe, expect, it } from 'vitest';
import { DistinctCounter, EXACT_LIMIT, hashBytes, parseNumber, TopValues } from './column-stats.ts';

const key = (s: string) => {
  const b = Buffer.from(s);
  return hashBytes(b, 0, b.length);
};

describe('distinct values on the stream', () => {
  it('counts exactly up to the limit, repeats ignored', () => {
    const d = new DistinctCounter();
    for (let r = 0; r < 3; r++) for (let i = 0; i < EXACT_LIMIT; i++) d.add(key(`value ${i}`));
    expect(d.count()).toBe(EXACT_LIMIT);
    expect(d.estimated).toBe(false);
    // One more different value, and the count is an estimate from then on.
    d.add(key('one more'));
    expect(d.estimated).toBe(true);
    expect(Math.abs(d.count() - (EXACT_LIMIT + 1)) / EXACT_LIMIT).toBeLessThan(0.03);
  });

  it('estimates past the limit within 3 %', () => {
    for (const n of [20_000, 300_000]) {
      const d = new DistinctCounter();
      for (let i = 0; i < n; i++) d.add(key(`Inspection ${i} of site`));
      for (let i = 0; i < n; i += 7) d.add(key(`Inspection ${i} of site`));
      expect(d.estimated).toBe(true);
      expect(Math.abs(d.count() - n) / n).toBeLessThan(0.03);
    }
  });
});

describe('most common values on the stream', () => {
  it('counts exactly while a column has few different values, nulls included, ties by value', () => {
    const t = new TopValues();
    const rows = ['b', 'a', null, 'a', 'c', 'b', 'a'];
    rows.forEach((v, i) => t.add(i, v === null ? -1 : key(v), () => v));
    expect(t.top()).toEqual([
      { value: 'a', count: 3 },
      { value: 'b', count: 2 },
      { value: 'c', count: 1 },
      { value: null, count: 1 },
    ]);
    expect(t.estimated).toBe(false);
  });

  it('still finds the heavy values of a mostly unique column, with estimated counts', () => {
    const t = new TopValues();
    const heavy = ['Main St', 'Oak Ave', 'River Rd'];
    const n = 400_000;
    for (let i = 0; i < n; i++) {
      // 10 %, 5 % and 2.5 % of the rows; the rest all different.
      const v = i % 10 === 0 ? heavy[0]! : i % 20 === 1 ? heavy[1]! : i % 40 === 3 ? heavy[2]! : `street ${i}`;
      t.add(i, key(v), () => v);
    }
    expect(t.estimated).toBe(true);
    const top = t.top();
    expect(top.slice(0, 3).map((e) => e.value)).toEqual(heavy);
    for (const [i, share] of [0.1, 0.05, 0.025].entries()) expect(Math.abs(top[i]!.count - share * n) / (share * n)).toBeLessThan(0.25);
    // Values seen once are never listed as common.
    expect(top.every((e) => e.count > 1000)).toBe(true);
  });
});

describe('numbers read from the bytes', () => {
  it('reads exactly what Number() reads', () => {
    for (const s of ['0', '-0', '42', '-3.5', '79.19', '0.1', '123456789012345', '1234567890123456789', '4.743229689067202', '1e+20', '-1.5e-7', 'NaN', 'Infinity', '-Infinity', '12.50', '.5']) {
      const b = Buffer.from(`x${s}y`);
      expect(Object.is(parseNumber(b, 1, b.length - 1), Number(s))).toBe(true);
    }
  });
});
