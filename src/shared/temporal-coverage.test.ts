import { describe, expect, it } from 'vitest';
import { calendarDay, recordDateField, temporalCoverage } from './temporal-coverage.ts';

const field = (name: string, type: 'date' | 'datetime' | 'string') => ({ name, title: name, description: 'A column of the test table.', type });
const profile = (name: string, min: string | null, max: string | null) => ({ name, nulls: 0, distinct: 2, min, max, top: [], histogram: [] });

describe('the period the data covers', () => {
  it('reads the calendar day PostgreSQL prints for dates and date-times', () => {
    expect(calendarDay('2026-01-01')).toBe('2026-01-01');
    expect(calendarDay('2026-01-01 02:51:11+00')).toBe('2026-01-01');
    expect(calendarDay('2025-12-31 23:52:21')).toBe('2025-12-31');
    expect(calendarDay('infinity')).toBeNull();
    expect(calendarDay('0044-03-15 BC')).toBeNull();
    expect(calendarDay('2024')).toBeNull();
    expect(calendarDay(null)).toBeNull();
  });

  it('takes the first and last value of the declared record date column', () => {
    const dataset = { fields: [field('closed', 'datetime'), field('received', 'datetime')], recordDate: 'received', temporal: { start: '2020-01-01' } };
    const manifest = { profile: [profile('closed', '2022-01-05 10:00:00', '2026-11-30 10:00:00'), profile('received', '2022-01-01 13:00:22+00', '2026-01-01 02:51:11+00')] };
    expect(temporalCoverage(dataset, manifest)).toEqual({ source: 'records', column: 'received', declared: true, start: '2022-01-01', end: '2026-01-01' });
  });

  it('infers the first date column when none is declared', () => {
    const dataset = { fields: [field('name', 'string'), field('planted', 'date')], temporal: { start: '1980-01-01' } };
    expect(recordDateField(dataset)).toEqual({ field: dataset.fields[1], declared: false });
    expect(temporalCoverage(dataset, { profile: [profile('planted', '1980-01-04', '2024-12-28')] })).toMatchObject({ source: 'records', start: '1980-01-04', end: '2024-12-28', declared: false });
  });

  it('uses no column when the metadata says the dates describe things, not records (an inventory)', () => {
    const inventory = { fields: [field('planted', 'date')], recordDate: false as const, temporal: { start: '1980-01-01' } };
    expect(recordDateField(inventory)).toBeNull();
    expect(temporalCoverage(inventory, { profile: [profile('planted', '1980-01-04', '2024-12-28')] })).toEqual({ source: 'metadata', start: '1980-01-01', end: null });
  });

  it('falls back to the declared period when the data has no dates', () => {
    const undated = { fields: [field('name', 'string')], temporal: { start: '2019-01-01', end: '2025-06-30' } };
    expect(temporalCoverage(undated, { profile: [] })).toEqual({ source: 'metadata', start: '2019-01-01', end: '2025-06-30' });
    const empty = { fields: [field('planted', 'date')], temporal: { start: '2019-01-01' } };
    expect(temporalCoverage(empty, { profile: [profile('planted', null, null)] })).toEqual({ source: 'metadata', start: '2019-01-01', end: null });
  });
});
