import { createHash } from 'node:crypto';
import { readAllMetadata } from '../../src/shared/metadata.ts';
import type { Manifest } from '../../src/schemas/manifest.ts';
import type { StandardsEntry } from '../../src/lib/standards/entry.ts';
import { downloadFormats, manifestFields } from '../../src/shared/download-formats.ts';
import { siteConfig } from '../../src/site.config.ts';
import { PROJECT_ROOT } from './workspace.ts';

const hex = (text: string) => createHash('sha256').update(text).digest('hex');

const emptyProfile = (name: string) => ({ name, nulls: 0, distinct: 1, top: [], histogram: [] });

function manifestFor(entry: StandardsEntry['dataset'], version: string, rowCount: number): Manifest {
  return {
    dataset: entry.id,
    version,
    snapshotAt: `${version.slice(0, 10)}T06:00:00.000Z`,
    source: `${entry.source.schema}.${entry.source.table}`,
    rowCount,
    contentHash: hex(`${entry.id}/${version}`),
    columns: entry.fields.map((field) => ({ name: field.name, type: field.type, sourceType: 'text' })),
    // Every download format the pipeline writes, so each exporter meets each one.
    files: downloadFormats.map((format, i) => ({ ...manifestFields(format), bytes: rowCount * (80 + i), sha256: hex(`${entry.id}/${version}/${format.name}`) })),
    profile: entry.fields.flatMap((field) => {
      // The first and last record date, and a box of coordinates, as a real profile has them.
      if (field.type === 'date' || field.type === 'datetime')
        return [{ ...emptyProfile(field.name), min: '2020-01-01', max: `${version.slice(0, 10)}${field.type === 'datetime' ? ' 05:59:00+00' : ''}` }];
      if (/^lat(itude)?$/i.test(field.name)) return [{ ...emptyProfile(field.name), min: '43.01', max: '43.09' }];
      if (/^(lon|lng|longitude)$/i.test(field.name)) return [{ ...emptyProfile(field.name), min: '-89.00', max: '-88.91' }];
      return [];
    }),
    preview: [],
  };
}

/**
 * The demo catalog's real metadata with two made-up snapshot versions each, so the exporters can be
 * tested on every demo dataset without a database or a build (the e2e tests check the real build).
 */
export async function demoCatalog(): Promise<StandardsEntry[]> {
  const files = await readAllMetadata(PROJECT_ROOT);
  return files
    .map((file) => file.dataset)
    .filter((dataset) => dataset.status === 'approved' || dataset.status === 'retired')
    .map((dataset) => {
      const versions = [manifestFor(dataset, '2026-02-01', 1200), manifestFor(dataset, '2026-01-01', 1000)];
      return { dataset, versions, latest: versions[0]! };
    });
}

/** The demo site configuration as a federal agency would set it. */
export const federalSite = { ...siteConfig, usFederal: { bureauCode: ['015:11'], programCode: ['015:001'] } };
export { siteConfig };
