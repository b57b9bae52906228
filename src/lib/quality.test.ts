import { describe, expect, it } from 'vitest';
import { datasetSchema, type DatasetInput } from '../schemas/dataset.ts';
import type { Manifest } from '../schemas/manifest.ts';
import { gradeFor, points, scorecard } from './quality.ts';

const input: DatasetInput = {
  id: 'trees',
  title: 'Street trees',
  summary: 'Every tree the city looks after on streets and in parks.',
  description: 'A register of every tree on public land, with species, size and condition, kept by the parks department.',
  rowMeaning: 'one tree',
  keywords: ['trees'],
  theme: 'environment',
  publisher: 'Parks',
  contactPoint: { name: 'Parks data team', email: 'parks@example.gov' },
  license: 'CC-BY-4.0',
  frequency: 'monthly',
  temporal: { start: '2020-01-01' },
  spatial: 'Riverton',
  status: 'draft',
  source: { schema: 'parks', table: 'trees' },
  collectionMethod: 'Arborists survey every street once a year.',
  primaryKey: ['tree_id'],
  fields: [
    { name: 'tree_id', title: 'Tree id', description: 'Number painted on the tree.', type: 'integer' },
    { name: 'condition', title: 'Condition', description: 'Condition at the last survey.', type: 'string', allowedValues: ['good', 'fair', 'poor'] },
    { name: 'height_m', title: 'Height', description: 'Height in metres, estimated.', type: 'number', range: { min: 0, max: 40 } },
    { name: 'planted', title: 'Planted', description: 'Date the tree was planted.', type: 'date' },
  ],
};
const dataset = datasetSchema.parse(input);

function manifest(overrides: Partial<Manifest> = {}): Manifest {
  const profile = (name: string, nulls: number, invalid?: number) => ({ name, nulls, distinct: 1, min: null, max: null, top: [], histogram: [], ...(invalid === undefined ? {} : { invalid }) });
  return {
    dataset: 'trees',
    version: '2026-11-01',
    snapshotAt: '2026-11-01T04:00:00Z',
    source: 'parks.trees',
    rowCount: 1000,
    contentHash: '0'.repeat(64),
    columns: [],
    files: [],
    preview: [],
    profile: [profile('tree_id', 0), profile('condition', 0, 10), profile('height_m', 100, 0), profile('planted', 500)],
    quality: { key: { columns: ['tree_id'], emptyRows: 0, duplicateValues: 2, duplicateRows: 5 } },
    ...overrides,
  };
}

describe('the quality scorecard', () => {
  it('scores each measure from the snapshot counts and grades their average', () => {
    const card = scorecard(dataset, manifest(), '2026-11-20');
    const scores = Object.fromEntries(card.measures.map((m) => [m.id, m.score]));
    // Completeness: (1 + 1 + 0.9 + 0.5) / 4; uniqueness: 1 - 5/1000; validity: 1 - 10/(1000 + 900); on time.
    expect(scores.completeness).toBeCloseTo(0.85);
    expect(scores.uniqueness).toBeCloseTo(0.995);
    expect(scores.validity).toBeCloseTo(1 - 10 / 1900);
    expect(scores.timeliness).toBe(1);
    expect(card.score).toBe(95.9);
    expect(card.grade).toBe('A');
    expect(card.summary).toBe('Grade A (95.9 out of 100): the average of completeness 85, uniqueness 99.5, validity 99.4, timeliness 100.');
  });

  it('explains what it found in plain words', () => {
    const card = scorecard(dataset, manifest(), '2026-11-20');
    const text = Object.fromEntries(card.measures.map((m) => [m.id, m.explanation]));
    expect(text.uniqueness).toBe('2 tree_id value(s) are shared by more than one row (5 extra row(s)). Each row should have its own tree_id.');
    expect(text.validity).toBe('10 of 1,900 checked values (0.5%) are outside the declared allowed values or ranges, in: condition.');
    expect(card.columns.find((c) => c.name === 'height_m')).toEqual({ name: 'height_m', filled: 0.9, invalid: 0, checked: 900, rule: 'at least 0, at most 40' });
    expect(card.columns.find((c) => c.name === 'planted')!.rule).toBeNull();
  });

  it('halves timeliness when late by less than one period and zeroes it beyond', () => {
    const late = (today: string) => scorecard(dataset, manifest(), today).measures.find((m) => m.id === 'timeliness')!;
    expect(late('2026-12-02').score).toBe(1); // due 2026-12-02
    expect(late('2026-12-10').score).toBe(0.5);
    expect(late('2027-01-10').score).toBe(0);
    expect(late('2027-01-10').explanation).toBe(
      'Late by more than one update period: the update was expected 39 days ago. Judged from the date of the latest version (November 1, 2026), since the data has no column that dates a record.',
    );
  });

  it('leaves out what cannot be measured instead of counting it as perfect', () => {
    const noKey = datasetSchema.parse({ ...input, primaryKey: [], frequency: 'irregular', fields: input.fields.map((f) => ({ ...f, allowedValues: undefined, range: undefined })) });
    const card = scorecard(noKey, manifest(), '2026-11-20');
    expect(card.measures.filter((m) => m.score === null).map((m) => m.id)).toEqual(['uniqueness', 'validity', 'timeliness']);
    expect(card.grade).toBe('B');
    expect(card.summary).toBe('Grade B (85 out of 100): the average of completeness 85; uniqueness and validity and timeliness could not be measured, so they do not count.');
  });

  it('still loads a version written before the scorecard existed', () => {
    const old = manifest({ quality: undefined, profile: manifest().profile.map(({ invalid: _, ...p }) => p) });
    const card = scorecard(dataset, old, '2026-11-20');
    expect(card.measures.find((m) => m.id === 'uniqueness')!.explanation).toContain('published before the scorecard existed');
    expect(card.measures.find((m) => m.id === 'validity')!.score).toBeNull();
    expect(card.grade).not.toBeNull();
  });

  it('has no grade for an empty retired table', () => {
    const retired = datasetSchema.parse({ ...input, status: 'retired', retired: { date: '2026-01-01', reason: 'Replaced by the new tree register.' } });
    const card = scorecard(
      retired,
      manifest({ rowCount: 0, quality: undefined, profile: manifest().profile.map((p) => ({ ...p, nulls: 0, invalid: p.invalid === undefined ? undefined : 0 })) }),
      '2026-11-20',
    );
    expect(card.grade).toBeNull();
    expect(card.summary).toBe('No grade: none of the four measures could be taken on this version.');
  });

  it('never shows 100 points for less than perfect', () => {
    expect([1, 0.9996, 0.85, 0.995, 0].map(points)).toEqual([100, 99.9, 85, 99.5, 0]);
  });

  it('draws grade boundaries at 95, 85, 70 and 50', () => {
    expect([100, 95, 94.9, 85, 70, 69, 50, 49, 0].map(gradeFor)).toEqual(['A', 'A', 'B', 'B', 'C', 'D', 'D', 'E', 'E']);
  });
});
