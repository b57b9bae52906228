import { describe, expect, it } from 'vitest';
import { datasetSchema, type Dataset } from '../../../src/schemas/dataset.ts';
import { parseNeverRead } from '../../lib/never-read.ts';
import { closureProblems, rowFilterColumnProblems } from './check-source.ts';
import type { ReadClosure } from './read-closure.ts';

function dataset(source: Record<string, unknown>, where?: string): Dataset {
  return datasetSchema.parse({
    id: 'trees',
    title: 'Trees',
    summary: 'Trees of the city, for the source-check tests.',
    description: 'Trees of the city, one row per tree, for the source-check tests.',
    rowMeaning: 'one tree',
    keywords: ['trees'],
    theme: 'environment',
    publisher: 'Parks',
    contactPoint: { name: 'Parks', email: 'parks@example.org' },
    license: 'CC-BY-4.0',
    frequency: 'daily',
    temporal: { start: '2026-01-01' },
    spatial: 'City',
    status: 'draft',
    source,
    fields: [{ name: 'id', title: 'Number', description: 'The number of the tree.', type: 'integer' }],
    collectionMethod: 'Counted by hand in the parks, every year.',
    ...(where ? { privacy: { rowFilter: { where, reason: 'Some trees are on private land.' } } } : {}),
  });
}

const view: ReadClosure = {
  source: { kind: 'view', schema: 'parks', name: 'trees_view' },
  reads: [
    { kind: 'table', schema: 'parks', name: 'trees', via: 'parks.trees_view' },
    { kind: 'partition', schema: 'parks', name: 'trees_2026', via: 'parks.trees' },
    { kind: 'function', schema: 'parks', name: 'age_of', via: 'parks.trees_view', opaque: true },
  ],
  byNameFunctions: [],
};

describe('what a source reads against source.reads and the never-read list', () => {
  it('accepts a view whose reads are declared, partitions going with their table, and notes the unchecked function', () => {
    const { problems, notes } = closureProblems(dataset({ schema: 'parks', table: 'trees_view', reads: ['parks.trees', 'parks.age_of'] }), view, []);
    expect(problems).toEqual([]);
    expect(notes).toEqual([expect.stringContaining('reads function(s) whose body PostgreSQL does not record, so what they read was not checked: parks.age_of')]);
  });

  it('names a declared relation the view does not read, at its entry', () => {
    const { problems } = closureProblems(dataset({ schema: 'parks', table: 'trees_view', reads: ['parks.trees', 'parks.age_of', 'hr.staff'] }), view, []);
    expect(problems).toEqual([{ path: ['source', 'reads', 2], message: 'hr.staff is listed but the source does not read it (any more); remove it from source.reads' }]);
  });

  it('refuses reads declared on a plain table', () => {
    const table: ReadClosure = { source: { kind: 'table', schema: 'parks', name: 'trees' }, reads: [], byNameFunctions: [] };
    expect(closureProblems(dataset({ schema: 'parks', table: 'trees' }), table, []).problems).toEqual([]);
    expect(closureProblems(dataset({ schema: 'parks', table: 'trees', reads: ['parks.other'] }), table, []).problems).toEqual([
      { path: ['source', 'reads', 0], message: 'parks.other is listed but the source parks.trees is a table, which reads only itself; remove source.reads' },
    ]);
  });

  it('stops a partition on the never-read list even though it needs no declaring', () => {
    const { problems } = closureProblems(dataset({ schema: 'parks', table: 'trees_view', reads: ['parks.trees', 'parks.age_of'] }), view, parseNeverRead(['parks.trees_2*']));
    expect(problems).toEqual([
      {
        path: ['source', 'reads'],
        message: expect.stringMatching(/^it reads parks\.trees_2026 \(partition, through parks\.trees\), which the never-read list forbids \(privacy\.neverRead "parks\.trees_2\*"/),
      },
    ]);
  });

  it('refuses a row filter naming a column the source does not have', () => {
    expect(rowFilterColumnProblems(dataset({ schema: 'parks', table: 'trees' }, 'NOT "Private"'), ['id', 'private'])).toEqual([
      {
        path: ['privacy', 'rowFilter', 'where'],
        message: 'the row filter names "Private", which is not a column of parks.trees; a row filter may only test the source\'s own columns (names are case-sensitive)',
      },
    ]);
    expect(rowFilterColumnProblems(dataset({ schema: 'parks', table: 'trees' }, 'NOT private'), ['id', 'private'])).toEqual([]);
  });
});
