import { describe, expect, it } from 'vitest';
import { datasetSchema, type DatasetInput } from '../schemas/dataset.ts';
import type { FieldType } from '../schemas/field.ts';
import type { ColumnProfile, Manifest } from '../schemas/manifest.ts';
import { chartsFor, periodLabel, rowNoun } from './chart-data.ts';

const field = (name: string, type: FieldType, extra: object = {}) => ({ name, title: name.replace('_', ' '), description: `The ${name} of the request.`, type, ...extra });

const input: DatasetInput = {
  id: 'requests',
  title: 'Service requests',
  summary: 'Every request residents made to the city’s service line.',
  description: 'Requests made by phone, web and app to the city, with their category and status, since 2023.',
  rowMeaning: 'one service request made to 311',
  keywords: ['311'],
  theme: 'government',
  publisher: 'Public Works',
  contactPoint: { name: 'Data team', email: 'data@example.gov' },
  license: 'CC-BY-4.0',
  frequency: 'daily',
  temporal: { start: '2023-01-01' },
  spatial: 'Riverton',
  status: 'draft',
  source: { schema: 'public', table: 'requests' },
  collectionMethod: 'Operators record each request as it comes in.',
  primaryKey: ['request_id'],
  fields: [
    field('request_id', 'integer'),
    field('opened_at', 'datetime'),
    field('category', 'string'),
    field('note', 'string'),
    field('urgent', 'boolean'),
    field('wait_days', 'number', { unit: 'days' }),
    field('latitude', 'number', { unit: 'degrees' }),
    field('house_number', 'integer'),
    field('ward', 'integer', { role: 'code' }),
    field('fee', 'number', { role: 'measure' }),
    field('closed_at', 'datetime'),
  ],
  recordDate: 'opened_at',
};
const dataset = datasetSchema.parse(input);

const p = (name: string, extra: Partial<ColumnProfile>): ColumnProfile => ({ name, nulls: 0, distinct: 0, min: null, max: null, top: [], histogram: [], ...extra });

const manifest = {
  rowCount: 100,
  profile: [
    p('request_id', {
      histogram: [
        { from: '1', to: '50', count: 50 },
        { from: '50', to: '100', count: 50 },
      ],
    }),
    p('opened_at', {
      min: '2026-01-01 08:00:00+00',
      max: '2026-03-03 10:00:00+00',
      histogram: [
        { from: '2026-01', to: '2026-01', count: 40 },
        { from: '2026-02', to: '2026-02', count: 60 },
        { from: '2026-03', to: '2026-03', count: 2 },
      ],
    }),
    p('category', {
      distinct: 12,
      top: [
        { value: 'Pothole', count: 30 },
        { value: 'Graffiti', count: 20 },
        { value: null, count: 5 },
      ],
    }),
    p('note', {
      distinct: 100,
      top: [
        { value: 'a', count: 1 },
        { value: 'b', count: 1 },
      ],
    }),
    p('urgent', {
      distinct: 2,
      top: [
        { value: 'f', count: 90 },
        { value: 't', count: 10 },
      ],
    }),
    p('wait_days', {
      distinct: 40,
      min: '0',
      max: '10',
      histogram: [
        { from: '0', to: '5', count: 75 },
        { from: '5', to: '10', count: 25 },
      ],
    }),
    p('latitude', {
      distinct: 90,
      min: '43.0',
      max: '43.1',
      histogram: [
        { from: '43.0', to: '43.05', count: 50 },
        { from: '43.05', to: '43.1', count: 50 },
      ],
    }),
    p('house_number', {
      distinct: 90,
      min: '100',
      max: '900',
      histogram: [
        { from: '100', to: '500', count: 50 },
        { from: '500', to: '900', count: 50 },
      ],
    }),
    // Wards 1 to 3 in 12 bins of a sixth: each non-empty bin holds one ward.
    p('ward', {
      distinct: 3,
      min: '1',
      max: '3',
      histogram: [
        { from: '1', to: '1.1667', count: 20 },
        { from: '1.1667', to: '1.3333', count: 0 },
        { from: '1.8333', to: '2', count: 50 },
        { from: '2.8333', to: '3', count: 30 },
      ],
    }),
    // Three different fees in twelve bins: not a distribution.
    p('fee', {
      distinct: 3,
      min: '1.25',
      max: '2.25',
      histogram: [
        { from: '1.25', to: '1.33', count: 50 },
        { from: '1.33', to: '1.42', count: 0 },
        { from: '2.17', to: '2.25', count: 50 },
      ],
    }),
    p('closed_at', {
      histogram: [
        { from: '2026-01', to: '2026-01', count: 40 },
        { from: '2026-02', to: '2026-02', count: 60 },
      ],
    }),
  ],
} as unknown as Manifest;

describe('charts from column profiles', () => {
  const charts = chartsFor(dataset, manifest);

  it('charts records over time on the dated column only, categories by role, and never keys, coordinates, house numbers, few-valued measures or free text', () => {
    expect(charts.map((c) => [c.kind, c.column])).toEqual([
      ['timeline', 'opened_at'],
      ['categories', 'category'],
      ['categories', 'urgent'],
      ['histogram', 'wait_days'],
    ]);
    const more = chartsFor({ ...dataset, fields: dataset.fields.filter((f) => !['category', 'urgent'].includes(f.name)) }, manifest);
    expect(more.map((c) => [c.kind, c.column])).toEqual([
      ['timeline', 'opened_at'],
      ['categories', 'ward'],
      ['histogram', 'wait_days'],
    ]);
    expect(more[1]!.rows).toEqual([
      { label: '1', count: 20 },
      { label: '2', count: 50 },
      { label: '3', count: 30 },
    ]);
  });

  it('gives plain titles that say what is counted', () => {
    expect(charts.map((c) => c.title)).toEqual(['Service requests per month, by opened at', 'Service requests by category', 'Service requests by urgent', 'Service requests by wait days (days)']);
    expect(rowNoun('one service request made to 311')).toBe('Service requests');
    expect(rowNoun('one inspection of a food business')).toBe('Inspections');
    expect(rowNoun('one call for an ambulance')).toBe('Calls');
    expect(rowNoun('one tree on public land')).toBe('Trees');
    expect(rowNoun('one bus route on one service day')).toBe('Rows');
    expect(rowNoun('daily totals')).toBe('Rows');
  });

  it('labels months, empty values and booleans for people, and marks a partial last period', () => {
    expect(charts[0]!.rows).toEqual([
      { label: 'January 2026', count: 40 },
      { label: 'February 2026', count: 60 },
      { label: 'March 2026 (partial)', count: 2, partial: true },
    ]);
    expect(charts[1]!.rows.map((r) => r.label)).toEqual(['Pothole', 'Graffiti', '(empty)']);
    expect(charts[2]!.rows.map((r) => r.label)).toEqual(['No', 'Yes']);
    expect(periodLabel('2024')).toBe('2024');
    expect(periodLabel('2024-Q2')).toBe('Apr–Jun 2024');
  });

  it('groups a long span by quarter and shows periods without records as zero', () => {
    const months = Array.from({ length: 72 }, (_, i) => `${2020 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`).filter((m) => !m.startsWith('2021-0'));
    const long = { ...manifest, profile: [p('opened_at', { min: '2020-01-01', max: '2025-12-31', histogram: months.map((m) => ({ from: m, to: m, count: 1 })) })] };
    const [chart] = chartsFor(dataset, long);
    expect(chart!.title).toBe('Service requests per quarter, by opened at');
    expect(chart!.rows).toHaveLength(24);
    expect(chart!.rows.slice(4, 8).map((r) => [r.label, r.count])).toEqual([
      ['Jan–Mar 2021', 0],
      ['Apr–Jun 2021', 0],
      ['Jul–Sep 2021', 0],
      ['Oct–Dec 2021', 3],
    ]);
  });

  it('summarises each chart in a sentence a screen reader can read instead', () => {
    expect(charts.map((c) => c.summary)).toEqual([
      'From January 2026 to March 2026, between 40 and 60 service requests per month in the complete months. The busiest month was February 2026, with 60. The last month, March 2026, is partial: the records end on March 3, 2026, so its lower count does not mean a drop.',
      'The chart shows the 3 most common of 12 different values. The most common are “Pothole” (30 rows, 30%), “Graffiti” (20 rows, 20%) and “(empty)” (5 rows, 5%).',
      'The chart shows both values. The most common are “No” (90 rows, 90%) and “Yes” (10 rows, 10%).',
      'Values range from 0 days to 10 days, split into 2 equal ranges. The most common range is 0 to 5 days, with 75 rows (75% of the filled-in values).',
    ]);
    expect(charts[3]!.labelHeader).toBe('wait days (days)');
  });
});
