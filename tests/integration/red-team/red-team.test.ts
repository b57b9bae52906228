import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { siteConfig } from '../../../src/site.config.ts';
import { createTestDatabase, runStatements, type TestDatabase } from '../../helpers/postgres.ts';
import { buildSiteIn, createProjectCopy, runNodeScript, type CommandResult } from '../../helpers/site-copy.ts';
import { PROJECT_ROOT } from '../../helpers/workspace.ts';
import { unzipEntries } from '../../helpers/zip.ts';
import { attempts, controls, type Attempt } from './attempts.ts';
import { MARKERS, redTeamSql } from './fixture.ts';

/**
 * The red team: every way we could think of to read a table nobody approved, or leak its values,
 * through metadata alone, against a real PostgreSQL server. The commands run as a maintainer (or
 * CI) runs them, in child processes, so everything they print is what is checked. Each attempt must
 * end with its own message, and no marker of the unapproved tables may appear in stdout, stderr,
 * data-snapshots/ or the built site.
 */

const CHECK = path.join(PROJECT_ROOT, 'scripts/catalog/check.ts');
const BUILD_DATA = path.join(PROJECT_ROOT, 'scripts/build-data/index.ts');

let db: TestDatabase;
let metadataRoot: string;
let databaseRoot: string;
let siteRoot: string;
const runs: Record<'metadataCheck' | 'metadataBuild' | 'databaseCheck' | 'databaseBuild' | 'site', CommandResult> = {} as never;

const byStage = (stage: Attempt['stage']) => attempts.filter((a) => a.stage === stage);
const fileOf = (id: string) => `src/content/datasets/${id}.yaml`;
const output = (run: CommandResult) => `${run.stdout}\n${run.stderr}`;

/** Every temporary folder this file made, deleted at the end. */
const temporary: string[] = [];

async function workspace(datasets: readonly { id: string }[]): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'catalog-red-team-'));
  temporary.push(root);
  await mkdir(path.join(root, 'src/content/datasets'), { recursive: true });
  for (const dataset of datasets) await writeFile(path.join(root, fileOf(dataset.id)), stringify(dataset));
  return root;
}

/** The line of `where:` (or of a key) in the YAML written for an attempt. */
async function lineOf(root: string, id: string, key: RegExp): Promise<number> {
  const lines = (await readFile(path.join(root, fileOf(id)), 'utf8')).split('\n');
  return lines.findIndex((line) => key.test(line)) + 1;
}

/** Every file under a folder as text; workbooks unzipped, so a marker inside one is found too. */
async function allText(dir: string): Promise<string> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const texts: string[] = [];
  for (const entry of entries.filter((e) => e.isFile())) {
    const bytes = await readFile(path.join(entry.parentPath, entry.name));
    texts.push(entry.name.endsWith('.xlsx') ? [...unzipEntries(bytes).values()].map((b) => b.toString('utf8')).join('\n') : bytes.toString('utf8'));
  }
  return texts.join('\n');
}

beforeAll(async () => {
  expect(siteConfig.privacy.neverRead, 'the red team expects the never-read list of src/site.config.ts to cover auth.*').toContain('auth.*');
  db = await createTestDatabase();
  await runStatements(db.client, redTeamSql());
  const env = { DATABASE_URL: db.url, CATALOG_DEBUG_DATABASE_ERRORS: '', GITHUB_ACTIONS: '' };
  metadataRoot = await workspace(byStage('metadata').map((a) => a.dataset as { id: string }));
  databaseRoot = await workspace([...byStage('database').map((a) => a.dataset as { id: string }), ...(controls as { id: string }[])]);
  [runs.metadataCheck, runs.metadataBuild, runs.databaseCheck] = await Promise.all([
    runNodeScript(metadataRoot, CHECK, [], env),
    runNodeScript(metadataRoot, BUILD_DATA, [], env),
    runNodeScript(databaseRoot, CHECK, ['--database'], env),
  ]);
  runs.databaseBuild = await runNodeScript(databaseRoot, BUILD_DATA, ['--jobs', '2'], env);
  siteRoot = await createProjectCopy({ metadata: path.join(databaseRoot, 'src/content/datasets'), snapshots: path.join(databaseRoot, 'data-snapshots') });
  temporary.push(siteRoot);
  runs.site = await buildSiteIn(siteRoot);
});

afterAll(async () => {
  await db?.drop();
  await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('red team: reading an unapproved table through metadata alone', () => {
  it(`makes at least 25 attempts (${attempts.length})`, () => {
    expect(attempts.length).toBeGreaterThanOrEqual(25);
    expect(new Set(attempts.map((a) => a.id)).size).toBe(attempts.length);
  });

  it('refuses bad row filters before connecting: catalog:check and build:data exit 2', () => {
    expect(runs.metadataCheck.code, output(runs.metadataCheck)).toBe(2);
    expect(runs.metadataBuild.code, output(runs.metadataBuild)).toBe(2);
    expect(runs.metadataBuild.stderr).not.toContain('Snapshotting from');
  });

  it.each(byStage('metadata').map((a) => [a.id, a.what, a] as const))('%s (%s): refused with the file, the line of where and what to do', async (id, _what, attempt) => {
    const line = await lineOf(metadataRoot, id, /^\s+where: /);
    const expected = `${fileOf(id)}:${line}  privacy.rowFilter.where: ${attempt.message}`;
    expect(output(runs.metadataCheck)).toContain(expected);
    expect(output(runs.metadataBuild)).toContain(expected);
  });

  it('refuses what a source reads before reading a row: build:data exits 4 and catalog:check -- --database exits 2, publishing the controls', () => {
    expect(runs.databaseBuild.code, output(runs.databaseBuild)).toBe(4);
    expect(runs.databaseCheck.code, output(runs.databaseCheck)).toBe(2);
    for (const control of controls) expect(runs.databaseBuild.stderr).toMatch(new RegExp(`${control.id}\\s+new version`));
    expect(runs.databaseBuild.stderr).toContain(`${byStage('database').length} dataset(s) were not published`);
  });

  it.each(byStage('database').map((a) => [a.id, a.what, a] as const))('%s (%s): refused with its own message, nothing published', async (id, _what, attempt) => {
    const failure = runs.databaseBuild.stderr.split('\n- ').find((block) => block.startsWith(`${id}: `));
    expect(failure, `no failure reported for ${id}`).toBeDefined();
    expect(failure).toContain(attempt.message);
    // The checks that read no row are made by catalog:check -- --database too, at the metadata's line.
    if (!attempt.message.includes('SQLSTATE')) {
      expect(output(runs.databaseCheck)).toMatch(new RegExp(`${fileOf(id).replaceAll('.', '\\.')}:\\d+ {2}\\S+: [^\\n]*${attempt.message.slice(0, 40).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    }
    await expect(readdir(path.join(databaseRoot, 'data-snapshots', id))).rejects.toThrow();
    await expect(readdir(path.join(siteRoot, 'dist/datasets', id))).rejects.toThrow();
  });

  it('builds the site, in which only the controls are published', async () => {
    expect(runs.site.code, output(runs.site)).toBe(0);
    const published = (await readdir(path.join(siteRoot, 'dist/datasets'), { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(published.sort()).toEqual(controls.map((c) => (c as { id: string }).id).sort());
  });

  it('plants casts whose server errors really quote a marker, so the check below can fail', async () => {
    const quoted = async (sql: string) =>
      db.client.query(sql).then(
        () => '',
        (error: Error) => error.message,
      );
    expect(await quoted('SELECT secret_note::integer FROM pub.complaints')).toContain(MARKERS.note);
    expect(await quoted('SELECT code FROM pub.people_cast')).toContain(MARKERS.people);
  });

  it('leaves no marker of the unapproved tables in stdout, stderr, data-snapshots/ or dist/', async () => {
    const everything = [
      ...Object.values(runs).map(output),
      await allText(path.join(metadataRoot, 'data-snapshots')),
      await allText(path.join(databaseRoot, 'data-snapshots')),
      await allText(path.join(siteRoot, 'dist')),
    ].join('\n');
    // The scan itself must have something to scan: the controls' files are there.
    expect(everything).toContain('parking');
    for (const [name, marker] of Object.entries(MARKERS)) expect(everything.includes(marker), `marker ${name} (${marker}) leaked`).toBe(false);
  });
});
