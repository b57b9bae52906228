import { describe, expect, it } from 'vitest';
import { editDistance, queryTerms, suggestQuery } from './search-query.ts';

const vocabulary: [string, number][] = [
  ['restaurant', 1],
  ['inspections', 1],
  ['trees', 2],
  ['neighbourhood', 3],
  ['neighborhood', 3],
  ['permits', 1],
  ['street', 4],
];

describe('what a search query searches', () => {
  it('never searches a single letter', () => {
    expect(queryTerms('b')).toEqual([]);
    expect(queryTerms('a tree in a park')).toEqual(['tree', 'in', 'park']);
    expect(queryTerms('Pay-by-phone')).toEqual(['pay', 'by', 'phone']);
  });

  it('counts a swapped pair of letters as one edit', () => {
    expect(editDistance('restuarant', 'restaurant')).toBe(1);
    expect(editDistance('tree', 'trees')).toBe(1);
    expect(editDistance('crime', 'trees', 2)).toBe(3);
  });

  it('suggests the catalog’s own spelling for a typo, and nothing for a known or unrelated word', () => {
    expect(suggestQuery('restuarant', vocabulary)).toBe('restaurant');
    expect(suggestQuery('Restuarant inspectons', vocabulary)).toBe('restaurant inspections');
    expect(suggestQuery('street', vocabulary)).toBeNull();
    expect(suggestQuery('crime', vocabulary)).toBeNull();
    expect(suggestQuery('crime', [['time', 5]])).toBeNull();
    expect(suggestQuery('tre', vocabulary)).toBeNull();
    expect(suggestQuery('trese', vocabulary)).toBe('trees');
    expect(suggestQuery('xylophone', vocabulary)).toBeNull();
  });
});
