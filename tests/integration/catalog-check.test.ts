import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCatalog } from '../../scripts/catalog/lib/check-catalog.ts';
import { streetTreesSql } from '../../scripts/demo-db/tables/street-trees.ts';
import { CliError } from '../../src/shared/cli-error.ts';
import { createTestDatabase, runStatements, type TestDatabase } from '../helpers/postgres.ts';
import { PROJECT_ROOT, recordingLogger } from '../helpers/workspace.ts';

const valid = (await readFile(path.join(PROJECT_ROOT, 'src/content/datasets/street-trees.yaml'), 'utf8')).replace(/^related:.*\n/m, '');

/** The demo street-trees metadata under another id (ids must equal the file name). */
function variant(id: string, change: (text: string) => string = (t) => t): string {
  return change(valid.replace(/^id: street-trees$/m, `id: ${id}`));
}

/** One broken file per kind of mistake a maintainer makes, next to the valid original. */
const BROKEN_FILES: Record<string, string> = {
  'street-trees.yaml': valid,
  'bad-yaml.yaml': 'id: bad-yaml\ntitle: Broken\nsummary: "an unclosed quote\nstatus: draft\n',
  'unknown-licence.yaml': variant('unknown-licence', (t) => t.replace(/^license:.*$/m, 'license: MIT-ish')),
  // Same id as street-trees.yaml: the only way two files share an id, since ids equal file names.
  'street-trees.yml': valid,
  'missing-description.yaml': variant('missing-description', (t) => t.replace(/^ {4}description: The tree's species.*\n/m, '')),
  'renamed-column.yaml': variant('renamed-column', (t) => t.replace('- name: height_m', '- name: height_metres')),
  'placeholder-in-review.yaml': variant('placeholder-in-review', (t) => t.replace(/^status: approved$/m, 'status: review').replace(/^rowMeaning:.*$/m, 'rowMeaning: "TODO: what one row stands for"')),
};

describe('catalog:check on broken metadata: each message names file, line, field and fix', () => {
  let db: TestDatabase;
  let root: string;
  const out: string[] = [];
  const log = recordingLogger();

  beforeAll(async () => {
    db = await createTestDatabase();
    await runStatements(db.client, ['CREATE SCHEMA parks', ...streetTreesSql(0.01)]);
    root = await mkdtemp(path.join(tmpdir(), 'catalog-check-'));
    await mkdir(path.join(root, 'src/content/datasets'), { recursive: true });
    for (const [name, text] of Object.entries(BROKEN_FILES)) await writeFile(path.join(root, 'src/content/datasets', name), text);
  });
  afterAll(async () => {
    await db?.drop();
    if (root) await rm(root, { recursive: true, force: true });
  });

  const run = async (format: 'text' | 'github') => {
    out.length = 0;
    const failure = await checkCatalog({ root, database: true, format, env: { DATABASE_URL: db.url }, out: (line) => out.push(line), log }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(CliError);
    expect((failure as CliError).exitCode).toBe(2);
    return (failure as CliError).message;
  };

  it('lists every problem in one run, live columns included', async () => {
    expect(await run('text')).toMatchInlineSnapshot(`
      "Dataset metadata has 6 problem(s):
        src/content/datasets/bad-yaml.yaml:5  (YAML syntax): Missing closing "quote at line 5, column 1; fix the YAML (indentation, a missing colon, or quotes around text containing ": ")
        src/content/datasets/missing-description.yaml:50  fields[1].description: required field is missing (expected string); add it
        src/content/datasets/placeholder-in-review.yaml:15  rowMeaning: text still to write ("TODO: what one row stands for"); write it and remove the TODO marker: a dataset with status review cannot keep placeholders
        src/content/datasets/renamed-column.yaml:70  fields[4].name: "height_metres": no such column in parks.street_trees. If it was renamed or dropped, update the field dictionary (or restore the column).
        src/content/datasets/street-trees.yml:1  id: id "street-trees" is already used by src/content/datasets/street-trees.yaml; ids must be unique: give one of them another id and the matching file name
        src/content/datasets/unknown-licence.yaml:22  license: license must be one of CC0-1.0, CC-BY-4.0, CC-BY-SA-4.0, ODbL-1.0, PDDL-1.0, ODC-By-1.0, OGL-UK-3.0, etalab-2.0 or an https URL
      Fix each line above (the format is documented in docs/maintainers.md and src/schemas/dataset.ts)."
    `);
  });

  it('prints GitHub annotations on the lines of the files', async () => {
    await run('github');
    expect(out.filter((line) => line.startsWith('::')).join('\n')).toMatchInlineSnapshot(`
      "::error file=src/content/datasets/bad-yaml.yaml,line=5,title=catalog%3Acheck (YAML syntax)::(YAML syntax): Missing closing "quote at line 5, column 1; fix the YAML (indentation, a missing colon, or quotes around text containing ": ")
      ::error file=src/content/datasets/missing-description.yaml,line=50,title=catalog%3Acheck fields[1].description::fields[1].description: required field is missing (expected string); add it
      ::error file=src/content/datasets/placeholder-in-review.yaml,line=15,title=catalog%3Acheck rowMeaning::rowMeaning: text still to write ("TODO: what one row stands for"); write it and remove the TODO marker: a dataset with status review cannot keep placeholders
      ::error file=src/content/datasets/renamed-column.yaml,line=70,title=catalog%3Acheck fields[4].name::fields[4].name: "height_metres": no such column in parks.street_trees. If it was renamed or dropped, update the field dictionary (or restore the column).
      ::error file=src/content/datasets/street-trees.yml,line=1,title=catalog%3Acheck id::id: id "street-trees" is already used by src/content/datasets/street-trees.yaml; ids must be unique: give one of them another id and the matching file name
      ::error file=src/content/datasets/unknown-licence.yaml,line=22,title=catalog%3Acheck license::license: license must be one of CC0-1.0, CC-BY-4.0, CC-BY-SA-4.0, ODbL-1.0, PDDL-1.0, ODC-By-1.0, OGL-UK-3.0, etalab-2.0 or an https URL"
    `);
  });
});
