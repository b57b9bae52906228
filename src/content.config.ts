import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { datasetSchema } from './schemas/dataset.ts';
import { manifestSchema } from './schemas/manifest.ts';

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

export const collections = { datasets, snapshots };
