import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { demoCatalog, siteConfig } from '../../../tests/helpers/demo-catalog.ts';
import { PROJECT_ROOT } from '../../../tests/helpers/workspace.ts';
import { exampleEntry, urlPatterns } from './developer-api.ts';

describe('the developers page and the README', () => {
  it('the README lists every machine-readable URL pattern the developers page lists', async () => {
    const readme = readFileSync(`${PROJECT_ROOT}/README.md`, 'utf8');
    const section = readme.slice(readme.indexOf('## Machine-readable metadata'), readme.indexOf('## Commands'));
    const patterns = urlPatterns(exampleEntry(await demoCatalog())!, siteConfig)
      .map((row) => row.pattern)
      // Pages and the per-file download rows are covered by the table's `<file>` patterns.
      .filter((pattern) => !pattern.endsWith('/') && !/\/(latest|versions\/<version>)\/(?!data\.csv-metadata\.json)[^/]+$/.test(pattern));
    expect(patterns.length).toBeGreaterThanOrEqual(15);
    expect(patterns.filter((pattern) => !section.includes(`\`${pattern}\``) && !section.includes(pattern.replace(/\.[a-z]+$/, '')))).toEqual([]);
  });

  it('names the standard of every catalog and dataset metadata file', async () => {
    const rows = urlPatterns(exampleEntry(await demoCatalog())!, siteConfig);
    for (const row of rows.filter((r) => !/\/(latest|versions)\//.test(r.pattern) && /\.(ttl|jsonld|rdf)$|data\.json$|datapackage\.json$/.test(r.pattern)))
      expect(row.standard, row.pattern).toBeDefined();
  });
});
