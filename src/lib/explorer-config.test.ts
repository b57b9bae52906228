import { describe, expect, it } from 'vitest';
import { explorerChoices } from './explorer-config.ts';

const profile = (distinct: number, values: (string | null)[], extra = {}) => ({
  name: 'c',
  nulls: 0,
  distinct,
  min: null,
  max: null,
  top: values.map((value) => ({ value, count: 1 })),
  histogram: [],
  ...extra,
});
const field = { name: 'c', title: 'Column', description: 'A column of the test.', type: 'string' as const };

describe('the explorer’s pick-lists', () => {
  it('lists every value the profile found when it found them all, in order', () => {
    expect(explorerChoices(field, profile(3, ['open', 'closed', null, 'in progress']))).toEqual(['closed', 'in progress', 'open']);
  });

  it('falls back on the declared allowed values, with any other value the profile saw', () => {
    expect(explorerChoices({ ...field, allowedValues: ['a', 'b', 'c'] }, profile(40, ['b', 'z']))).toEqual(['a', 'b', 'c', 'z']);
  });

  it('offers none when the list is incomplete or estimated', () => {
    expect(explorerChoices(field, profile(40, ['a', 'b']))).toBeUndefined();
    expect(explorerChoices(field, profile(2, ['a', 'b'], { topEstimated: true }))).toBeUndefined();
  });
});
