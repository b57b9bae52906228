import { describe, expect, it } from 'vitest';
import { datasetSchema } from '../schemas/dataset.ts';
import type { Manifest } from '../schemas/manifest.ts';
import { datasetSchedule, describeSchedule, scheduleBasis, updateSchedule } from './next-update.ts';
import { scorecard } from './quality.ts';

describe('when the next update is expected', () => {
  it('adds the frequency’s days to the latest version’s UTC date', () => {
    expect(updateSchedule({ frequency: 'monthly', lastUpdate: '2026-01-31T23:30:00Z', today: '2026-02-10' })).toEqual({
      kind: 'expected',
      due: '2026-03-03',
      periodDays: 31,
      basis: 'version',
      from: '2026-01-31',
    });
    expect(updateSchedule({ frequency: 'weekly', lastUpdate: '2026-11-25', today: '2026-11-25' })).toEqual({
      kind: 'expected',
      due: '2026-12-02',
      periodDays: 7,
      basis: 'version',
      from: '2026-11-25',
    });
  });

  it('is not overdue on the due day itself, and overdue from the next day', () => {
    const base = { frequency: 'daily', lastUpdate: '2026-11-25T04:17:00Z' } as const;
    expect(updateSchedule({ ...base, today: '2026-11-26T23:59:00Z' }).kind).toBe('expected');
    expect(updateSchedule({ ...base, today: '2026-11-27' })).toEqual({ kind: 'overdue', due: '2026-11-26', daysLate: 1, periodDays: 1, basis: 'version', from: '2026-11-25' });
  });

  it('counts the days late across a year end', () => {
    expect(updateSchedule({ frequency: 'quarterly', lastUpdate: '2025-10-01', today: '2026-01-11' })).toEqual({
      kind: 'overdue',
      due: '2026-01-01',
      daysLate: 10,
      periodDays: 92,
      basis: 'version',
      from: '2025-10-01',
    });
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
    expect(describeSchedule({ kind: 'expected', due: '2026-12-02', periodDays: 7, basis: 'version', from: '2026-11-25' })).toEqual({ fact: 'Expected by December 2, 2026', notice: null });
  });

  it('says plainly that an overdue dataset is late, by how much, and what to do', () => {
    expect(describeSchedule({ kind: 'overdue', due: '2026-11-26', daysLate: 1, periodDays: 1, basis: 'version', from: '2026-11-25' })).toMatchInlineSnapshot(`
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

describe('timeliness is judged from the data’s own last date', () => {
  const dataset = datasetSchema.parse({
    id: 'requests',
    title: 'Service requests',
    summary: 'Every request made to the city, with when it was received.',
    description: 'One row per request made to the city through its service line, with when it was received and closed.',
    rowMeaning: 'one request',
    keywords: ['requests'],
    theme: 'government',
    publisher: 'Public Works',
    contactPoint: { name: 'Data team', email: 'data@example.gov' },
    license: 'CC-BY-4.0',
    frequency: 'daily',
    temporal: { start: '2022-01-01' },
    spatial: 'Riverton',
    status: 'approved',
    source: { schema: 'pw', table: 'requests' },
    collectionMethod: 'Call takers enter every request.',
    fields: [
      { name: 'closed_at', title: 'Closed', description: 'When the request was closed.', type: 'datetime' },
      { name: 'received_at', title: 'Received', description: 'When the request was received.', type: 'datetime' },
    ],
    recordDate: 'received_at',
  });
  const column = (name: string, min: string, max: string) => ({ name, nulls: 0, distinct: 2, min, max, top: [], histogram: [] });
  // Published (and checked) today, but the newest record is eleven months old.
  const manifest = {
    snapshotAt: '2026-12-01T04:17:00Z',
    profile: [column('closed_at', '2022-01-02 09:00:00', '2026-11-30 10:00:00'), column('received_at', '2022-01-01 13:00:22+00', '2026-01-01 02:51:11+00')],
  } as unknown as Manifest;

  it('counts a daily dataset as late from its newest record, not from the day it was published', () => {
    expect(datasetSchedule(dataset, manifest, '2026-12-01')).toEqual({ kind: 'overdue', due: '2026-01-02', daysLate: 333, periodDays: 1, basis: 'records', from: '2026-01-01' });
  });

  it('uses the declared recordDate column, not the first date column', () => {
    expect(scheduleBasis(dataset, manifest)).toEqual({ basis: 'records', lastUpdate: '2026-01-01' });
  });

  it('falls back to the latest version’s date when no column dates a record', () => {
    const undated = { ...dataset, recordDate: undefined, fields: dataset.fields.map((f) => ({ ...f, type: 'string' as const })) };
    expect(scheduleBasis(undated, manifest)).toEqual({ basis: 'version', lastUpdate: '2026-12-01T04:17:00Z' });
  });

  it('says in words that the data is judged by its newest record', () => {
    expect(describeSchedule(datasetSchedule(dataset, manifest, '2026-12-01'))).toMatchInlineSnapshot(`
      {
        "fact": "Overdue: newer records were expected by January 2, 2026",
        "notice": "This dataset is overdue for an update. It is meant to be updated every day, but its newest record is from January 1, 2026: newer records were expected by January 2, 2026, 333 days ago. The data below may be out of date; the contact at the end of this page can tell you when it will be refreshed.",
      }
    `);
  });

  it('scores timeliness 0 on the scorecard and says what it was judged from', () => {
    const measure = scorecard(dataset, { ...manifest, rowCount: 2, quality: { key: null } }, '2026-12-01').measures.find((m) => m.id === 'timeliness')!;
    expect(measure.score).toBe(0);
    expect(measure.explanation).toContain("Judged from the data's newest record (January 1, 2026)");
  });
});
