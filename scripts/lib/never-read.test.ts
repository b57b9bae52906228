import { describe, expect, it } from 'vitest';
import { neverReadMatch, parseNeverRead } from './never-read.ts';

describe('the never-read list', () => {
  const patterns = parseNeverRead(['hr.*', 'finance.salar*', '"Odd.Schema".*', 'public.exact']);

  it('matches whole schemas, name prefixes and exact names, case-sensitively', () => {
    expect(neverReadMatch({ schema: 'hr', table: 'staff_records' }, patterns)).toBe('hr.*');
    expect(neverReadMatch({ schema: 'finance', table: 'salaries_2024' }, patterns)).toBe('finance.salar*');
    expect(neverReadMatch({ schema: 'finance', table: 'spending' }, patterns)).toBeNull();
    expect(neverReadMatch({ schema: 'Odd.Schema', table: 'x' }, patterns)).toBe('"Odd.Schema".*');
    expect(neverReadMatch({ schema: 'public', table: 'exact' }, patterns)).toBe('public.exact');
    expect(neverReadMatch({ schema: 'public', table: 'exactly' }, patterns)).toBeNull();
    expect(neverReadMatch({ schema: 'HR', table: 'staff_records' }, patterns)).toBeNull();
  });

  it('treats regular-expression characters in names literally', () => {
    const dotted = parseNeverRead(['a.b+c']);
    expect(neverReadMatch({ schema: 'a', table: 'b+c' }, dotted)).toBe('a.b+c');
    expect(neverReadMatch({ schema: 'a', table: 'bbc' }, dotted)).toBeNull();
  });

  it('always refuses the system catalogs', () => {
    for (const schema of ['pg_catalog', 'information_schema', 'pg_toast']) expect(neverReadMatch({ schema, table: 'x' }, [])).toBe('(system catalog)');
  });

  it('stops the command on an entry that is not schema.name', () => {
    expect(() => parseNeverRead(['hr', 'a.b.c'])).toThrow('privacy.neverRead in src/site.config.ts has entries that are not schema.name: "hr", "a.b.c".');
  });
});
