import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import type { DatasetInput } from '../../src/schemas/dataset.ts';
import { personalValues } from '../fixtures/pii-corpus/corpus.ts';
import { createTestDatabase, runStatements, type TestDatabase } from '../helpers/postgres.ts';
import { approvedTestDataset } from '../helpers/test-datasets.ts';
import { recordingLogger, TEST_PSEUDONYM_KEY, testEffects } from '../helpers/workspace.ts';

/**
 * The scanner end to end, against a customer table the way a European or Australian city holds it:
 * every personal value of the labelled corpus (phones in national formats, addresses in every word
 * order, names, e-mails, national identifiers) in approved columns publishes none of them; personal
 * data typed into the metadata refuses the build with file, line and field; and a version published
 * under an older scanner (one without the name detector) is found by the next refresh, which names
 * the version, column and detector, and `catalog:withdraw` takes it out of data-snapshots/ and dist/
 * while its tombstone record stays.
 */

const PIPELINE = '../../scripts/build-data/build.ts';
const DETECTORS = '../../scripts/build-data/lib/pii-detectors.ts';
const NAMES = '../../scripts/build-data/lib/pii/person-names.ts';

let db: TestDatabase;
let root: string;
const log = recordingLogger();
const at = (day: number) => new Date(Date.UTC(2026, 10, day, 12));
const env = () => ({ DATABASE_URL: db.url, CATALOG_PSEUDONYM_KEY: TEST_PSEUDONYM_KEY });
const personal = personalValues();

function customers(id: string, table: string, extra: Partial<DatasetInput> = {}): DatasetInput {
  return approvedTestDataset({
    id,
    title: `Customer notes (${id})`,
    summary: 'Notes the service desk wrote about requests, one per row, with a category.',
    description: 'Each row is one note as the service desk typed it. Used by the world-formats privacy tests.',
    rowMeaning: 'one note',
    keywords: ['notes'],
    theme: 'government',
    source: { schema: 'world', table },
    fields: [
      { name: 'id', title: 'Note number', description: 'Number of the note.', type: 'integer' },
      { name: 'note', title: 'Note', description: 'The note as the service desk typed it.', type: 'string' },
    ],
    primaryKey: ['id'],
    collectionMethod: 'Typed by the service desk into the request system.',
    ...extra,
  });
}

async function writeMetadata(dataset: DatasetInput): Promise<void> {
  await writeFile(path.join(root, 'src/content/datasets', `${dataset.id}.yaml`), stringify(dataset));
}

/** build:data as a fresh process would run it: the module graph imported anew (mocks or not). */
async function buildData(only: string, day: number): Promise<string> {
  log.lines.length = 0;
  vi.resetModules();
  const { buildData: run } = (await import(PIPELINE)) as typeof import('../../scripts/build-data/build.ts');
  return run(['--only', only], testEffects(root, log, at(day)), env()).then(
    () => '',
    (error: Error) => error.message,
  );
}

async function snapshotText(id: string): Promise<string> {
  const dir = path.join(root, 'data-snapshots', id);
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return (await Promise.all(entries.filter((e) => e.isFile()).map((e) => readFile(path.join(e.parentPath, e.name), 'utf8')))).join('\n');
}

const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;

beforeAll(async () => {
  db = await createTestDatabase();
  await runStatements(db.client, [
    'CREATE SCHEMA world',
    'CREATE TABLE world.notes (id integer PRIMARY KEY, note text)',
    `INSERT INTO world.notes VALUES ${personal.map((p, i) => `(${i + 1}, ${quote(p.value)})`).join(', ')}`,
    'CREATE TABLE world.callbacks (id integer PRIMARY KEY, note text)',
    `INSERT INTO world.callbacks VALUES (1, 'Pothole reported twice'), (2, 'Call back Maria Schmidt about the permit'), (3, 'Streetlight out')`,
  ]);
  root = await mkdtemp(path.join(tmpdir(), 'catalog-world-'));
  await mkdir(path.join(root, 'src/content/datasets'), { recursive: true });
});

afterAll(async () => {
  vi.doUnmock(NAMES);
  vi.doUnmock(DETECTORS);
  await db?.drop();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('the privacy gate on the formats of 22 countries', () => {
  it(`publishes none of the ${personal.length} personal values of the corpus held in an approved column, naming each detector`, async () => {
    await writeMetadata(customers('customer-notes', 'notes'));
    const message = await buildData('customer-notes', 1);
    expect(message).toContain('Personal data found in values about to be published; no new version of this dataset was published:');
    for (const detector of new Set(personal.map((p) => p.detector))) expect(message, detector).toContain(`(detector ${detector};`);
    expect(message).toContain('No published version of this dataset holds such values.');
    expect(existsSync(path.join(root, 'data-snapshots/customer-notes'))).toBe(false);
    // The message shows masked examples only.
    for (const { value } of personal) expect(message).not.toContain(value);
  });

  it('refuses personal data written into the metadata, with file, line and field, before reading any table', async () => {
    const dataset = customers('customer-notes', 'notes', {
      fields: [
        { name: 'id', title: 'Note number', description: 'Number of the note.', type: 'integer' },
        { name: 'note', title: 'Note', description: 'The note as the service desk typed it.', type: 'string', example: 'Ring Frau Wagner: +49 030 12345678' },
      ],
    });
    await writeMetadata(dataset);
    const text = await readFile(path.join(root, 'src/content/datasets/customer-notes.yaml'), 'utf8');
    const line = text.split('\n').findIndex((l) => l.includes('12345678')) + 1;
    const message = await buildData('customer-notes', 2);
    expect(message).toContain(
      `src/content/datasets/customer-notes.yaml:${line}  fields[1].example: a phone number in text that is published on the page and in every metadata export (detector phone; masked "+4* *** ******78")`,
    );
    expect(message).toContain(`src/content/datasets/customer-notes.yaml:${line}  fields[1].example: a person's name (given name and surname) in text`);
    expect(message).not.toContain('12345678');
    await rm(path.join(root, 'src/content/datasets/customer-notes.yaml'));
  });

  it('re-scans a version published under an older scanner, names version, column and detector, and withdraws it', async () => {
    await writeMetadata(customers('callbacks', 'callbacks'));
    // The scanner before this one had no name detector, and another identity.
    vi.doMock(NAMES, () => ({ findPersonName: () => null }));
    vi.doMock(DETECTORS, async (original) => ({ ...(await original<typeof import('../../scripts/build-data/lib/pii-detectors.ts')>()), piiScannerIdentity: () => 'pii/1: before person names' }));
    expect(await buildData('callbacks', 3)).toBe('');
    vi.doUnmock(NAMES);
    vi.doUnmock(DETECTORS);
    const versionDir = path.join(root, 'data-snapshots/callbacks/2026-11-03');
    expect(await readFile(path.join(versionDir, 'data.csv'), 'utf8')).toContain('Maria Schmidt');

    // The table did not change, but the scanner did: the fingerprint differs, so the table is read and scanned again.
    const message = await buildData('callbacks', 4);
    expect(message).toContain('fields[1] "note": 1 value with a person\'s name (given name and surname) (detector person-name; first one masked: "M**** *****dt"');
    expect(message).toContain('Already published versions hold personal data too (re-scanned with the current detectors):\n  version 2026-11-03, column "note": 1 value (detector person-name');
    expect(message).toContain('npm run catalog:withdraw -- callbacks 2026-11-03 --reason "…"');

    // A built site holding the version, as the snapshot-files integration copies it.
    const dist = path.join(root, 'dist');
    await cp(versionDir, path.join(dist, 'datasets/callbacks/versions/2026-11-03'), { recursive: true });
    await cp(versionDir, path.join(dist, 'datasets/callbacks/latest'), { recursive: true });
    await writeFile(path.join(dist, 'datasets/callbacks/versions/2026-11-03/index.html'), '<h1>Version page</h1>');
    const { withdrawVersion } = await import('../../scripts/catalog/lib/withdraw-version.ts');
    const report = await withdrawVersion({ root, datasetId: 'callbacks', version: '2026-11-03', reason: 'It held the name of a person who asked for a call back.', today: '2026-11-04' });
    expect(report.removed).toEqual(expect.arrayContaining(['data-snapshots/callbacks/2026-11-03/', 'dist/datasets/callbacks/versions/2026-11-03/data.csv', 'dist/datasets/callbacks/latest/']));
    expect(existsSync(versionDir)).toBe(false);
    expect(await snapshotText('callbacks')).not.toContain('Maria');
    expect(existsSync(path.join(dist, 'datasets/callbacks/versions/2026-11-03/data.csv'))).toBe(false);
    expect(existsSync(path.join(dist, 'datasets/callbacks/latest'))).toBe(false);
    // The page stays until the site is rebuilt as its tombstone, from this record.
    expect(existsSync(path.join(dist, 'datasets/callbacks/versions/2026-11-03/index.html'))).toBe(true);
    const record = JSON.parse(await readFile(path.join(root, 'data-snapshots/callbacks/withdrawn.json'), 'utf8')) as { versions: Record<string, unknown>[] };
    expect(record).toEqual({
      dataset: 'callbacks',
      versions: [
        {
          version: '2026-11-03',
          snapshotAt: '2026-11-03T12:00:00.000Z',
          rowCount: 3,
          withdrawnOn: '2026-11-04',
          reason: 'It held the name of a person who asked for a call back.',
          files: expect.arrayContaining(['data.csv', 'data.json', 'manifest.json', 'sample.csv']),
        },
      ],
    });
    expect(report.followUp[0]).toMatch(/^npm run build:site/);

    // A stale copy coming back (a restore from old history) is still not published or read.
    const { listVersions, listVersionDirs } = await import('../../src/shared/snapshot-store.ts');
    await mkdir(versionDir, { recursive: true });
    await writeFile(
      path.join(versionDir, 'manifest.json'),
      JSON.stringify({ ...record.versions[0], dataset: 'callbacks', source: 'world.callbacks', contentHash: '0'.repeat(64), columns: [], files: [], profile: [], preview: [] }),
    );
    expect((await listVersionDirs(root, 'callbacks')).map((m) => m.version)).toEqual(['2026-11-03']);
    expect(await listVersions(root, 'callbacks')).toEqual([]);
    await rm(versionDir, { recursive: true });
  });
});
