import { describe, expect, it } from 'vitest';
import { displayValue, filterRows, sortRows, type Cell } from './preview-table.ts';

const rows: Cell[][] = [
  ['10', 'Pothole', null],
  ['9', 'graffiti', 'x'],
  [null, 'Élan', 'y'],
  ['100', 'pothole repair', 'z'],
];

describe('the preview table’s sorting and filtering', () => {
  it('sorts numbers as numbers and keeps empty cells last in both directions', () => {
    expect(sortRows(rows, 0, 'ascending', true).map((r) => r[0])).toEqual(['9', '10', '100', null]);
    expect(sortRows(rows, 0, 'descending', true).map((r) => r[0])).toEqual(['100', '10', '9', null]);
  });

  it('sorts text ignoring case and accents, stably', () => {
    expect(sortRows(rows, 1, 'ascending', false).map((r) => r[1])).toEqual(['Élan', 'graffiti', 'Pothole', 'pothole repair']);
    expect(sortRows(rows, 2, 'descending', false).map((r) => r[2])).toEqual(['z', 'y', 'x', null]);
  });

  it('keeps rows with the text in any column, ignoring case and surrounding spaces', () => {
    expect(filterRows(rows, '  POTHOLE ').map((r) => r[0])).toEqual(['10', '100']);
    expect(filterRows(rows, '')).toHaveLength(4);
    expect(filterRows(rows, 'nothing like it')).toEqual([]);
  });

  it('shows CSV cells as the server-rendered preview does', () => {
    expect(displayValue('', false)).toBeNull();
    expect(displayValue(undefined, false)).toBeNull();
    // data.csv guards formulas with an apostrophe; the page shows the value itself (as the JSON has it).
    expect(displayValue("'=HYPERLINK(1)", false)).toBe('=HYPERLINK(1)');
    expect(displayValue("'-5 degrees", false)).toBe('-5 degrees');
    expect(displayValue("'quoted'", false)).toBe("'quoted'");
    expect(displayValue('-5', true)).toBe('-5');
  });
});
