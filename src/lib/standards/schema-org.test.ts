import { describe, expect, it } from 'vitest';
import { demoCatalog, siteConfig } from '../../../tests/helpers/demo-catalog.ts';
import { expandStrict } from '../../../tests/helpers/standards.ts';
import { citationText, versionCitations } from '../citation.ts';
import { dataCatalogJsonLd, datasetJsonLd, HAS_PART_LIMIT, jsonLdScript } from './schema-org.ts';

describe('schema.org JSON-LD', () => {
  it('gives every demo dataset what Google Dataset Search asks for, and expands with no unknown term', async () => {
    for (const entry of await demoCatalog()) {
      const json = datasetJsonLd(entry, siteConfig) as unknown as Record<string, unknown>;
      for (const key of [
        'name',
        'description',
        'url',
        'identifier',
        'keywords',
        'license',
        'creator',
        'temporalCoverage',
        'spatialCoverage',
        'variableMeasured',
        'dateModified',
        'isAccessibleForFree',
        'distribution',
        'includedInDataCatalog',
      ]) {
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

  it('describes the catalog as a DataCatalog that references every dataset by @id and url only (no thin duplicates)', async () => {
    const catalog = await demoCatalog();
    const json = dataCatalogJsonLd(catalog, siteConfig);
    expect(json.dataset).toHaveLength(catalog.length);
    for (const dataset of json.dataset as object[]) expect(Object.keys(dataset).sort()).toEqual(['@id', 'url']);
    await expect(expandStrict(json)).resolves.toHaveLength(1);
  });

  it("states the page's citation, the versions as parts, creator and publisher with a url, and the data's box", async () => {
    const catalog = await demoCatalog();
    const entry = catalog.find((e) => e.dataset.id === 'street-trees')!;
    const json = datasetJsonLd(entry, siteConfig, '2026-03-01') as unknown as {
      '@id': string;
      citation: string;
      hasPart: { '@id': string; isPartOf: { '@id': string } }[];
      creator: { url: string };
      publisher: { parentOrganization: { url: string } };
      spatialCoverage: { geo: unknown };
      creativeWorkStatus: string;
    };
    expect(json.citation).toBe(citationText(versionCitations(entry.dataset, entry.latest, siteConfig).apa, '2026-03-01'));
    expect(json.hasPart.map((part) => part['@id'])).toEqual([...entry.versions].reverse().map((m) => `${siteConfig.url}/datasets/street-trees/versions/${m.version}/#dataset`));
    for (const part of json.hasPart) expect(part.isPartOf['@id']).toBe(json['@id']);
    // A dataset with years of daily versions lists only its newest ones, so the page stays light.
    const many = { ...entry, versions: Array.from({ length: 400 }, (_, i) => ({ ...entry.latest, version: `2025-01-01-${400 - i}` })) };
    const parts = (datasetJsonLd(many, siteConfig) as unknown as { hasPart: { version: string }[] }).hasPart;
    expect(parts.map((p) => p.version)).toEqual(
      many.versions
        .slice(0, HAS_PART_LIMIT)
        .reverse()
        .map((m) => m.version),
    );
    expect(json.creator.url).toBe(`${siteConfig.url}/publishers/parks-and-recreation-department/`);
    expect(json.publisher.parentOrganization.url).toBe(`${siteConfig.url}/`);
    // The same box as DCAT's dcat:bbox, written latitude first as schema.org wants.
    expect(json.spatialCoverage.geo).toEqual({ '@type': 'GeoShape', box: '43.01 -89 43.09 -88.91' });
    expect(json.creativeWorkStatus).toBe('Active');
    expect(
      datasetJsonLd(
        catalog.find((e) => e.dataset.status === 'retired')!,
        siteConfig,
      ),
    ).toHaveProperty('creativeWorkStatus', 'Retired');
  });

  it('fails expansion on a misspelt property, so the strict context catches typos', async () => {
    const json = { ...datasetJsonLd((await demoCatalog())[0]!, siteConfig), temporalCoverge: '2020/..' };
    await expect(expandStrict(json)).rejects.toThrow(/Safe mode/);
  });

  it('escapes "<" so a value cannot close the script element', () => {
    expect(jsonLdScript({ name: '</script><script>alert(1)</script>' })).not.toContain('</script>');
  });
});
