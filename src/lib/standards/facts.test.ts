import { describe, expect, it } from 'vitest';
import { demoCatalog, siteConfig } from '../../../tests/helpers/demo-catalog.ts';
import type { StandardsEntry } from './entry.ts';
import { bboxSchemaOrg, bboxWkt, centroidWkt, coverage, coverageInterval, datasetStatus, spatialCoverage, versionCoverage } from './facts.ts';

const profile = (name: string, min: string | null, max: string | null) => ({ name, nulls: 0, distinct: 2, min, max, top: [], histogram: [] });

async function entry(id: string): Promise<StandardsEntry> {
  return (await demoCatalog()).find((e) => e.dataset.id === id)!;
}

describe('the facts every output shares', () => {
  it('takes the period from the column that dates a record, as the page\'s "Records from X to Y" does', async () => {
    const requests = await entry('311-service-requests');
    const manifest = { ...requests.latest, profile: [profile('requested_at', '2022-01-03 08:00:00+00', '2026-01-30 23:59:00+00')] };
    expect(coverage(requests, manifest)).toEqual({ start: '2022-01-03', end: '2026-01-30', source: 'records' });
  });

  it('leaves the end of a growing inventory open (never the build date), and ends each version at its snapshot day', async () => {
    const trees = await entry('street-trees');
    expect(coverageInterval(coverage(trees, trees.latest))).toBe('1980-01-01/..');
    expect(versionCoverage(trees, trees.latest)).toEqual({ start: '1980-01-01', end: trees.latest.snapshotAt.slice(0, 10), source: 'metadata' });
  });

  it('ends the period of a retired dataset without a declared end at its retirement', async () => {
    const meters = await entry('parking-meters');
    expect(coverage(meters, meters.latest).end).toBe('2025-06-30');
    const undated = { ...meters, dataset: { ...meters.dataset, temporal: { start: '2019-01-01' } } };
    expect(coverage(undated, meters.latest).end).toBe(meters.dataset.retired!.date);
    expect(datasetStatus(meters)).toMatchObject({ state: 'retired', since: meters.dataset.retired!.date });
    expect(datasetStatus(await entry('street-trees'))).toEqual({ state: 'active' });
  });

  it("boxes the area from the data's latitude and longitude, and from the configured area when the data has none", async () => {
    const trees = await entry('street-trees');
    const manifest = { ...trees.latest, profile: [profile('latitude', '43.0094', '43.0915'), profile('longitude', '-88.9973', '-88.9069')] };
    expect(spatialCoverage(trees, manifest, siteConfig)).toEqual({ name: 'City of Riverton', bbox: [-88.9973, 43.0094, -88.9069, 43.0915], bboxSource: 'data' });
    expect(spatialCoverage(trees, { ...manifest, profile: [] }, siteConfig)).toEqual({ name: 'City of Riverton', bbox: siteConfig.area!.bbox, bboxSource: 'area' });
    expect(spatialCoverage(trees, { ...manifest, profile: [] }, { area: undefined })).toEqual({ name: 'City of Riverton', bbox: null, bboxSource: null });
  });

  it('never takes a box from values that are not degrees (projected x/y, out of range, empty)', async () => {
    const trees = await entry('street-trees');
    const projected = {
      ...trees,
      dataset: { ...trees.dataset, spatial: 'Elsewhere', fields: [...trees.dataset.fields, { name: 'x', title: 'Easting', description: 'Easting in metres (state plane).', type: 'number' as const }] },
    };
    expect(spatialCoverage(projected, { ...trees.latest, profile: [profile('x', '500000', '510000')] }, siteConfig).bbox).toBeNull();
    const outOfRange = { ...trees.latest, profile: [profile('latitude', '95', '96'), profile('longitude', '-88', '-87')] };
    expect(spatialCoverage({ ...trees, dataset: { ...trees.dataset, spatial: 'Elsewhere' } }, outOfRange, siteConfig).bbox).toBeNull();
    const empty = { ...trees.latest, profile: [profile('latitude', null, null), profile('longitude', null, null)] };
    expect(spatialCoverage({ ...trees, dataset: { ...trees.dataset, spatial: 'Elsewhere' } }, empty, siteConfig).bbox).toBeNull();
  });

  it('writes one box three ways: WKT polygon, WKT centre, schema.org latitude first', () => {
    const box = [-89, 43, -88.9, 43.1] as const;
    expect(bboxWkt(box)).toBe('POLYGON((-89 43, -88.9 43, -88.9 43.1, -89 43.1, -89 43))');
    expect(centroidWkt(box)).toBe('POINT(-88.95 43.05)');
    expect(bboxSchemaOrg(box)).toBe('43 -89 43.1 -88.9');
  });
});
