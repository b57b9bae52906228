import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { contentHash, writeJsonAtomic } from '../../scripts/build-data/steps/publish-version.ts';
import { csvHeader, csvRowWriter, jsonRowWriter } from '../../scripts/build-data/lib/row-writers.ts';
import type { Manifest } from '../../src/schemas/manifest.ts';
import { piiDetectorIds } from '../../src/schemas/pii.ts';
import { themeIds } from '../../src/schemas/vocabularies.ts';
import { generatedMetadata, metadataTemplate, writeMetadataFiles, type GeneratedColumn } from '../../tests/helpers/generated-metadata.ts';

/**
 * A throw-away copy of the project whose catalog is N generated datasets, each with one tiny
 * snapshot written directly (no database): the site reads src/content/datasets and data-snapshots
 * relative to the working directory, so a copy of src/, scripts/, public/ and the configuration
 * with node_modules linked in builds exactly like the real project, and nothing in the project
 * needs to know about the benchmark.
 */

const TOPICS = [
  'Street',
  'Park',
  'Library',
  'School',
  'Water',
  'Waste',
  'Transit',
  'Housing',
  'Permit',
  'Budget',
  'Tree',
  'Bridge',
  'Noise',
  'Parking',
  'Energy',
  'Health',
  'Fire',
  'Police',
  'Election',
  'Zoning',
];
const ASPECTS = ['inspections', 'requests', 'spending', 'counts', 'incidents', 'assets', 'complaints', 'visits', 'repairs', 'licences', 'measurements', 'closures'];
const PUBLISHERS = ['Public Works Department', 'Parks Department', 'Finance Department', 'Transit Authority', 'Health Department', 'Planning Department', 'City Clerk'];
const COLUMNS: readonly GeneratedColumn[] = [
  ['record_id', 'integer'],
  ['category', 'string'],
  ['amount', 'number'],
  ['recorded_on', 'date'],
];
const ROWS = 20;

export async function createSiteProject(projectRoot: string, datasets: number): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), `catalog-site-${datasets}-`));
  for (const entry of ['src', 'scripts', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json']) {
    await cp(path.join(projectRoot, entry), path.join(root, entry), { recursive: true });
  }
  await symlink(path.join(projectRoot, 'node_modules'), path.join(root, 'node_modules'));
  await rm(path.join(root, 'src/content/datasets'), { recursive: true, force: true });
  const template = await metadataTemplate();
  const docs = Array.from({ length: datasets }, (_, i) => {
    const topic = TOPICS[i % TOPICS.length]!;
    const aspect = ASPECTS[Math.floor(i / TOPICS.length) % ASPECTS.length]!;
    const id = `${topic}-${aspect}-${i + 1}`.toLowerCase();
    return generatedMetadata(template, {
      id,
      title: `${topic} ${aspect} ${i + 1}`,
      summary: `Generated benchmark dataset ${i + 1}: ${aspect} about ${topic.toLowerCase()} services in Riverton, one row per record.`,
      keywords: [topic.toLowerCase(), aspect, `series ${i % 50}`],
      schema: 'bench',
      table: `t${i + 1}`,
      columns: COLUMNS,
      extra: { theme: themeIds[i % themeIds.length], publisher: PUBLISHERS[i % PUBLISHERS.length] },
    });
  });
  await writeMetadataFiles(root, docs);
  for (const doc of docs) await writeTinySnapshot(root, String(doc.id), `bench.${String((doc.source as { table: string }).table)}`);
  return root;
}

/** One version with 20 rows, its files and a manifest that passes the manifest schema. */
async function writeTinySnapshot(root: string, id: string, source: string): Promise<void> {
  const dir = path.join(root, 'data-snapshots', id, '2026-01-01');
  await mkdir(dir, { recursive: true });
  const columns = COLUMNS.map(([name, type]) => ({ name, type }));
  const rows = Array.from({ length: ROWS }, (_, r) => [String(r + 1), ['alpha', 'beta', 'gamma'][r % 3]!, (r * 12.5).toFixed(2), `2025-${String(1 + (r % 12)).padStart(2, '0')}-15`]);
  const toCsv = csvRowWriter(columns);
  const toJson = jsonRowWriter(columns);
  const csv = csvHeader(columns) + rows.map(toCsv).join('');
  const json = `[\n${rows.map(toJson).join(',\n')}\n]\n`;
  const sha = (text: string) => createHash('sha256').update(text).digest('hex');
  await writeFile(path.join(dir, 'data.csv'), csv);
  await writeFile(path.join(dir, 'data.json'), json);
  const manifestColumns = COLUMNS.map(([name, type]) => ({ name, type, sourceType: type === 'string' ? 'text' : type === 'date' ? 'date' : type === 'integer' ? 'int4' : 'numeric' }));
  const manifest: Manifest = {
    dataset: id,
    version: '2026-01-01',
    snapshotAt: '2026-01-01T04:17:00.000Z',
    source,
    rowCount: ROWS,
    contentHash: contentHash(manifestColumns, sha(csv)),
    columns: manifestColumns,
    files: [
      { name: 'data.csv', format: 'CSV', mediaType: 'text/csv', bytes: Buffer.byteLength(csv), sha256: sha(csv) },
      { name: 'data.json', format: 'JSON', mediaType: 'application/json', bytes: Buffer.byteLength(json), sha256: sha(json) },
    ],
    profile: COLUMNS.map(([name, type], c) => ({
      name,
      nulls: 0,
      distinct: c === 1 ? 3 : ROWS,
      min: type === 'string' ? null : rows[0]![c]!,
      max: type === 'string' ? null : rows.at(-1)![c]!,
      top:
        type === 'string'
          ? [
              { value: 'alpha', count: 7 },
              { value: 'beta', count: 7 },
              { value: 'gamma', count: 6 },
            ]
          : [],
      histogram: type === 'integer' || type === 'number' ? Array.from({ length: 12 }, (_, k) => ({ from: String(k), to: String(k + 1), count: k < 8 ? 2 : 1 })) : [],
    })),
    preview: rows,
    privacy: { unpublishedColumns: 0, transforms: [], rowFilter: null, smallCells: null, scan: { detectors: [...piiDetectorIds], valuesScanned: ROWS, reviewed: [] } },
  };
  await writeJsonAtomic(path.join(dir, 'manifest.json'), manifest);
}
