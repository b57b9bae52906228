import { describe, expect, it } from 'vitest';
import { datasetSchema, type DatasetInput } from '../schemas/dataset.ts';
import type { FieldType } from '../schemas/field.ts';
import type { ColumnProfile, Manifest } from '../schemas/manifest.ts';
import { chartsFor, periodLabel } from './chart-data.ts';

const field = (name: string, type: FieldType, extra: object = {}) => ({ name, title: name.replace('_', ' '), description: `The ${name} of the request.`, type, ...extra });

const input: DatasetInput = {
  id: 'requests',
  title: 'Service requests',
  summary: 'Every request residents made to the city’s service line.',
  description: 'Requests made by phone, web and app to the city, with their category and status, since 2023.',
  rowMeaning: 'one request',
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
  ],
};
const dataset = datasetSchema.parse(input);

const p = (name: string, extra: Partial<ColumnProfile>): ColumnProfile => ({ name, nulls: 0, distinct: 0, min: null, max: null, top: [], histogram: [], ...extra });

const manifest = {
  rowCount: 100,
  profile: [
    p('request_id', { histogram: [{ from: '1', to: '50', count: 50 }, { from: '50', to: '100', count: 50 }] }),
    p('opened_at', { histogram: [{ from: '2026-01', to: '2026-01', count: 40 }, { from: '2026-02', to: '2026-02', count: 60 }] }),
    p('category', { distinct: 12, top: [{ value: 'Pothole', count: 30 }, { value: 'Graffiti', count: 20 }, { value: null, count: 5 }] }),
    p('note', { distinct: 100, top: [{ value: 'a', count: 1 }, { value: 'b', count: 1 }] }),
    p('urgent', { distinct: 2, top: [{ value: 'f', count: 90 }, { value: 't', count: 10 }] }),
    p('wait_days', { min: '0', max: '10', histogram: [{ from: '0', to: '5', count: 75 }, { from: '5', to: '10', count: 25 }] }),
  ],
} as unknown as Manifest;

describe('charts from column profiles', () => {
  const charts = chartsFor(dataset, manifest);

  it('charts records over time, categories and distributions, and skips keys and free text', () => {
    expect(charts.map((c) => [c.kind, c.column])).toEqual([
      ['timeline', 'opened_at'],
      ['categories', 'category'],
      ['categories', 'urgent'],
      ['histogram', 'wait_days'],
    ]);
  });

  it('labels months, empty values and booleans for people', () => {
    expect(charts[0]!.rows.map((r) => r.label)).toEqual(['January 2026', 'February 2026']);
    expect(charts[1]!.rows.map((r) => r.label)).toEqual(['Pothole', 'Graffiti', '(empty)']);
    expect(charts[2]!.rows.map((r) => r.label)).toEqual(['No', 'Yes']);
    expect(periodLabel('2024')).toBe('2024');
  });

  it('summarises each chart in a sentence a screen reader can read instead', () => {
    expect(charts.map((c) => c.summary)).toEqual([
      'From January 2026 to February 2026, between 40 and 60 records per month (the table lists only months with records). The busiest month was February 2026, with 60 rows.',
      'The chart shows the 3 most common of 12 different values. The most common are “Pothole” (30 rows, 30%), “Graffiti” (20 rows, 20%) and “(empty)” (5 rows, 5%).',
      'The chart shows both values. The most common are “No” (90 rows, 90%) and “Yes” (10 rows, 10%).',
      'Values range from 0 days to 10 days, split into 2 equal ranges. The most common range is 0 to 5 days, with 75 rows (75% of the filled-in values).',
    ]);
    expect(charts[3]!.labelHeader).toBe('wait days (days)');
  });
});
