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

  it('shows CSV cells exactly as data.csv holds them, as the server-rendered preview does', () => {
    expect(displayValue('')).toBeNull();
    expect(displayValue(undefined)).toBeNull();
    // The apostrophe data.csv puts before a would-be formula is part of what the file holds.
    expect(displayValue("'=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(displayValue('true')).toBe('true');
    expect(displayValue('-5')).toBe('-5');
  });
});
