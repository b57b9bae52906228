import { describe, expect, it } from 'vitest';
import type { VersionChanges } from '../../src/schemas/version-changes.ts';
import { summariseChanges } from './summary.ts';

const base: VersionChanges = {
  previousVersion: '2026-11-24',
  rowsBefore: 1000,
  rowsAfter: 1009,
  rows: { method: 'key', key: ['id'], added: 12, removed: 3, changed: 1 },
  columns: { added: [], removed: [], retyped: [] },
};

describe('what changed, in one line of the build log', () => {
  it('counts rows added, removed and changed by key', () => {
    expect(summariseChanges(base)).toBe('+12 −3 ~1 rows');
  });

  it('counts columns added, removed and retyped', () => {
    const changes: VersionChanges = { ...base, columns: { added: ['ward'], removed: ['x', 'y'], retyped: [{ name: 'height', from: 'integer', to: 'number' }] } };
    expect(summariseChanges(changes)).toBe('+12 −3 ~1 rows; 1 column(s) added; 2 removed; 1 retyped');
  });

  it('gives the count delta when rows cannot be matched', () => {
    const changes: VersionChanges = { ...base, rowsAfter: 990, rows: { method: 'count', reason: 'This dataset has no primary key.' } };
    expect(summariseChanges(changes)).toBe('−10 rows (count only)');
  });
});
