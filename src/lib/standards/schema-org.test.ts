import { describe, expect, it } from 'vitest';
import { demoCatalog, siteConfig } from '../../../tests/helpers/demo-catalog.ts';
import { expandStrict } from '../../../tests/helpers/standards.ts';
import { dataCatalogJsonLd, datasetJsonLd, jsonLdScript } from './schema-org.ts';

describe('schema.org JSON-LD', () => {
  it('gives every demo dataset what Google Dataset Search asks for, and expands with no unknown term', async () => {
    for (const entry of await demoCatalog()) {
      const json = datasetJsonLd(entry, siteConfig) as unknown as Record<string, unknown>;
      for (const key of ['name', 'description', 'url', 'identifier', 'keywords', 'license', 'creator', 'temporalCoverage', 'spatialCoverage', 'variableMeasured', 'dateModified', 'isAccessibleForFree', 'distribution', 'includedInDataCatalog']) {
        expect(json, `${entry.dataset.id} lacks ${key}`).toHaveProperty(key);
      }
      const description = json.description as string;
      expect(description.length).toBeGreaterThanOrEqual(50);
      expect(description.length).toBeLessThanOrEqual(5000);
      for (const download of json.distribution as Record<string, unknown>[]) {
        expect(download).toMatchObject({ '@type': 'DataDownload', contentUrl: expect.stringMatching(/^https:/), encodingFormat: expect.any(String) });
      }
      expect(json.temporalCoverage).toMatch(/^\d{4}-\d{2}-\d{2}\/(\d{4}-\d{2}-\d{2}|\.\.)$/);
      const [expanded] = await expandStrict(json);
      expect(expanded?.['@type']).toEqual(['http://schema.org/Dataset']);
    }
  });

  it('describes the catalog as a DataCatalog listing every dataset', async () => {
    const catalog = await demoCatalog();
    const json = dataCatalogJsonLd(catalog, siteConfig);
    expect(json.dataset).toHaveLength(catalog.length);
    await expect(expandStrict(json)).resolves.toHaveLength(1);
  });

  it('fails expansion on a misspelt property, so the strict context catches typos', async () => {
    const json = { ...datasetJsonLd((await demoCatalog())[0]!, siteConfig), temporalCoverge: '2020/..' };
    await expect(expandStrict(json)).rejects.toThrow(/Safe mode/);
  });

  it('escapes "<" so a value cannot close the script element', () => {
    expect(jsonLdScript({ name: '</script><script>alert(1)</script>' })).not.toContain('</script>');
  });
});
