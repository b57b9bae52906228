import { datasetBlockers } from '../../src/schemas/dataset.ts';
import { CliError, runCommand } from '../lib/cli-error.ts';
import { readAllMetadata } from '../lib/metadata.ts';

/**
 * `npm run catalog:check`: validates every metadata file without a database (schema, plain-language
 * texts, vocabularies, unique ids, related datasets) and the approval gate: an approved dataset
 * needs every sign-off and a complete checklist. Exits 2 with one line per problem.
 */
await runCommand(async () => {
  const files = await readAllMetadata(process.cwd());
  const blocked = files.flatMap(({ file, dataset }) => datasetBlockers(dataset).map((blocker) => `${file}: ${blocker}`));
  if (blocked.length > 0) {
    throw new CliError(`Approved dataset(s) not cleared for publication; the snapshot will refuse them:\n${blocked.map((b) => `  ${b}`).join('\n')}`, {
      exitCode: 2,
    });
  }
  const byStatus = Object.groupBy(files, (f) => f.dataset.status);
  const counts = Object.entries(byStatus).map(([status, list]) => `${list?.length ?? 0} ${status}`);
  console.log(`✔ ${files.length} metadata file(s) valid (${counts.join(', ')}).`);
});
