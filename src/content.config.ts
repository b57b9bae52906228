import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { datasetSchema } from './schemas/dataset.ts';
import { manifestSchema } from './schemas/manifest.ts';
import { withdrawalsSchema } from './schemas/withdrawal.ts';

/** Dataset metadata, one YAML file per dataset, validated by the one schema build-data also uses. */
const datasets = defineCollection({
  loader: glob({ pattern: '*.{yaml,yml}', base: './src/content/datasets' }),
  schema: datasetSchema,
});

/**
 * Published snapshot versions, read from the manifests build-data writes. The entry id is
 * `<dataset>/<version>`. A version without a manifest is unfinished and is not loaded.
 */
const snapshots = defineCollection({
  loader: glob({
    pattern: '*/*/manifest.json',
    base: './data-snapshots',
    generateId: ({ entry }) => entry.replace(/\/manifest\.json$/, ''),
  }),
  schema: manifestSchema,
});

/** Withdrawn versions, one record per dataset (`data-snapshots/<dataset>/withdrawn.json`): their tombstones. */
const withdrawals = defineCollection({
  loader: glob({ pattern: '*/withdrawn.json', base: './data-snapshots', generateId: ({ entry }) => entry.replace(/\/withdrawn\.json$/, '') }),
  schema: withdrawalsSchema,
});

export const collections = { datasets, snapshots, withdrawals };
