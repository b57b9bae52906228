import { describe, expect, it } from 'vitest';
import { demoCatalog, federalSite, siteConfig } from '../../../tests/helpers/demo-catalog.ts';
import { ajvErrors, dataJsonValidators } from '../../../tests/helpers/standards.ts';
import { dataJson } from './data-json.ts';

const validators = dataJsonValidators();

describe('/data.json (DCAT-US 1.1)', () => {
  it("validates against data.gov's non-federal schema for a non-federal publisher", async () => {
    const document = dataJson(await demoCatalog(), siteConfig);
    expect(validators.nonFederal(document), ajvErrors(validators.nonFederal.errors).join('\n')).toBe(true);
    expect(document.dataset[0]).not.toHaveProperty('bureauCode');
  });

  it('validates against the official federal schema when the site configuration has bureau and program codes', async () => {
    const document = dataJson(await demoCatalog(), federalSite);
    expect(validators.federal(document), ajvErrors(validators.federal.errors).join('\n')).toBe(true);
    expect(validators.nonFederal(document), ajvErrors(validators.nonFederal.errors).join('\n')).toBe(true);
    expect(document.dataset.every((d) => d.bureauCode?.[0] === '015:11' && d.programCode?.[0] === '015:001')).toBe(true);
  });

  it('without the codes, the federal schema rejects it only for bureauCode and programCode', async () => {
    const document = dataJson(await demoCatalog(), siteConfig);
    expect(validators.federal(document)).toBe(false);
    const missing = new Set((validators.federal.errors ?? []).map((e) => (e.params as { missingProperty?: string }).missingProperty));
    expect([...missing].sort()).toEqual(['bureauCode', 'programCode']);
  });

  it('is rejected when a distribution has a malformed media type (the schema is really applied)', async () => {
    const document = dataJson(await demoCatalog(), siteConfig);
    document.dataset[0]!.distribution[0]!.mediaType = 'csv';
    expect(validators.nonFederal(document)).toBe(false);
  });
});
