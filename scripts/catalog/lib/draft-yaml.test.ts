import { describe, expect, it } from 'vitest';
import { parseMetadata } from '../../../src/shared/metadata.ts';
import { findTodoMarkers } from '../../lib/todo-markers.ts';
import { humanize, idFromTable, renderDraft } from './draft-yaml.ts';
import type { TableDescription } from './introspect.ts';

const table: TableDescription = {
  schema: 'Parks Dept',
  table: 'Tree List',
  comment: 'One row per tree the parks crews look after.',
  primaryKey: ['Tree ID'],
  columns: [
    { name: 'Tree ID', type: 'int4', displayType: 'integer', nullable: false, comment: 'Asset number painted on the tag at the base.' },
    { name: 'species', type: 'text', displayType: 'text', nullable: true, comment: null },
    { name: 'dbh', type: 'numeric', displayType: 'numeric(5,1)', nullable: true, comment: 'DBH, cm' },
    { name: 'shape', type: 'jsonb', displayType: 'jsonb', nullable: true, comment: 'GeoJSON outline' },
  ],
};

describe('renderDraft', () => {
  const text = renderDraft(table, { id: 'tree-list', command: 'npm run catalog:add -- "Parks Dept"."Tree List"', today: '2026-11-25' });

  it('writes a draft that passes the metadata schema before any text is written', () => {
    const parsed = parseMetadata('src/content/datasets/tree-list.yaml', text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.dataset).toMatchObject({
      status: 'draft',
      source: { schema: 'Parks Dept', table: 'Tree List' },
      primaryKey: ['Tree ID'],
      summary: 'One row per tree the parks crews look after.',
    });
    expect(parsed.dataset!.fields.map((f) => [f.name, f.type])).toEqual([
      ['Tree ID', 'integer'],
      ['species', 'string'],
      ['dbh', 'number'],
    ]);
    expect(parsed.dataset!.fields[0]!.description).toBe('Asset number painted on the tag at the base.');
  });

  it('marks each text still to write with TODO:, as warnings for a draft', () => {
    const todos = findTodoMarkers('x.yaml', text, 'draft');
    expect(todos.every((t) => t.severity === 'warning')).toBe(true);
    expect(todos.map((t) => t.field)).toEqual([
      'description',
      'rowMeaning',
      'keywords[0]',
      'theme',
      'publisher',
      'contactPoint',
      'frequency',
      'temporal.start',
      'collectionMethod',
      'fields[1].description',
      'fields[2].description',
    ]);
    expect(text).toContain('description: "TODO: what this column means in plain language, and what an empty value means."');
    expect(text).toContain(`description: 'TODO: expand the database comment "DBH, cm" into a plain-language sentence.'`);
  });

  it('lists a column of an unpublishable type as a comment with the reason', () => {
    expect(text).toContain(
      '  # Not published: the catalog does not publish jsonb columns: one document can hold anything, and its keys are not described by the field dictionary.\n' +
        "  # To publish this one, publish the keys you mean as columns of a view (payload->>'status' AS status); point source at the view, then list it here.\n" +
        '  # - name: shape\n' +
        '  #   type: jsonb\n',
    );
  });
});

describe('renderDraft for a view', () => {
  it('drafts source.reads from what the view reads, for a person to check before review', () => {
    const view = { ...table, primaryKey: [], reads: ['parks.street_trees', '"Parks Dept"."Species.List"'] };
    const text = renderDraft(view, { id: 'tree-list', command: 'npm run catalog:add -- parks.trees_view', today: '2026-11-25' });
    const parsed = parseMetadata('src/content/datasets/tree-list.yaml', text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.dataset!.source.reads).toEqual(['parks.street_trees', '"Parks Dept"."Species.List"']);
    expect(findTodoMarkers('x.yaml', text, 'review').some((t) => t.field.startsWith('source.reads'))).toBe(true);
  });
});

describe('names', () => {
  it('derives an id usable in a URL from any table name', () => {
    expect(idFromTable('Tree List')).toBe('tree-list');
    expect(idFromTable('street_trees')).toBe('street-trees');
    expect(idFromTable('Café__Inspections 2024')).toBe('cafe-inspections-2024');
  });

  it('turns snake_case into a title', () => {
    expect(humanize('species_common')).toBe('Species common');
    expect(humanize('Tree Height (m)')).toBe('Tree Height (m)');
  });

  it('drafts columns that look personal (by name or database comment) commented out, with the reason', () => {
    const withPersonal: TableDescription = {
      ...table,
      columns: [
        ...table.columns,
        { name: 'owner_phone', type: 'text', displayType: 'text', nullable: true, comment: null },
        { name: 'contact', type: 'text', displayType: 'text', nullable: true, comment: 'E-mail address of the person who reported the tree.' },
      ],
    };
    const draft = renderDraft(withPersonal, { id: 'tree-list', command: 'npm run catalog:add -- x', today: '2026-11-25' });
    const parsed = parseMetadata('src/content/datasets/tree-list.yaml', draft);
    expect(parsed.dataset!.fields.map((f) => f.name)).toEqual(['Tree ID', 'species', 'dbh']);
    expect(draft).toContain('  # Not published: this column looks like a phone number (the column name "owner_phone"). To publish it, add a transform');
    expect(draft).toContain('  # - name: owner_phone');
    expect(draft).toContain('looks like an e-mail address (the description says "E-mail address")');
  });
});
