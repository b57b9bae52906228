import { runCommand } from '../lib/cli-error.ts';
import { readAllMetadata } from '../lib/metadata.ts';

/**
 * `npm run catalog:check`: validates every metadata file without a database (schema, plain-language
 * texts, vocabularies, unique ids, related datasets). Exits 2 with one line per problem.
 */
await runCommand(async () => {
  const files = await readAllMetadata(process.cwd());
  const byStatus = Object.groupBy(files, (f) => f.dataset.status);
  const counts = Object.entries(byStatus).map(([status, list]) => `${list?.length ?? 0} ${status}`);
  console.log(`✔ ${files.length} metadata file(s) valid (${counts.join(', ')}).`);
});
