import { parseArgs } from 'node:util';
import { datasetIdSchema } from '../../src/schemas/dataset.ts';
import { CliError } from '../../src/shared/cli-error.ts';
import { runCommand } from '../lib/run-command.ts';
import { consoleLogger } from '../lib/effects.ts';
import { acquireRunLock } from '../build-data/lib/run-lock.ts';
import { snapshotsRoot } from '../../src/shared/snapshot-store.ts';
import { withdrawVersion } from './lib/withdraw-version.ts';

const usage = `Usage: npm run catalog:withdraw -- <dataset-id> <version> --reason "…"

Withdraws one published version that was found to hold personal data: the one exception to
permanence. Records it in data-snapshots/<id>/withdrawn.json (commit that file), deletes the
version's files from data-snapshots/ and dist/, removes its large files from the history's
release-asset index, and prints the commands that remove it from git history, release assets and
the deployed site. The version's page stays as a public notice saying when and why.

  <dataset-id>      the dataset, e.g. 311-service-requests
  <version>         the version, e.g. 2026-11-25 (listed on the dataset page and by the build's message)
  --reason "…"      why, in plain language, shown to readers (never the personal data itself)

Exit codes: 2 bad arguments or no such version.`;

await runCommand(async () => {
  let parsed;
  try {
    parsed = parseArgs({ args: process.argv.slice(2), options: { reason: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (cause) {
    throw new CliError(`${(cause as Error).message}\n\n${usage}`, { exitCode: 2, cause });
  }
  if (parsed.values.help) return console.log(usage);
  const [datasetId, version, ...rest] = parsed.positionals;
  if (!datasetId || !version || rest.length > 0 || parsed.values.reason === undefined) throw new CliError(`Give a dataset id, a version and --reason.\n\n${usage}`, { exitCode: 2 });
  if (!datasetIdSchema.safeParse(datasetId).success) throw new CliError(`"${datasetId}" is not a dataset id (lower-case letters, digits and dashes).`, { exitCode: 2 });
  // Never while a snapshot run writes to data-snapshots/ (scripts/build-data/lib/run-lock.ts).
  const lock = await acquireRunLock(snapshotsRoot(process.cwd()), { command: `npm run catalog:withdraw -- ${datasetId} ${version}`, waitSeconds: 0, log: consoleLogger() });
  let report;
  try {
    report = await withdrawVersion({ root: process.cwd(), datasetId, version, reason: parsed.values.reason, today: new Date().toISOString().slice(0, 10) });
  } finally {
    await lock.release();
  }
  console.log(`Withdrew ${datasetId} version ${version} (recorded ${report.record.withdrawnOn}).`);
  for (const removed of report.removed) console.log(`  removed ${removed}`);
  if (report.removed.length === 0) console.log('  nothing left to remove on this machine (already withdrawn here).');
  console.log(`\nWhat is left to do outside this folder, in order:\n${report.followUp.map((line) => `  ${line}`).join('\n')}`);
});
