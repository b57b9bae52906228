import { consoleLogger } from '../lib/effects.ts';
import { parseCommandLine } from '../lib/command-line.ts';
import { runCommand } from '../lib/run-command.ts';
import { checkCatalog, parseFormat } from './lib/check-catalog.ts';

const usage = `Usage: npm run catalog:check -- [--database] [--format text|github]

Validates every metadata file in src/content/datasets/ (schema, plain-language texts, vocabularies,
unique ids, related datasets, TODO markers left by catalog:add). Exits 2 with one line per problem.

  --database        also compare each approved dataset's fields with its live table, in DATABASE_URL
                    (or the embedded demo database when DATABASE_URL is unset); reads no rows
  --format github   print GitHub Actions annotations as well (the default when GITHUB_ACTIONS=true)`;

await runCommand(async () => {
  const { values } = parseCommandLine(
    {
      args: process.argv.slice(2),
      options: { database: { type: 'boolean', default: false }, format: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    },
    usage,
  );
  if (values.help) return console.log(usage);
  await checkCatalog({
    root: process.cwd(),
    database: values.database,
    format: parseFormat(values.format, process.env),
    env: process.env,
    out: (line) => console.log(line),
    log: consoleLogger(),
  });
});
