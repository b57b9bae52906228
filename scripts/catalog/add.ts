import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { datasetIdSchema } from '../../src/schemas/dataset.ts';
import { typeDecision } from '../build-data/lib/pg-types.ts';
import { readClosure } from '../build-data/steps/read-closure.ts';
import { SYSTEM_SCHEMAS } from '../lib/never-read.ts';
import { formatRelationName } from '../../src/schemas/relation-name.ts';
import { classifyColumn } from '../../src/schemas/personal-columns.ts';
import { consoleLogger, type Logger } from '../lib/effects.ts';
import { openSource } from '../build-data/steps/connect.ts';
import { CliError } from '../../src/shared/cli-error.ts';
import { parseCommandLine } from '../lib/command-line.ts';
import { runCommand } from '../lib/run-command.ts';
import { METADATA_DIR } from '../../src/shared/metadata.ts';
import { describeTable, parseRelationName } from './lib/introspect.ts';
import { idFromTable, renderDraft } from './lib/draft-yaml.ts';
import { findSimilarTables } from './lib/similar-tables.ts';

const usage = `Usage: npm run catalog:add -- <schema.table> [--id <dataset-id>]

Reads a table's columns, types, nullability, primary key and comments from DATABASE_URL (or, when
it is unset, from the embedded demo database) and writes src/content/datasets/<id>.yaml as a draft,
with a "TODO:" marker on every plain-language text still to write. Never overwrites a file.

  <schema.table>   the table or view; quote names with capitals, spaces or dots: '"Parks"."Tree List"'
  --id <id>        the dataset id and file name (default: from the table name, e.g. street-trees)

Exit codes: 2 bad arguments or no such table, 3 database unreachable, 5 the file already exists.`;

export interface AddResult {
  id: string;
  /** Path of the written file, relative to the project root. */
  file: string;
  todos: number;
  unpublished: string[];
}

export async function addDataset(argv: string[], options: { root: string; log: Logger; env?: NodeJS.ProcessEnv; today?: string }): Promise<AddResult | null> {
  const { root, log, env = process.env } = options;
  const parsed = parseCommandLine({ args: argv, options: { id: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true }, usage);
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(usage);
    return null;
  }
  if (positionals.length !== 1) throw new CliError(`Name exactly one table.\n\n${usage}`, { exitCode: 2 });
  const relation = parseRelationName(positionals[0]!);
  if (!relation) {
    throw new CliError(`"${positionals[0]}" is not a table name; write schema.table, with double quotes around names that contain capitals, spaces or dots.`, { exitCode: 2 });
  }
  const id = values.id ?? idFromTable(relation.table);
  const validId = datasetIdSchema.safeParse(id);
  if (!validId.success) {
    throw new CliError(`Cannot use "${id}" as the dataset id: ${validId.error.issues[0]?.message}. Choose one with --id <id>.`, { exitCode: 2 });
  }
  const file = path.posix.join(METADATA_DIR, `${id}.yaml`);
  const target = path.join(root, file);
  // Checked before connecting (fast feedback) and again just before writing (the file may appear meanwhile).
  refuseExisting(root, file, id);

  const source = await openSource({ databaseUrl: env.DATABASE_URL || undefined, scale: 1, log });
  let table;
  let reads: string[] | undefined;
  try {
    table = await describeTable(source.client, relation.schema, relation.table);
    // A view must declare what it reads (source.reads): draft the list from the database's own records.
    const closure = table ? await readClosure(source.client, relation.schema, relation.table) : null;
    if (closure && (closure.source.kind === 'view' || closure.source.kind === 'materialised view')) {
      reads = closure.reads
        .filter((o) => o.kind !== 'partition' && o.kind !== 'inheritance child' && !SYSTEM_SCHEMAS.includes(o.schema))
        .map((o) => formatRelationName({ schema: o.schema, table: o.name }));
    }
    if (!table) {
      const similar = await findSimilarTables(source.client, relation.schema, relation.table);
      throw new CliError(
        `Table ${relation.schema}.${relation.table} does not exist in ${source.label}, or this database role cannot see it.` +
          (similar.length > 0 ? ` Did you mean ${similar.join(' or ')}? Names are case-sensitive: quote them, e.g. '"Parks"."Trees"'.` : '') +
          ' Check the spelling, and that the role has USAGE on the schema and SELECT on the table.',
        { exitCode: 2 },
      );
    }
  } finally {
    await source.close();
  }
  const unpublished = table.columns.filter((c) => !typeDecision(c).publish);
  if (unpublished.length === table.columns.length) {
    throw new CliError(
      `${relation.schema}.${relation.table} has no column the catalog can publish (types: ${table.columns.map((c) => c.displayType).join(', ')}). ` +
        'Create a view that casts the columns to text, numbers or dates, and run catalog:add on the view.',
      { exitCode: 2 },
    );
  }
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const command = `npm run catalog:add -- ${argv.join(' ')}`;
  const text = renderDraft(reads ? { ...table, reads } : table, { id, command, today });

  refuseExisting(root, file, id);
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.tmp`;
  // `wx` fails if another run created the temporary file: two runs never interleave their text.
  await writeFile(temporary, text, { flag: 'wx' });
  await rename(temporary, target);

  const todos = text.split('\n').filter((line) => line.includes('TODO:')).length;
  log.info(`✔ Wrote ${file} (draft) from ${relation.schema}.${relation.table} in ${source.label}:`);
  log.info(`  ${table.columns.length - unpublished.length} field(s), primary key ${table.primaryKey.length > 0 ? table.primaryKey.join(', ') : '(none)'}, ${todos} text(s) marked TODO.`);
  for (const column of unpublished) log.info(`  Not published: "${column.name}" (${column.displayType}), listed as a comment with the reason.`);
  for (const column of table.columns.filter((c) => typeDecision(c).publish)) {
    const personal = classifyColumn({ name: column.name, description: column.comment });
    if (personal) log.info(`  Not published yet: "${column.name}" looks like ${personal.reason}; listed as a comment: transform it or review it first.`);
  }
  log.info(
    [
      '',
      'Next steps:',
      `  1. Open ${file} and replace every "TODO:" with plain-language text (grep -n "TODO:" ${file}).`,
      '  2. Remove the fields you must not publish (personal data, internal codes).',
      '  3. Run `npm run catalog:check`, then open a pull request; set status: review when the texts are written.',
      '  See "Adding a dataset" in docs/maintainers.md.',
    ].join('\n'),
  );
  return { id, file, todos, unpublished: unpublished.map((c) => c.name) };
}

function refuseExisting(root: string, file: string, id: string): void {
  if (existsSync(path.join(root, file))) {
    throw new CliError(
      `${file} already exists; catalog:add never overwrites metadata. Edit that file, delete it first if you really want a fresh draft, ` + `or choose another id with --id (e.g. --id ${id}-2).`,
      { exitCode: 5 },
    );
  }
}

if (import.meta.main) {
  await runCommand(async () => {
    await addDataset(process.argv.slice(2), { root: process.cwd(), log: consoleLogger(process.stdout) });
  });
}
