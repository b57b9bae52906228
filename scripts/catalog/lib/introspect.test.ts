import { describe, expect, it } from 'vitest';
import { parseRelationName } from './introspect.ts';

describe('parseRelationName reads schema.table as a maintainer types it', () => {
  it('splits schema and table', () => {
    expect(parseRelationName('parks.street_trees')).toEqual({ schema: 'parks', table: 'street_trees' });
  });

  it('means the public schema when none is given', () => {
    expect(parseRelationName('permits')).toEqual({ schema: 'public', table: 'permits' });
  });

  it('keeps capitals, spaces, dots and doubled quotes inside double quotes', () => {
    expect(parseRelationName('"Parks Dept"."Tree.List ""2024"""')).toEqual({ schema: 'Parks Dept', table: 'Tree.List "2024"' });
  });

  it('refuses names it cannot read unambiguously', () => {
    for (const bad of ['', 'a.b.c', 'parks.', '.trees', '"unclosed', '"a"b', 'a"b"']) expect(parseRelationName(bad), bad).toBeNull();
  });
});
