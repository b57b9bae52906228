import { describe, expect, it } from 'vitest';
import { describeSchedule, updateSchedule } from './next-update.ts';

describe('when the next update is expected', () => {
  it('adds the frequency’s days to the latest version’s UTC date', () => {
    expect(updateSchedule({ frequency: 'monthly', lastUpdate: '2026-01-31T23:30:00Z', today: '2026-02-10' })).toEqual({ kind: 'expected', due: '2026-03-03', periodDays: 31 });
    expect(updateSchedule({ frequency: 'weekly', lastUpdate: '2026-11-25', today: '2026-11-25' })).toEqual({ kind: 'expected', due: '2026-12-02', periodDays: 7 });
  });

  it('is not overdue on the due day itself, and overdue from the next day', () => {
    const base = { frequency: 'daily', lastUpdate: '2026-11-25T04:17:00Z' } as const;
    expect(updateSchedule({ ...base, today: '2026-11-26T23:59:00Z' }).kind).toBe('expected');
    expect(updateSchedule({ ...base, today: '2026-11-27' })).toEqual({ kind: 'overdue', due: '2026-11-26', daysLate: 1, periodDays: 1 });
  });

  it('counts the days late across a year end', () => {
    expect(updateSchedule({ frequency: 'quarterly', lastUpdate: '2025-10-01', today: '2026-01-11' })).toEqual({ kind: 'overdue', due: '2026-01-01', daysLate: 10, periodDays: 92 });
  });

  it('has no due date for irregular and historical data, nor for a retired dataset', () => {
    expect(updateSchedule({ frequency: 'irregular', lastUpdate: '2020-01-01', today: '2026-01-01' })).toEqual({ kind: 'irregular' });
    expect(updateSchedule({ frequency: 'never', lastUpdate: '2020-01-01', today: '2026-01-01' })).toEqual({ kind: 'never' });
    expect(updateSchedule({ frequency: 'daily', lastUpdate: '2020-01-01', today: '2026-01-01', retired: true })).toEqual({ kind: 'retired' });
  });

  it('refuses a date it cannot read rather than print "Invalid Date"', () => {
    expect(() => updateSchedule({ frequency: 'daily', lastUpdate: 'yesterday', today: '2026-01-01' })).toThrow('"yesterday" is not a date');
  });
});

describe('the schedule in words', () => {
  it('says when the update is expected, with no notice while on time', () => {
    expect(describeSchedule({ kind: 'expected', due: '2026-12-02', periodDays: 7 })).toEqual({ fact: 'Expected by December 2, 2026', notice: null });
  });

  it('says plainly that an overdue dataset is late, by how much, and what to do', () => {
    expect(describeSchedule({ kind: 'overdue', due: '2026-11-26', daysLate: 1, periodDays: 1 })).toMatchInlineSnapshot(`
      {
        "fact": "Overdue: expected by November 26, 2026",
        "notice": "This dataset is overdue for an update. It is meant to change at least every day, and the next version was expected by November 26, 2026, 1 day ago. The data below may be out of date; the contact at the end of this page can tell you when it will be refreshed.",
      }
    `);
  });

  it('never promises a date for irregular, historical or retired data', () => {
    expect(describeSchedule({ kind: 'irregular' }).fact).toBe('No fixed date: it is updated when the data changes');
    expect(describeSchedule({ kind: 'never' }).fact).toBe('None: this is historical data that is not updated');
    expect(describeSchedule({ kind: 'retired' }).fact).toBe('None: this dataset is retired');
  });
});
