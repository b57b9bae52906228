import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildData } from '../../scripts/build-data/build.ts';
import { listVersions } from '../../src/shared/snapshot-store.ts';
import { addDataset } from '../../scripts/catalog/add.ts';
import { checkCatalog } from '../../scripts/catalog/lib/check-catalog.ts';
import { CliError } from '../../src/shared/cli-error.ts';
import { fillDraft } from '../helpers/fill-draft.ts';
import { createTestDatabase, runStatements, type TestDatabase } from '../helpers/postgres.ts';
import { PROJECT_ROOT, recordingLogger, testEffects } from '../helpers/workspace.ts';

const TABLE_SQL = [
  `CREATE SCHEMA "Parks Dept"`,
  `CREATE TABLE "Parks Dept"."Tree List" (
     "Tree ID" integer PRIMARY KEY,
     species text NOT NULL,
     "Height (m)" numeric(4,1),
     planted_on date,
     outline jsonb
   )`,
  `COMMENT ON TABLE "Parks Dept"."Tree List" IS 'Every tree the parks crews look after, one row per tree.'`,
  `COMMENT ON COLUMN "Parks Dept"."Tree List"."Tree ID" IS 'Asset number painted on the tag at the base of the tree.'`,
  `COMMENT ON COLUMN "Parks Dept"."Tree List".species IS 'Common name'`,
  `INSERT INTO "Parks Dept"."Tree List" VALUES
     (1, 'Red maple', 12.5, '2004-04-12', '{"type":"Point"}'),
     (2, 'Pin oak', NULL, NULL, NULL)`,
];

describe('catalog:add against a real PostgreSQL table', () => {
  let db: TestDatabase;
  let root: string;
  const log = recordingLogger();
  const file = 'src/content/datasets/tree-list.yaml';
  const out: string[] = [];
  const check = (database: boolean) => checkCatalog({ root, database, format: 'text', env: { DATABASE_URL: db.url }, out: (line) => out.push(line), log });

  beforeAll(async () => {
    db = await createTestDatabase();
    await runStatements(db.client, TABLE_SQL);
    root = await mkdtemp(path.join(tmpdir(), 'catalog-add-'));
    await mkdir(path.join(root, 'src/content/datasets'), { recursive: true });
  });
  afterAll(async () => {
    await db?.drop();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('writes a draft with everything the database knows and a TODO on each text to write', async () => {
    const result = await addDataset(['"Parks Dept"."Tree List"'], { root, log, env: { DATABASE_URL: db.url }, today: '2026-11-25' });
    expect(result).toMatchObject({ id: 'tree-list', file, unpublished: ['outline'] });
    const text = await readFile(path.join(root, file), 'utf8');
    expect(text).toMatchInlineSnapshot(`
      "# Draft written by \`npm run catalog:add -- "Parks Dept"."Tree List"\` on 2026-11-25.
      # Each TODO below marks a text still to write or a choice to confirm. catalog:check reports them
      # as warnings while status is draft and refuses them from status review on. Every column of the
      # table is listed: delete the fields that must not be published (personal data, internal notes).
      # Columns that look like personal data by their name or comment are listed commented out, with why.
      # The format is documented in docs/maintainers.md; every field is explained in src/schemas/dataset.ts.
      id: tree-list
      title: Tree List
      summary: Every tree the parks crews look after, one row per tree.
      description: |
        Every tree the parks crews look after, one row per tree.

        TODO: explain in plain language (Markdown) what the data is, why the department keeps it,
        how to read it, and anything a reader could misunderstand.
      rowMeaning: "TODO: what one row stands for, e.g. one tree on public land"
      keywords: ["TODO: words people would search for"]
      theme: government # TODO: choose one of agriculture, economy, education, energy, environment, government, health, international, justice, regions, society, technology, transport
      publisher: "TODO: the department that publishes and answers for the data"
      contactPoint: # TODO: the team that answers questions about this data (a role address, not a person's)
        name: Open Data Team
        email: opendata@riverton.example
      license: CC-BY-4.0 # the catalog's default (src/site.config.ts); change it if the data owner requires another
      frequency: irregular # TODO: how often the data changes: continuous, daily, weekly, monthly, quarterly, annual, irregular, never
      temporal:
        start: 2026-11-25 # TODO: the earliest date the data covers
      spatial: City of Riverton
      status: draft
      source:
        schema: Parks Dept
        table: Tree List
      primaryKey: [Tree ID]
      collectionMethod: "TODO: say in a sentence or two how the data is collected, by whom, and how often."
      caveats: [] # limits a reader must know before drawing conclusions, one sentence each
      fields:
        - name: Tree ID
          title: Tree ID
          description: Asset number painted on the tag at the base of the tree.
          type: integer # integer, never empty (NOT NULL)
        - name: species
          title: Species
          description: Common name
          type: string # text, never empty (NOT NULL)
        - name: Height (m)
          title: Height (m)
          description: "TODO: what this column means in plain language, and what an empty value means."
          type: number # numeric(4,1), may be empty
        - name: planted_on
          title: Planted on
          description: "TODO: what this column means in plain language, and what an empty value means."
          type: date # date, may be empty
        # Not published: the catalog does not publish jsonb columns: one document can hold anything, and its keys are not described by the field dictionary.
        # To publish this one, publish the keys you mean as columns of a view (payload->>'status' AS status); point source at the view, then list it here.
        # - name: outline
        #   type: jsonb
      "
    `);
    expect(log.lines.join('\n')).toContain(`✔ Wrote ${file} (draft) from Parks Dept.Tree List`);
    expect(log.lines.join('\n')).toContain('Next steps:');
  });

  it('passes catalog:check as a draft, with each TODO as a warning', async () => {
    out.length = 0;
    const problems = await check(false);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.severity === 'warning' && p.file === file && p.line)).toBe(true);
    expect(out.at(-1)).toBe('✔ 1 metadata file(s) valid (1 draft).');
  });

  it('refuses a dataset in review that still has TODO markers', async () => {
    const text = await readFile(path.join(root, file), 'utf8');
    await writeFile(path.join(root, file), text.replace('status: draft', 'status: review'));
    const failure = await check(false).catch((error: unknown) => error);
    await writeFile(path.join(root, file), text);
    expect(failure).toBeInstanceOf(CliError);
    expect((failure as CliError).message).toMatch(/^Dataset metadata has \d+ problem\(s\):\n {2}src\/content\/datasets\/tree-list\.yaml:\d+ {2}description: text still to write/);
  });

  it('once its texts are written, passes catalog:check against the live table and snapshots', async () => {
    const text = await readFile(path.join(root, file), 'utf8');
    await writeFile(path.join(root, file), fillDraft(text, { status: 'approved' }));
    out.length = 0;
    expect(await check(true)).toEqual([]);
    expect(out.at(-1)).toBe('✔ 1 metadata file(s) valid (1 approved); approved datasets match their live tables.');

    const outcomes = await buildData(['--only', 'tree-list'], testEffects(root, log), { DATABASE_URL: db.url });
    expect(outcomes.map((o) => [o.id, o.status])).toEqual([['tree-list', 'new-version']]);
    const [manifest] = await listVersions(root, 'tree-list');
    const csv = await readFile(path.join(root, 'data-snapshots/tree-list', manifest!.version, 'data.csv'), 'utf8');
    expect(csv).toBe('Tree ID,species,Height (m),planted_on\r\n1,Red maple,12.5,2004-04-12\r\n2,Pin oak,,\r\n');
  });

  it('refuses to overwrite an existing file, with exit code 5', async () => {
    const before = await readFile(path.join(root, file), 'utf8');
    const failure = await addDataset(['"Parks Dept"."Tree List"'], { root, log, env: { DATABASE_URL: db.url } }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CliError);
    expect((failure as CliError).exitCode).toBe(5);
    expect((failure as CliError).message).toMatchInlineSnapshot(
      `"src/content/datasets/tree-list.yaml already exists; catalog:add never overwrites metadata. Edit that file, delete it first if you really want a fresh draft, or choose another id with --id (e.g. --id tree-list-2)."`,
    );
    expect(await readFile(path.join(root, file), 'utf8')).toBe(before);

    // The command itself, as a maintainer runs it: the message on stderr and the exit code.
    const run = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts/catalog/add.ts'), '"Parks Dept"."Tree List"'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: db.url },
    });
    expect(run.status).toBe(5);
    expect(run.stderr).toContain('src/content/datasets/tree-list.yaml already exists; catalog:add never overwrites metadata.');
  });

  it('names the table it cannot find and suggests the right case', async () => {
    const failure = await addDataset(['parks dept.tree list', '--id', 'lower-case'], { root, log, env: { DATABASE_URL: db.url } }).catch((error: unknown) => error);
    expect((failure as CliError).exitCode).toBe(2);
    expect((failure as CliError).message.replace(db.url.split('/').pop()!, '<db>')).toMatchInlineSnapshot(
      `"Table parks dept.tree list does not exist in postgresql://127.0.0.1:5432/<db>, or this database role cannot see it. Did you mean "Parks Dept"."Tree List"? Names are case-sensitive: quote them, e.g. '"Parks"."Trees"'. Check the spelling, and that the role has USAGE on the schema and SELECT on the table."`,
    );
  });
});
