import { describe, expect, it } from 'vitest';
import { conditionsFor, fromSearchParams, toSearchParams, type ViewState } from './view-state.ts';

const columns = [
  { name: 'requested_at', type: 'datetime' as const },
  { name: 'category', type: 'string' as const, choices: ['Graffiti', 'Pothole'] },
  { name: 'odd~name%', type: 'string' as const },
  { name: 'amount', type: 'number' as const },
];

describe('the explorer’s view in the URL', () => {
  it('gives back the same filters, sort and page, whatever the column names and values hold', () => {
    const view: ViewState = {
      filters: [
        { column: 'requested_at', condition: 'between', values: ['2024-03-01', '2024-03-31'] },
        { column: 'category', condition: 'in', values: ['Pothole', 'Graffiti'] },
        { column: 'odd~name%', condition: 'contains', values: ['50% ~ off'] },
        { column: 'amount', condition: 'empty', values: [] },
      ],
      sort: { column: 'odd~name%', descending: true },
      page: 3,
    };
    const params = new URLSearchParams(toSearchParams(view).toString());
    expect(fromSearchParams(params, columns)).toEqual(view);
  });

  it('ignores what names an unknown column or a condition the column does not allow, and opens nothing without the flag', () => {
    const params = new URLSearchParams('explore&f=between~gone~1~2&f=in~amount~3&f=contains~category~pot&sort=asc~gone&page=-4');
    expect(fromSearchParams(params, columns)).toEqual({ filters: [{ column: 'category', condition: 'contains', values: ['pot'] }], sort: null, page: 1 });
    expect(fromSearchParams(new URLSearchParams('f=contains~category~x'), columns)).toBeNull();
  });

  it('offers conditions that fit each type, and a pick-list only where every value is known', () => {
    expect(conditionsFor('string', true)).toEqual(['in', 'contains', 'equals', 'empty', 'filled']);
    expect(conditionsFor('string', false)).toEqual(['contains', 'equals', 'empty', 'filled']);
    expect(conditionsFor('integer', false)).toEqual(['between', 'equals', 'empty', 'filled']);
    expect(conditionsFor('date', false)).toEqual(['between', 'empty', 'filled']);
    expect(conditionsFor('boolean', false)).toEqual(['in', 'empty', 'filled']);
  });
});
