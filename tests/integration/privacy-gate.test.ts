import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { buildData } from '../../scripts/build-data/build.ts';
import { connectClient } from '../../scripts/build-data/steps/connect.ts';
import { listVersions } from '../../src/shared/snapshot-store.ts';
import { HOSTILE_FORMULAS, HOSTILE_HTML, HOSTILE_PII, HOSTILE_SECRET, hostileDatabaseSql } from '../../scripts/demo-db/hostile-sql.ts';
import type { DatasetInput } from '../../src/schemas/dataset.ts';
import { createTestDatabase, runStatements, type TestDatabase } from '../helpers/postgres.ts';
import { approvedTestDataset } from '../helpers/test-datasets.ts';
import { recordingLogger, TEST_PSEUDONYM_KEY, testEffects } from '../helpers/workspace.ts';

/**
 * The privacy gate against a hostile database: personal data hidden in free text, a new column,
 * a changed type, formula and HTML payloads, an unapproved table, and metadata mistakes. Each case
 * must end with its own message, publish nothing personal, and leave the last good version as it was.
 */

function complaints(id: string, overrides: Partial<DatasetInput> = {}): DatasetInput {
  return approvedTestDataset({
    id,
    title: `Complaints (${id})`,
    summary: 'Complaints typed by the public into the city web form, with a category.',
    description: 'Each row is one complaint as typed by the person who made it. Used by the privacy gate tests.',
    rowMeaning: 'one complaint',
    keywords: ['complaints'],
    theme: 'government',
    source: { schema: 'hostile', table: 'complaints' },
    fields: [
      { name: 'id', title: 'Complaint number', description: 'Number of the complaint.', type: 'integer' },
      { name: 'category', title: 'Category', description: 'What the complaint is about.', type: 'string' },
      { name: 'body', title: 'Complaint', description: 'The complaint as typed by the person.', type: 'string' },
      { name: 'adjustment', title: 'Fee adjustment', description: 'Fee adjustment in US dollars; negative for refunds.', type: 'number' },
    ],
    primaryKey: ['id'],
    collectionMethod: 'Typed by the public into the city web form.',
    ...overrides,
  });
}

/** Rows 7 onwards hold formula and HTML payloads but no personal data. */
const withoutPii = { privacy: { rowFilter: { where: 'id > 6', reason: 'The first complaints hold personal data and are never published.' } } };

const datasets: DatasetInput[] = [
  complaints('complaints-raw'),
  complaints('complaints-safe', withoutPii),
  complaints('complaints-pseudonymised', {
    ...withoutPii,
    fields: [
      { name: 'id', title: 'Complaint number', description: 'Number of the complaint.', type: 'integer' },
      {
        name: 'category',
        title: 'Category',
        description: 'What the complaint is about, as a code.',
        type: 'string',
        transform: { method: 'hash', reason: 'Stands in for a personal identifier in this test.' },
      },
    ],
  }),
  complaints('complaints-cells', {
    ...withoutPii,
    privacy: { ...withoutPii.privacy, smallCells: { quasiIdentifiers: ['category'], k: 3, action: 'fail' } },
  }),
  complaints('secret-approved-unsigned', {
    approvals: { dataSteward: { name: 'Test Steward', date: '2026-01-05' } },
    source: { schema: 'hostile', table: 'secret_table' },
    fields: [{ name: 'secret', title: 'Secret', description: 'Must never be read.', type: 'string' }],
    primaryKey: [],
  }),
  complaints('secret-in-review', {
    status: 'review',
    source: { schema: 'hostile', table: 'secret_table' },
    fields: [{ name: 'secret', title: 'Secret', description: 'Must never be read.', type: 'string' }],
    primaryKey: [],
  }),
];

let db: TestDatabase;
let root: string;
const log = recordingLogger();
const env = () => ({ DATABASE_URL: db.url, CATALOG_PSEUDONYM_KEY: TEST_PSEUDONYM_KEY });
const at = (day: number) => new Date(Date.UTC(2026, 10, day, 12));

async function run(only: string[], day: number, extraEnv: Record<string, string> = {}): Promise<string> {
  log.lines.length = 0;
  const failure = await buildData(['--only', only.join(',')], testEffects(root, log, at(day)), { ...env(), ...extraEnv }).then(
    () => '',
    (error: Error) => error.message,
  );
  return failure;
}

async function allSnapshotText(): Promise<string> {
  const dir = path.join(root, 'data-snapshots');
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const texts = await Promise.all(entries.filter((e) => e.isFile()).map((e) => readFile(path.join(e.parentPath, e.name), 'utf8')));
  return texts.join('\n');
}

async function fileOf(id: string, name: string, version?: string): Promise<string> {
  const versions = await listVersions(root, id);
  const manifest = version ? versions.find((v) => v.version === version)! : versions.at(-1)!;
  return readFile(path.join(root, 'data-snapshots', id, manifest.version, name), 'utf8');
}

async function expectUntouched(id: string): Promise<void> {
  for (const manifest of await listVersions(root, id)) {
    for (const file of manifest.files) {
      const bytes = await readFile(path.join(root, 'data-snapshots', id, manifest.version, file.name));
      expect(createHash('sha256').update(bytes).digest('hex'), `${id} ${manifest.version}/${file.name}`).toBe(file.sha256);
    }
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  await runStatements(db.client, hostileDatabaseSql());
  root = await mkdtemp(path.join(tmpdir(), 'catalog-hostile-'));
  await mkdir(path.join(root, 'src/content/datasets'), { recursive: true });
  for (const dataset of datasets) await writeFile(path.join(root, 'src/content/datasets', `${dataset.id}.yaml`), stringify(dataset));
});

afterAll(async () => {
  await db?.drop();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('privacy gate against a hostile database', () => {
  it('stops a dataset whose free text holds personal data, naming column, detector, count and a masked example', async () => {
    const message = await run(['complaints-raw'], 1);
    expect(message).toContain('Personal data found in values about to be published; no new version of this dataset was published:');
    const file = 'src/content/datasets/complaints-raw.yaml';
    expect(message).toContain(`${file} fields[2] "body": 1 value with an e-mail address (detector email; first one masked: "`);
    for (const detector of ['phone', 'us-ssn', 'payment-card', 'ip-address', 'street-address']) {
      expect(message).toMatch(new RegExp(`fields\\[2\\] "body": 1 value with an? [^\\n]+ \\(detector ${detector}; first one masked`));
    }
    expect(message).toContain('scanReviewed: { detectors: [');
    expect(await listVersions(root, 'complaints-raw')).toEqual([]);
    const published = await allSnapshotText();
    for (const value of Object.values(HOSTILE_PII)) expect(published).not.toContain(value);
    // The masked examples in the message itself must not give the values away either.
    for (const value of Object.values(HOSTILE_PII)) expect(message).not.toContain(value);
  });

  it('publishes the rows the row filter keeps, with formula payloads neutralised in CSV and exact in JSON', async () => {
    expect(await run(['complaints-safe'], 2)).toBe('');
    const csv = await fileOf('complaints-safe', 'data.csv');
    expect(csv).toContain(`,"'=HYPERLINK(""http://x"")",`);
    expect(csv).toContain(`,"'+1+2",`);
    expect(csv).toContain(`,"'-2+3",`);
    expect(csv).toContain(`,"'@SUM(A1)",`);
    expect(csv).toContain(`,"'\tstarts with a tab",`);
    expect(csv).toMatch(/,Late fee refunded after review,-42\r\n/);
    const json = JSON.parse(await fileOf('complaints-safe', 'data.json')) as { body: string; adjustment: number | null }[];
    for (const payload of [...HOSTILE_FORMULAS, ...HOSTILE_HTML]) expect(json.map((r) => r.body)).toContain(payload);
    expect(json.find((r) => r.adjustment !== null && r.adjustment < 0)?.adjustment).toBe(-42);
    const [manifest] = await listVersions(root, 'complaints-safe');
    expect(manifest!.privacy).toMatchObject({ unpublishedColumns: 0, rowFilter: { reason: expect.stringContaining('personal data') }, smallCells: null });
    expect(manifest!.privacy!.scan.valuesScanned).toBe(2 * json.length);
  });

  it('never reads a new column that the metadata does not declare', async () => {
    await db.client.query(`ALTER TABLE hostile.complaints ADD COLUMN reporter_email text DEFAULT '${HOSTILE_PII.email}'`);
    expect(await run(['complaints-safe'], 3)).toBe('');
    expect(log.lines.join('\n')).toContain('complaints-safe: not in the metadata, so not read or published: reporter_email.');
    expect(log.lines.join('\n')).toContain('unchanged, no new version');
    expect(await listVersions(root, 'complaints-safe')).toHaveLength(1);
    expect(await allSnapshotText()).not.toContain(HOSTILE_PII.email);
    await db.client.query('ALTER TABLE hostile.complaints DROP COLUMN reporter_email');
  });

  it('stops on personal data that appears in a published dataset later, keeping its last good version', async () => {
    await db.client.query(`INSERT INTO hostile.complaints VALUES (100, 'noise', 'Neighbour at ${HOSTILE_PII.streetAddress} plays drums', NULL)`);
    const message = await run(['complaints-safe'], 4);
    expect(message).toMatch(/fields\[2\] "body": 1 value with a street address with a house number \(detector street-address; first one masked: "1\*+ \*+ \*+et"\)/);
    expect(await listVersions(root, 'complaints-safe')).toHaveLength(1);
    await expectUntouched('complaints-safe');
    expect(await allSnapshotText()).not.toContain(HOSTILE_PII.streetAddress);
    await db.client.query('DELETE FROM hostile.complaints WHERE id = 100');
  });

  it('stops on a changed column type, keeping the last good version', async () => {
    await db.client.query('ALTER TABLE hostile.complaints ALTER COLUMN adjustment TYPE text');
    const message = await run(['complaints-safe'], 5);
    expect(message).toContain('"adjustment": declared as number but the column is now text (published as string)');
    await expectUntouched('complaints-safe');
    expect(await listVersions(root, 'complaints-safe')).toHaveLength(1);
    await db.client.query('ALTER TABLE hostile.complaints ALTER COLUMN adjustment TYPE numeric USING adjustment::numeric');
  });

  it('refuses to hash without a key when reading a real server, and gives stable pseudonyms with one', async () => {
    const missing = await run(['complaints-pseudonymised'], 6, { CATALOG_PSEUDONYM_KEY: '' });
    expect(missing).toMatch(/^CATALOG_PSEUDONYM_KEY is not set, and complaints-pseudonymised hashes a column \(transform: hash\)\./);
    expect(await run(['complaints-pseudonymised'], 6)).toBe('');
    const first = await fileOf('complaints-pseudonymised', 'data.csv');
    expect(first).not.toMatch(/,(other|website|parks|billing)\r\n/);
    await db.client.query(`INSERT INTO hostile.complaints VALUES (101, 'parks', 'Bench broken', NULL)`);
    expect(await run(['complaints-pseudonymised'], 7)).toBe('');
    const second = await fileOf('complaints-pseudonymised', 'data.csv');
    const pseudonymOf = (csv: string, id: number) => new RegExp(`^${id},([0-9a-f]{20})\\r$`, 'm').exec(csv)?.[1];
    expect(pseudonymOf(first, 16)).toMatch(/^[0-9a-f]{20}$/);
    expect(pseudonymOf(second, 101)).toBe(pseudonymOf(first, 16)); // both 'parks'
    expect(pseudonymOf(second, 16)).toBe(pseudonymOf(first, 16));
    const [, manifest] = await listVersions(root, 'complaints-pseudonymised');
    expect(manifest!.profile.find((p) => p.name === 'category')).toMatchObject({ min: null, max: null, top: [] });
    await db.client.query('DELETE FROM hostile.complaints WHERE id = 101');
  });

  it('fails a dataset whose small cells are declared to fail, with counts and no values', async () => {
    const message = await run(['complaints-cells'], 8);
    expect(message).toContain('src/content/datasets/complaints-cells.yaml privacy.smallCells: 5 row(s) in 3 combination(s) of (category) are shared by fewer than 3 rows');
    expect(await listVersions(root, 'complaints-cells')).toEqual([]);
  });

  it('never reads an unapproved table, nor an approved one whose sign-offs are missing', async () => {
    const message = await run(['secret-approved-unsigned', 'secret-in-review'], 9);
    expect(message).toContain(
      'src/content/datasets/secret-approved-unsigned.yaml is approved but not cleared for publication, so it was not read, and the site serves none of its versions until it is cleared:',
    );
    expect(message).toContain('approvals.privacyReview: the privacy review sign-off is missing');
    expect(message).toContain('approvals.securityReview: the security review sign-off is missing');
    expect(log.lines.join('\n')).toContain('secret-in-review: review, not read from the database.');
    expect(await allSnapshotText()).not.toContain(HOSTILE_SECRET);
  });

  it('leaves no personal value, secret or staging file anywhere in data-snapshots/', async () => {
    const published = await allSnapshotText();
    for (const value of [...Object.values(HOSTILE_PII), HOSTILE_SECRET]) expect(published).not.toContain(value);
    const entries = await readdir(path.join(root, 'data-snapshots'));
    expect(entries.sort()).toEqual(['checks.json', 'complaints-pseudonymised', 'complaints-safe']);
  });
});

describe('the snapshot session', () => {
  it('is read-only with a statement timeout, so nothing it runs can write or run forever', async () => {
    const client = await connectClient(db.url, 'test', log);
    try {
      const setting = async (name: string) => (await client.query<Record<string, string>>(`SHOW ${name}`)).rows[0]![name];
      expect(await setting('default_transaction_read_only')).toBe('on');
      expect(await setting('statement_timeout')).toBe('30min');
      expect(await setting('standard_conforming_strings')).toBe('on');
      await expect(client.query(`INSERT INTO hostile.complaints VALUES (999, 'x', 'y', NULL)`)).rejects.toThrow(/read-only transaction/);
    } finally {
      await client.end();
    }
  });
});
