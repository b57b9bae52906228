import { describe, expect, it } from 'vitest';
import { demoCatalog, siteConfig } from '../../../tests/helpers/demo-catalog.ts';
import { ajvErrors, dataPackageValidators, expandStrict } from '../../../tests/helpers/standards.ts';
import { csvwMetadata, dataPackage } from './datapackage.ts';

const validators = dataPackageValidators();

describe('Frictionless data packages', () => {
  it('validate against the Data Package v2 and Table Schema v2 profiles for every demo dataset', async () => {
    for (const entry of await demoCatalog()) {
      const pkg = dataPackage(entry, siteConfig);
      expect(validators.dataPackage(pkg), `${entry.dataset.id}: ${ajvErrors(validators.dataPackage.errors).join('\n')}`).toBe(true);
      expect(validators.tableSchema(pkg.resources[0]!.schema), ajvErrors(validators.tableSchema.errors).join('\n')).toBe(true);
    }
  });

  it('turn the field dictionary into types, descriptions and constraints', async () => {
    const trees = (await demoCatalog()).find((e) => e.dataset.id === 'street-trees')!;
    const { schema } = dataPackage(trees, siteConfig).resources[0]!;
    const byName = Object.fromEntries(schema.fields.map((f) => [f.name, f]));
    expect(schema.fields.map((f) => f.name)).toEqual(trees.latest.columns.map((c) => c.name));
    expect(byName.diameter_cm).toMatchObject({ type: 'integer', constraints: { minimum: 1, maximum: 180 } });
    expect(byName.diameter_cm!.description).toMatch(/Unit: cm\.$/);
    expect(byName.condition!.constraints).toEqual({ enum: ['good', 'fair', 'poor', 'critical', 'dead'] });
    expect(schema.missingValues).toEqual(['']);
  });

  it("point at the latest version's permanent CSV with its size and hash", async () => {
    const entry = (await demoCatalog())[0]!;
    const csv = entry.latest.files.find((f) => f.name === 'data.csv')!;
    expect(dataPackage(entry, siteConfig).resources[0]).toMatchObject({
      path: `${siteConfig.url}/datasets/${entry.dataset.id}/versions/${entry.latest.version}/data.csv`,
      bytes: csv.bytes,
      hash: `sha256:${csv.sha256}`,
    });
  });

  it('are rejected by the profile with an unknown field type (the profile is really applied)', async () => {
    const pkg = dataPackage((await demoCatalog())[0]!, siteConfig) as { resources: { schema: { fields: { type: string }[] } }[] };
    pkg.resources[0]!.schema.fields[0]!.type = 'text';
    expect(validators.dataPackage(pkg)).toBe(false);
  });
});

describe('CSVW metadata', () => {
  it('expands with the local CSVW context, with a valid column name for columns with spaces', async () => {
    for (const entry of await demoCatalog()) {
      const metadata = csvwMetadata(entry, entry.latest, siteConfig);
      await expect(expandStrict(metadata)).resolves.toBeTruthy();
      for (const column of metadata.tableSchema.columns) expect(column.name).toMatch(/^[A-Za-z0-9_%]+$/);
    }
  });
});
