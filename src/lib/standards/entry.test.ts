import { describe, expect, it } from 'vitest';
import { demoCatalog } from '../../../tests/helpers/demo-catalog.ts';
import { fieldsOf, plainText } from './entry.ts';

describe('plainText', () => {
  it('removes each pair of emphasis marks, not the text between two pairs', () => {
    expect(plainText('Grades: **A** for 90 to 100, **B** for 80 to 89, *C* below.')).toBe('Grades: A for 90 to 100, B for 80 to 89, C below.');
  });

  it('drops Markdown emphasis, links and list marks but keeps column names with underscores', () => {
    expect(plainText('The **street tree** [inventory](https://x.example):\n\n- uses `tree_id` and species_common')).toBe('The street tree inventory:\n\nuses tree_id and species_common');
  });
});

describe('fieldsOf', () => {
  it('fails with a fix when the latest version has a column the metadata no longer describes', async () => {
    const entry = (await demoCatalog())[0]!;
    const latest = { ...entry.latest, columns: [...entry.latest.columns, { name: 'ghost', type: 'string' as const, sourceType: 'text' }] };
    expect(() => fieldsOf({ ...entry, latest }, latest)).toThrowErrorMatchingInlineSnapshot(
      `[Error: 311-service-requests version 2026-02-01 publishes column "ghost", which the metadata no longer describes; restore it in fields or run \`npm run snapshot\` to publish a new version.]`,
    );
  });

  it('describes such a column by name and type in an older version instead of failing', async () => {
    const entry = (await demoCatalog())[0]!;
    const old = { ...entry.versions[1]!, columns: [{ name: 'ghost', type: 'integer' as const, sourceType: 'int4' }] };
    expect(fieldsOf(entry, old)).toEqual([expect.objectContaining({ name: 'ghost', type: 'integer' })]);
  });
});
