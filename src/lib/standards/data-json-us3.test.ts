import { describe, expect, it } from 'vitest';
import { demoCatalog, siteConfig } from '../../../tests/helpers/demo-catalog.ts';
import { ajvErrors, dataJsonUs3Validators, dcatUs3UnknownKeys } from '../../../tests/helpers/standards.ts';
import { dataJsonUs3, dataJsonUs3Record } from './data-json-us3.ts';

const validators = dataJsonUs3Validators();

describe('/data.json (DCAT-US 3.0)', () => {
  it("validates as a catalog and record by record against data.gov's DCAT-US 3.0 schemas, formats on", async () => {
    const catalog = await demoCatalog();
    const document = dataJsonUs3(catalog, siteConfig);
    expect(validators.catalog(document), ajvErrors(validators.catalog.errors).join('\n')).toBe(true);
    for (const entry of catalog) {
      const record = dataJsonUs3Record(entry, siteConfig);
      expect(validators.dataset(record), `${entry.dataset.id}: ${ajvErrors(validators.dataset.errors).join('\n')}`).toBe(true);
    }
  });

  it('uses only properties the DCAT-US 3.0 classes define (the schemas let a misspelt key through)', async () => {
    expect(dcatUs3UnknownKeys(dataJsonUs3(await demoCatalog(), siteConfig))).toEqual([]);
    expect(dcatUs3UnknownKeys({ '@type': 'Distribution', acessURL: 'https://example.org/' })).toEqual(['/acessURL: not a property of Distribution']);
  });

  it('writes as objects and lists what 1.1 writes as strings, and carries checksums, sizes, access URLs and the series', async () => {
    const [entry] = await demoCatalog();
    const record = dataJsonUs3Record(entry!, siteConfig);
    expect(record.landingPage).toMatchObject({ '@type': 'Document', title: entry!.dataset.title });
    expect(record.describedBy).toMatchObject({ '@type': 'Distribution', mediaType: 'application/json' });
    expect(record.publisher.subOrganizationOf).toEqual([expect.objectContaining({ name: siteConfig.organisation })]);
    expect(record.spatial[0]).toMatchObject({ '@type': 'Location', prefLabel: entry!.dataset.spatial });
    expect(record.temporal[0]).toMatchObject({ '@type': 'PeriodOfTime', startDate: expect.any(String) });
    for (const dist of record.distribution) {
      expect(dist).toMatchObject({ accessURL: expect.stringMatching(/^https:/), downloadURL: expect.stringMatching(/^https:/), byteSize: expect.stringMatching(/^\d+$/) });
      expect(dist.checksum).toMatchObject({ algorithm: 'SHA-256', checksumValue: expect.stringMatching(/^[0-9a-f]{64}$/) });
    }
    expect(record.inSeries[0]!.seriesMember.map((m) => m['@id'])).toEqual(record.hasVersion.map((v) => v['@id']));
    for (const version of record.hasVersion) expect(version.inSeries[0]!['@id']).toBe(record.inSeries[0]!['@id']);
  });

  it('marks a retired dataset with a status, and leaves it out for a maintained one', async () => {
    const catalog = await demoCatalog();
    const retired = catalog.find((e) => e.dataset.status === 'retired')!;
    const active = catalog.find((e) => e.dataset.status === 'approved')!;
    expect(dataJsonUs3Record(retired, siteConfig)).toHaveProperty('status.altLabel', 'Retired');
    expect(dataJsonUs3Record(active, siteConfig)).not.toHaveProperty('status');
  });

  it('is rejected when a record loses its contact point (the schema is really applied)', async () => {
    const record = dataJsonUs3Record((await demoCatalog())[0]!, siteConfig) as Record<string, unknown>;
    delete record.contactPoint;
    expect(validators.dataset(record)).toBe(false);
  });
});
