import { describe, expect, it } from 'vitest';
import { compareRows, KeyMismatch } from './compare-rows.ts';

const before = {
  header: ['id', 'street', 'rate'],
  rows: [
    ['1', 'Main Street', '1.00'],
    ['2', 'River Road', '1.50'],
    ['3', 'College Avenue', '2.00'],
  ],
};

describe('comparing two versions row by row', () => {
  it('counts rows added, removed and changed by key, with the changed cells side by side', () => {
    const after = {
      header: ['id', 'street', 'rate', 'zone'],
      rows: [
        ['1', 'Main Street', '1.25', 'A'],
        ['3', 'College Avenue', '2.00', 'B'],
        ['4', 'Harbor Drive', '1.00', 'A'],
      ],
    };
    expect(compareRows(before, after, ['id'])).toEqual({
      added: 1,
      removed: 1,
      changed: 1,
      addedSample: ['4'],
      removedSample: ['2'],
      changedSample: [{ key: '1', cells: [{ column: 'rate', before: '1.00', after: '1.25' }] }],
      duplicateKeys: 0,
    });
  });

  it('matches a key of several columns and keeps only the first rows as a sample', () => {
    const wide = { header: ['route', 'day', 'n'], rows: Array.from({ length: 30 }, (_, i) => ['A', String(i), '1']) };
    const next = { header: ['route', 'day', 'n'], rows: Array.from({ length: 30 }, (_, i) => ['A', String(i), '2']) };
    const result = compareRows(wide, next, ['route', 'day'], 5);
    expect(result.changed).toBe(30);
    expect(result.changedSample.map((c) => c.key)).toEqual(['A / 0', 'A / 1', 'A / 2', 'A / 3', 'A / 4']);
  });

  it('counts duplicate keys instead of pretending they match', () => {
    const doubled = { header: before.header, rows: [...before.rows, ['1', 'Main Street', '9.99']] };
    expect(compareRows(before, doubled, ['id']).duplicateKeys).toBe(1);
  });

  it('says which version lacks a key column', () => {
    expect(() => compareRows(before, { header: ['street'], rows: [] }, ['id'])).toThrow(KeyMismatch);
    expect(() => compareRows(before, { header: ['street'], rows: [] }, ['id'])).toThrow('The newer version has no “id” column');
  });
});
