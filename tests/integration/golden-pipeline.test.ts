import { cp, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildData } from '../../scripts/build-data/build.ts';
import { startEmbeddedDatabase } from '../../scripts/demo-db/embedded.ts';
import { manifestSchema, type Manifest } from '../../src/schemas/manifest.ts';
import { compareWithGolden, readTree } from '../helpers/golden.ts';
import { parquetDump } from '../helpers/parquet-check.ts';
import { createTestDatabase, runStatements } from '../helpers/postgres.ts';
import { createProjectCopy, runNodeScript } from '../helpers/site-copy.ts';
import { unzipEntries } from '../helpers/zip.ts';
import { PROJECT_ROOT, recordingLogger, TEST_PSEUDONYM_KEY, testEffects } from '../helpers/workspace.ts';

/**
 * The golden pipeline test: the fixture database (tests/fixtures/golden/database.sql) and its
 * metadata (tests/fixtures/golden/metadata/) in, every file of data-snapshots/ out, compared byte for
 * byte with tests/fixtures/golden/expected/data-snapshots/, against a real PostgreSQL server and
 * against the embedded database (both must write the same files). A mismatch writes the actual file
 * beside the expected one (`*.actual.*`, `*.embedded.actual.*`) and names it; `UPDATE_GOLDEN=1`
 * rewrites the expected files from the real server's run.
 *
 * Normalised, because they differ between runs for reasons that are not the pipeline's output:
 * - a manifest's `fingerprint.value`, a hash of the server's table statistics (fingerprint.ts);
 * - the access date in the page's citation (its JSON-LD `citation`), which is the build day;
 * - an XLSX workbook's zip container, whose entries carry the time the file was written: the
 *   workbook is compared by its entries (`data.xlsx.txt`: each entry's name and text), and its
 *   SHA-256 in the manifest is replaced by a placeholder.
 */

const GOLDEN = path.join(PROJECT_ROOT, 'tests/fixtures/golden');
const EXPECTED = path.join(GOLDEN, 'expected/data-snapshots');
const EXPECTED_SITE = path.join(GOLDEN, 'expected/site');
/** The site's address in the golden files, whatever SITE_URL the machine has. */
const SITE_URL = 'https://data.riverton.example';
/** The dataset whose built page's machine-readable outputs are golden files. */
const PAGE_DATASET = 'golden-inspections';
const NOW = new Date('2026-11-25T12:00:00Z');

/** The fixture's statements, separated by lines holding only `;;`. */
async function goldenSql(): Promise<string[]> {
  const text = await readFile(path.join(GOLDEN, 'database.sql'), 'utf8');
  return text
    .split(/^;;$/m)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Every project root this file made, deleted at the end (a failed run's too). */
const roots: string[] = [];

/** A project root with the fixture's metadata and an empty data-snapshots/. */
async function goldenWorkspace(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'catalog-golden-'));
  roots.push(root);
  await mkdir(path.join(root, 'src/content'), { recursive: true });
  await cp(path.join(GOLDEN, 'metadata'), path.join(root, 'src/content/datasets'), { recursive: true });
  return root;
}

const VOLATILE_FINGERPRINT = '(the server table statistics hash: differs by server and run)';
const VOLATILE_ZIP = '(the zip container holds the time it was written: compared by data.xlsx.txt)';
/** The page's citation (and so its JSON-LD `citation`) gives the build day as the access date. */
const ACCESS_DATE = /Retrieved [A-Z][a-z]+ \d{1,2}, \d{4}, from/g;
const VOLATILE_ACCESS_DATE = 'Retrieved (the build day), from';

/** data-snapshots/ as the golden files see it: text files as they are, with the normalisations above. */
async function goldenView(snapshots: string): Promise<Map<string, string>> {
  const view = new Map<string, string>();
  for (const [file, bytes] of await readTree(snapshots)) {
    if (file.endsWith('.xlsx')) {
      const entries = [...unzipEntries(bytes)].sort(([a], [b]) => a.localeCompare(b));
      view.set(`${file}.txt`, entries.map(([name, content]) => `=== ${name} ===\n${content.toString('utf8')}\n`).join(''));
    } else if (file.endsWith('.parquet')) {
      // Binary, and deterministic (its SHA-256 is in the manifest): compared by what it holds, readably.
      view.set(`${file}.txt`, await parquetDump(bytes));
    } else if (file.endsWith('/manifest.json')) {
      view.set(file, normaliseManifest(bytes.toString('utf8')));
    } else {
      view.set(file, bytes.toString('utf8'));
    }
  }
  return view;
}

/** Replaces the volatile values in place, so every other byte of the manifest is compared as written. */
function normaliseManifest(text: string): string {
  const manifest: Manifest = manifestSchema.parse(JSON.parse(text));
  let normalised = text;
  if (manifest.fingerprint) normalised = normalised.replace(`"value": "${manifest.fingerprint.value}"`, `"value": "${VOLATILE_FINGERPRINT}"`);
  for (const file of manifest.files.filter((f) => f.name.endsWith('.xlsx'))) normalised = normalised.replace(`"sha256": "${file.sha256}"`, `"sha256": "${VOLATILE_ZIP}"`);
  return normalised;
}

/** Runs the pipeline on the fixture database at `url`; returns the workspace root. */
async function runPipeline(url: string): Promise<string> {
  const root = await goldenWorkspace();
  const log = recordingLogger();
  const outcomes = await buildData(['--jobs', '1'], testEffects(root, log, NOW), { DATABASE_URL: url, CATALOG_PSEUDONYM_KEY: TEST_PSEUDONYM_KEY });
  expect(
    outcomes.map((o) => `${o.id}: ${o.status}`),
    log.lines.join('\n'),
  ).toEqual(['golden-bridges: new-version', 'golden-inspections: new-version']);
  return root;
}

/**
 * The machine-readable outputs of one built dataset page, as golden files: the page's JSON-LD
 * (pretty-printed), its data package and CSVW metadata as served, and its own records in the DCAT
 * exports (`catalog.jsonld` nodes and `catalog.ttl` statements about its addresses) and in
 * `data.json`. The XLSX checksum is the one volatile value (see above).
 */
async function pageOutputs(dist: string, id: string, xlsxSha256: readonly string[]): Promise<Map<string, string>> {
  const read = (file: string) => readFile(path.join(dist, file), 'utf8');
  const pretty = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  const base = `${SITE_URL}/datasets/${id}/`;
  const outputs = new Map<string, string>();
  const html = await read(`datasets/${id}/index.html`);
  const scripts = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!) as unknown);
  outputs.set(`datasets/${id}/index.html.jsonld.json`, pretty(scripts));
  outputs.set(`datasets/${id}/datapackage.json`, await read(`datasets/${id}/datapackage.json`));
  outputs.set(`datasets/${id}/latest/data.csv-metadata.json`, await read(`datasets/${id}/latest/data.csv-metadata.json`));
  for (const version of await readdir(path.join(dist, `datasets/${id}/versions`))) {
    const file = `datasets/${id}/versions/${version}/data.csv-metadata.json`;
    outputs.set(file, await read(file));
  }
  const graph = (JSON.parse(await read('catalog.jsonld')) as { '@graph': { '@id'?: string }[] })['@graph'];
  outputs.set(`catalog.jsonld.${id}.json`, pretty(graph.filter((node) => node['@id']?.startsWith(base))));
  // Turtle statements start at column 0 with their subject; the lines after it belong to it.
  const statements = (await read('catalog.ttl')).split(/\n(?=\S)/);
  outputs.set(`catalog.ttl.${id}.ttl`, `${statements.filter((s) => s.startsWith(`<${base}`)).join('\n')}\n`);
  const dataJson = JSON.parse(await read('data.json')) as { dataset: { identifier: string }[] };
  outputs.set(`data.json.${id}.json`, pretty(dataJson.dataset.filter((d) => d.identifier.startsWith(base))));
  const dataJson11 = JSON.parse(await read('dcat-us-1.1/data.json')) as { dataset: { identifier: string }[] };
  outputs.set(`dcat-us-1.1/data.json.${id}.json`, pretty(dataJson11.dataset.filter((d) => d.identifier.startsWith(base))));
  outputs.set(`datasets/${id}/dataset.ttl`, await read(`datasets/${id}/dataset.ttl`));
  for (const [file, text] of outputs) outputs.set(file, xlsxSha256.reduce((t, sha) => t.replaceAll(sha, VOLATILE_ZIP), text).replace(ACCESS_DATE, VOLATILE_ACCESS_DATE));
  return outputs;
}

afterAll(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

describe('the golden pipeline output', () => {
  let pipelineRoot: string | undefined;

  it('writes exactly the expected data-snapshots/ files from a real PostgreSQL server', async () => {
    const db = await createTestDatabase();
    try {
      await runStatements(db.client, await goldenSql());
      const root = await runPipeline(db.url);
      pipelineRoot = root;
      const problems = await compareWithGolden(EXPECTED, await goldenView(path.join(root, 'data-snapshots')));
      expect(problems, problems.join('\n')).toEqual([]);
    } finally {
      await db.drop();
    }
  });

  it('writes the same files from the embedded database', async () => {
    const embedded = await startEmbeddedDatabase({ log: recordingLogger(), sql: await goldenSql() });
    try {
      const root = await runPipeline(embedded.connectionString);
      // The real server's run is the one UPDATE_GOLDEN writes; this one only compares.
      const problems = await compareWithGolden(EXPECTED, await goldenView(path.join(root, 'data-snapshots')), { label: 'embedded', update: false });
      expect(problems, problems.join('\n')).toEqual([]);
    } finally {
      await embedded.stop();
    }
  });

  it('builds a dataset page whose machine-readable outputs (JSON-LD, data package, CSVW, DCAT, its own Turtle, DCAT-US 3.0 and 1.1) are the expected ones', async () => {
    expect(pipelineRoot, 'the real-server run above must succeed first: the site is built from its snapshots').toBeDefined();
    const site = await createProjectCopy({ metadata: path.join(GOLDEN, 'metadata'), snapshots: path.join(pipelineRoot!, 'data-snapshots') });
    roots.push(site);
    const build = await runNodeScript(site, path.join(site, 'node_modules/astro/bin/astro.mjs'), ['build'], { SITE_URL });
    expect(build.code, build.stderr).toBe(0);
    const manifests = await readTree(path.join(pipelineRoot!, 'data-snapshots', PAGE_DATASET));
    const xlsx = [...manifests]
      .filter(([file]) => file.endsWith('/manifest.json'))
      .flatMap(([, bytes]) =>
        manifestSchema
          .parse(JSON.parse(bytes.toString('utf8')))
          .files.filter((f) => f.name.endsWith('.xlsx'))
          .map((f) => f.sha256),
      );
    const problems = await compareWithGolden(EXPECTED_SITE, await pageOutputs(path.join(site, 'dist'), PAGE_DATASET, xlsx));
    expect(problems, problems.join('\n')).toEqual([]);
  });
});
