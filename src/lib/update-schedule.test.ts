import { describe, expect, it } from 'vitest';
import { isOverdue, nextUpdate } from './update-schedule.ts';

describe('nextUpdate', () => {
  it('adds the frequency allowance to the latest snapshot', () => {
    expect(nextUpdate('weekly', '2026-01-01T02:00:00Z')).toBe('2026-01-08T02:00:00.000Z');
    expect(nextUpdate('monthly', '2026-01-31')).toBe('2026-03-03T00:00:00.000Z');
    expect(nextUpdate('annual', '2025-06-30T00:00:00Z')).toBe('2026-07-01T00:00:00.000Z');
  });

  it('expects nothing from irregular and historical datasets', () => {
    expect(nextUpdate('irregular', '2026-01-01')).toBeNull();
    expect(nextUpdate('never', '2026-01-01')).toBeNull();
  });

  it('refuses a date it cannot read instead of printing "Invalid Date"', () => {
    expect(() => nextUpdate('daily', 'yesterday')).toThrowErrorMatchingInlineSnapshot(
      `[Error: "yesterday" is not a date: expected YYYY-MM-DD or an ISO 8601 instant]`,
    );
  });
});

describe('isOverdue', () => {
  it('is not overdue on the due instant, only after it', () => {
    const last = '2026-01-01T00:00:00Z';
    expect(isOverdue('weekly', last, new Date('2026-01-08T00:00:00Z'))).toBe(false);
    expect(isOverdue('weekly', last, new Date('2026-01-08T00:00:01Z'))).toBe(true);
  });

  it('calls a monthly dataset refreshed 40 days ago overdue, and one refreshed 30 days ago on time', () => {
    const now = new Date('2026-03-01T12:00:00Z');
    expect(isOverdue('monthly', '2026-01-20', now)).toBe(true);
    expect(isOverdue('monthly', '2026-01-30', now)).toBe(false);
  });

  it('never calls irregular or historical datasets overdue', () => {
    const now = new Date('2030-01-01T00:00:00Z');
    expect(isOverdue('irregular', '2020-01-01', now)).toBe(false);
    expect(isOverdue('never', '2020-01-01', now)).toBe(false);
  });
});
