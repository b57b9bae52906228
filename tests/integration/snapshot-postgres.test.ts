import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildData } from '../../scripts/build-data/build.ts';
import { listVersions } from '../../src/shared/snapshot-store.ts';
import { readAllMetadata } from '../../src/shared/metadata.ts';
import { SECRET_MARKERS, UNPUBLISHED_COLUMNS } from '../../scripts/demo-db/markers.ts';
import { useDemoDatabase } from '../helpers/demo-fixture.ts';
import { PROJECT_ROOT, recordingLogger, TEST_PSEUDONYM_KEY, testEffects } from '../helpers/workspace.ts';
import { countCsvRecords } from '../helpers/csv.ts';
import { unzipEntries } from '../helpers/zip.ts';

async function allFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe('snapshot from a real PostgreSQL server', () => {
  const fixture = useDemoDatabase();
  const log = recordingLogger();

  it('publishes every approved dataset with files that match their manifest', async () => {
    const outcomes = await buildData([], testEffects(fixture.root, log), { DATABASE_URL: fixture.db.url, CATALOG_PSEUDONYM_KEY: TEST_PSEUDONYM_KEY });
    const metadata = await readAllMetadata(PROJECT_ROOT);
    const approved = metadata.filter((m) => m.dataset.status === 'approved');
    expect(outcomes.map((o) => o.id).sort()).toEqual(approved.map((m) => m.dataset.id).sort());
    expect(outcomes.every((o) => o.status === 'new-version')).toBe(true);

    for (const { dataset } of approved) {
      const [manifest] = await listVersions(fixture.root, dataset.id);
      expect(manifest, dataset.id).toBeDefined();
      const dir = path.join(fixture.root, 'data-snapshots', dataset.id, manifest!.version);
      for (const file of manifest!.files) {
        const bytes = await readFile(path.join(dir, file.name));
        expect(bytes.length, `${dataset.id}/${file.name} size`).toBe(file.bytes);
        expect(createHash('sha256').update(bytes).digest('hex'), `${dataset.id}/${file.name} sha256`).toBe(file.sha256);
      }
      const csv = await readFile(path.join(dir, 'data.csv'), 'utf8');
      // The page's sample: the header and first rows of data.csv, byte for byte, as its manifest entry says.
      const sample = await readFile(path.join(dir, 'sample.csv'));
      expect(manifest!.sample, `${dataset.id} sample`).toMatchObject({ name: 'sample.csv', rows: Math.min(500, manifest!.rowCount), bytes: sample.length });
      expect(createHash('sha256').update(sample).digest('hex')).toBe(manifest!.sample!.sha256);
      expect(csv.startsWith(sample.toString('utf8')), `${dataset.id} sample is the start of data.csv`).toBe(true);
      expect(countCsvRecords(sample.toString('utf8')) - 1).toBe(manifest!.sample!.rows);
      expect(csv.slice(0, csv.indexOf('\r\n'))).toBe(dataset.fields.map((f) => (/[",\r\n]/.test(f.name) ? `"${f.name.replaceAll('"', '""')}"` : f.name)).join(','));
      expect(countCsvRecords(csv) - 1, `${dataset.id} rows`).toBe(manifest!.rowCount);
      const json = JSON.parse(await readFile(path.join(dir, 'data.json'), 'utf8')) as Record<string, unknown>[];
      expect(json).toHaveLength(manifest!.rowCount);
      expect(Object.keys(json[0] ?? {})).toEqual(dataset.fields.map((f) => f.name));
      expect(manifest!.profile.map((p) => p.name)).toEqual(dataset.fields.map((f) => f.name));
    }
  });

  it('writes nothing of unpublished columns or unapproved tables', async () => {
    for (const file of await allFiles(path.join(fixture.root, 'data-snapshots'))) {
      // XLSX workbooks are zip files of XML: read the text they hold.
      const text = file.endsWith('.xlsx') ? Buffer.concat([...unzipEntries(await readFile(file)).values()]).toString('utf8') : await readFile(file, 'utf8');
      for (const marker of SECRET_MARKERS) expect(text.includes(marker), `${marker} in ${file}`).toBe(false);
      for (const { column } of UNPUBLISHED_COLUMNS) expect(text.includes(column), `${column} in ${file}`).toBe(false);
    }
  });

  it('creates no new version when nothing changed', async () => {
    const outcomes = await buildData([], testEffects(fixture.root, log, new Date('2026-11-26T12:00:00Z')), { DATABASE_URL: fixture.db.url, CATALOG_PSEUDONYM_KEY: TEST_PSEUDONYM_KEY });
    expect(outcomes.every((o) => o.status === 'unchanged')).toBe(true);
  });

  it('stops a dataset whose column was renamed, publishes the others and keeps its last version', async () => {
    const metadata = await readAllMetadata(PROJECT_ROOT);
    const victim = metadata.find((m) => m.dataset.status === 'approved' && m.dataset.fields.length > 1)!.dataset;
    const column = victim.fields[1]!.name;
    const relation = `"${victim.source.schema}"."${victim.source.table}"`;
    await fixture.db.client.query(`ALTER TABLE ${relation} RENAME COLUMN "${column}" TO "${column}_renamed"`);
    const before = await listVersions(fixture.root, victim.id);
    const failure = await buildData([], testEffects(fixture.root, log, new Date('2026-11-27T12:00:00Z')), { DATABASE_URL: fixture.db.url, CATALOG_PSEUDONYM_KEY: TEST_PSEUDONYM_KEY }).catch(
      (e: Error) => e,
    );
    await fixture.db.client.query(`ALTER TABLE ${relation} RENAME COLUMN "${column}_renamed" TO "${column}"`);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toContain(`${victim.id}: The table no longer matches its metadata (schema drift)`);
    expect((failure as Error).message).toContain(`"${column}": no such column in ${victim.source.schema}.${victim.source.table}`);
    expect((failure as Error).message).toContain('update the field dictionary');
    expect(await listVersions(fixture.root, victim.id)).toEqual(before);
  });

  // Runs last among the database tests: it leaves the column retyped.
  it('stops a dataset whose column changed type', async () => {
    const metadata = await readAllMetadata(PROJECT_ROOT);
    const victim = metadata.find((m) => m.dataset.status === 'approved' && m.dataset.fields.some((f) => f.type === 'integer'))!.dataset;
    const field = victim.fields.find((f) => f.type === 'integer')!;
    const relation = `"${victim.source.schema}"."${victim.source.table}"`;
    await fixture.db.client.query(`ALTER TABLE ${relation} ALTER COLUMN "${field.name}" TYPE text`);
    const failure = await buildData(['--only', victim.id], testEffects(fixture.root, log), { DATABASE_URL: fixture.db.url, CATALOG_PSEUDONYM_KEY: TEST_PSEUDONYM_KEY }).catch((e: Error) => e);
    expect((failure as Error).message).toContain(`"${field.name}": declared as integer but the column is now text (published as string)`);
  });

  it('explains an unreachable server without printing the user or the password', async () => {
    const failure = await buildData([], testEffects(fixture.root, log), { DATABASE_URL: 'postgresql://someone:s3cret-pass@127.0.0.1:1/nowhere', CATALOG_PSEUDONYM_KEY: TEST_PSEUDONYM_KEY }).catch(
      (e: Error) => e,
    );
    expect((failure as Error).message).toMatch(/^Cannot connect to the database postgresql:\/\/127\.0\.0\.1:1\/nowhere: /);
    expect((failure as Error).message).not.toContain('s3cret-pass');
    expect((failure as Error).message).not.toContain('someone');
  });
});
