import { describe, expect, it } from 'vitest';
import { formatProblems } from '../../src/shared/friendly-errors.ts';
import { findTodoMarkers } from './todo-markers.ts';

const text = `id: x
summary: "TODO: one or two sentences"
theme: government # TODO: choose the theme
fields:
  - name: a
    description: |
      TODO: what a means
`;

describe('TODO markers left by catalog:add', () => {
  it('are warnings in a draft, located at their line and field', () => {
    expect(formatProblems(findTodoMarkers('src/content/datasets/x.yaml', text, 'draft'))).toMatchInlineSnapshot(`
      "  src/content/datasets/x.yaml:2  summary: text still to write ("TODO: one or two sentences"); write it and remove the TODO marker before setting status: review
        src/content/datasets/x.yaml:3  theme: text still to write ("TODO: choose the theme"); write it and remove the TODO marker before setting status: review
        src/content/datasets/x.yaml:7  fields[0].description: text still to write ("TODO: what a means"); write it and remove the TODO marker before setting status: review"
    `);
  });

  it('are errors once the dataset is in review or later', () => {
    for (const status of ['review', 'approved', 'retired'] as const) {
      const [first] = findTodoMarkers('x.yaml', text, status);
      expect(first?.severity).toBe('error');
      expect(first?.message).toContain(`a dataset with status ${status} cannot keep placeholders`);
    }
  });

  it('ignores the word TODO without a colon and files without markers', () => {
    expect(findTodoMarkers('x.yaml', 'id: x\n# Each TODO below marks a text\nsummary: done\n', 'approved')).toEqual([]);
  });
});
