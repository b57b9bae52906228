import { describe, expect, it } from 'vitest';
import type { VersionChanges } from '../schemas/version-changes.ts';
import { describeChanges } from './version-changes.ts';

const base: VersionChanges = {
  previousVersion: '2026-11-24',
  rowsBefore: 1000,
  rowsAfter: 1009,
  rows: { method: 'key', key: ['id'], added: 12, removed: 3, changed: 1 },
  columns: { added: [], removed: [], retyped: [] },
};

describe('what changed, in words', () => {
  it('says rows added, removed and changed by key', () => {
    expect(describeChanges(base)).toEqual(['12 rows added, 3 removed, 1 changed.']);
  });

  it('names columns added, removed and retyped', () => {
    const changes: VersionChanges = { ...base, columns: { added: ['ward'], removed: ['x', 'y'], retyped: [{ name: 'height', from: 'integer', to: 'number' }] } };
    expect(describeChanges(changes)[1]).toBe('Column “ward” added; columns “x”, “y” removed; “height” changed from whole number to number.');
  });

  it('gives the count delta and the reason when rows cannot be matched', () => {
    const changes: VersionChanges = { ...base, rowsAfter: 990, rows: { method: 'count', reason: 'This dataset has no primary key.' } };
    expect(describeChanges(changes)).toEqual(['10 rows fewer (1,000 → 990).', 'This dataset has no primary key.']);
  });
});
