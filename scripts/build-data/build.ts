import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { datasetBlockers, type Dataset } from '../../src/schemas/dataset.ts';
import { CliError, runCommand } from '../lib/cli-error.ts';
import { readAllMetadata, type MetadataFile } from '../lib/metadata.ts';
import { consoleLogger, type Effects } from './effects.ts';
import { DatasetError } from './steps/check-schema.ts';
import { openSource } from './steps/connect.ts';
import { clearStaging } from './steps/publish-version.ts';
import { recordChecks } from './steps/record-checks.ts';
import { pseudonymizer, pseudonymKey } from './lib/pseudonymize.ts';
import { readTableStatistics } from './steps/fingerprint.ts';
import { openSnapshotWorkers, runPool } from './pool.ts';
import { snapshotDataset, type DatasetOutcome, type FingerprintContext } from './snapshot-dataset.ts';
import { formatSummary } from './summary.ts';
import { XLSX_MAX_ROWS } from './lib/xlsx-writer.ts';
import { siteConfig } from '../../src/site.config.ts';

const usage = `Usage: npm run snapshot -- [--only <id>[,<id>…]] [--scale <n>] [--jobs <n>] [--full]

Snapshots every approved dataset from DATABASE_URL (or, when it is unset, from the embedded demo
database) into data-snapshots/. A new version is written only when a dataset's data changed.

  --only <ids>   snapshot only these datasets (comma-separated ids)
  --scale <n>    size of the embedded demo database (default 1; ignored with DATABASE_URL)
  --jobs <n>     datasets snapshotted in parallel, each on its own connection sharing one database
                 snapshot (default: the number of CPU cores, at most 4; always 1 on the embedded database)
  --full         snapshot every dataset in full, even when its table's fingerprint says it is unchanged`;

export function selectApproved(files: readonly MetadataFile[], only: readonly string[]): { approved: MetadataFile[]; skipped: Dataset[] } {
  const unknown = only.filter((id) => !files.some((f) => f.dataset.id === id));
  if (unknown.length > 0) throw new CliError(`--only names unknown dataset(s): ${unknown.join(', ')}. Use ids from src/content/datasets/.`, { exitCode: 2 });
  const wanted = files.filter((f) => only.length === 0 || only.includes(f.dataset.id));
  return {
    approved: wanted.filter((f) => f.dataset.status === 'approved'),
    skipped: wanted.filter((f) => f.dataset.status !== 'approved').map((f) => f.dataset),
  };
}

export async function buildData(argv: string[], effects: Effects, env: NodeJS.ProcessEnv = process.env): Promise<DatasetOutcome[]> {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: 'string' },
      scale: { type: 'string' },
      jobs: { type: 'string' },
      full: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(usage);
    return [];
  }
  const scale = values.scale === undefined ? 1 : Number(values.scale);
  if (!Number.isFinite(scale) || scale <= 0) throw new CliError(`--scale must be a positive number, not "${values.scale}".`, { exitCode: 2 });
  const limit = siteConfig.downloads.spreadsheetRowLimit;
  if (!Number.isInteger(limit) || limit < 0 || limit > XLSX_MAX_ROWS - 1) {
    throw new CliError(
      `The spreadsheet row limit (downloads.spreadsheetRowLimit in src/site.config.ts, or CATALOG_SPREADSHEET_ROW_LIMIT) must be a whole number from 0 to ${(XLSX_MAX_ROWS - 1).toLocaleString('en')}, the most rows XLSX holds under its header; it is "${limit}".`,
      { exitCode: 2 },
    );
  }
  const jobs = values.jobs === undefined ? Math.min(availableParallelism(), 4) : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new CliError(`--jobs must be a whole number of 1 or more, not "${values.jobs}".`, { exitCode: 2 });
  const only = values.only ? values.only.split(',').map((s) => s.trim()).filter(Boolean) : [];

  const { log } = effects;
  const files = await readAllMetadata(effects.root);
  const { approved: selected, skipped } = selectApproved(files, only);
  log.info(`Metadata: ${files.length} dataset(s); ${selected.length} approved to snapshot.`);
  for (const dataset of skipped) log.info(`  ${dataset.id}: ${dataset.status}, not read from the database.`);
  const { cleared, outcomes } = applyGate(selected, effects);
  if (cleared.length === 0) return finish(outcomes, effects);

  const databaseUrl = env.DATABASE_URL || undefined;
  const hashing = cleared.filter(({ dataset }) => dataset.fields.some((f) => f.transform?.method === 'hash')).map(({ dataset }) => dataset.id);
  const key = pseudonymKey(env, { embedded: !databaseUrl, datasets: hashing });
  if (key && !env.CATALOG_PSEUDONYM_KEY) log.info('Pseudonyms use the public demo key: fine for the fictional demo data, never used with DATABASE_URL.');
  const pseudonymize = key ? pseudonymizer(key) : null;
  const approved = cleared;

  await clearStaging(effects.root);
  const source = await openSource({ databaseUrl, scale, log });
  try {
    // Read before the snapshot begins, so a stored fingerprint can only lag the data (fingerprint.ts).
    const fingerprints: FingerprintContext = {
      statistics: values.full ? new Map() : await readTableStatistics(source.client, approved.map((a) => a.dataset)),
      keyId: pseudonymize ? pseudonymize('civic-data-catalog fingerprint key id') : null,
      full: Boolean(values.full),
    };
    const workers = await openSnapshotWorkers(source.client, Math.min(jobs, approved.length), source.connect, log);
    try {
      const parallel = workers.clients.length > 1 ? ` on ${workers.clients.length} connections sharing it` : '';
      log.info(`Snapshotting from ${source.label} in one read-only REPEATABLE READ snapshot${parallel}.`);
      const results = await runPool(workers.clients, approved, async (client, { dataset, file }, index) => {
        log.info(`[${index + 1}/${approved.length}] ${dataset.id} (${dataset.source.schema}.${dataset.source.table})`);
        const started = Date.now();
        await client.query('SAVEPOINT dataset');
        try {
          const outcome = await snapshotDataset(client, dataset, file, effects, pseudonymize, fingerprints);
          await client.query('RELEASE SAVEPOINT dataset');
          log.info(`  ${dataset.id} → ${outcome.status === 'new-version' ? `new version ${outcome.version}` : 'unchanged, no new version'}`);
          return outcome;
        } catch (error) {
          // A failure stops this dataset only; the others still get their snapshot.
          await client.query('ROLLBACK TO SAVEPOINT dataset');
          const message =
            error instanceof DatasetError ? error.message : `${(error as Error).message}\n  (while reading ${dataset.source.schema}.${dataset.source.table} for ${file})`;
          log.warn(`${dataset.id} failed:\n${message}`);
          return { id: dataset.id, status: 'failed', seconds: (Date.now() - started) / 1000, message } satisfies DatasetOutcome;
        }
      });
      outcomes.push(...results);
    } finally {
      await workers.finish();
    }
  } finally {
    await source.close();
    await clearStaging(effects.root);
  }
  return finish(outcomes, effects);
}

/**
 * The approval gate: an approved dataset leaves the database only with every sign-off and a
 * complete checklist. A refused one is reported like a failed snapshot; its last version stays.
 */
function applyGate(approved: readonly MetadataFile[], { log, now }: Effects): { cleared: MetadataFile[]; outcomes: DatasetOutcome[] } {
  const today = now().toISOString().slice(0, 10);
  const cleared: MetadataFile[] = [];
  const outcomes: DatasetOutcome[] = [];
  for (const entry of approved) {
    const blockers = datasetBlockers(entry.dataset, today);
    if (blockers.length === 0) {
      cleared.push(entry);
      continue;
    }
    const message = `${entry.file} is approved but not cleared for publication, so it was not read:\n${blockers.map((b) => `  - ${b}`).join('\n')}`;
    log.warn(`${entry.dataset.id} refused:\n${message}`);
    outcomes.push({ id: entry.dataset.id, status: 'failed', seconds: 0, message });
  }
  return { cleared, outcomes };
}

async function finish(outcomes: DatasetOutcome[], { log, root, now }: Effects): Promise<DatasetOutcome[]> {
  if (outcomes.length === 0) return outcomes;
  await recordChecks(root, outcomes, now());
  log.info(formatSummary(outcomes));
  const failed = outcomes.filter((o) => o.status === 'failed');
  if (failed.length > 0) {
    throw new CliError(
      `${failed.length} dataset(s) were not published; their last good versions stay online:\n` +
        failed.map((o) => `- ${o.id}: ${o.message}`).join('\n'),
      { exitCode: 4 },
    );
  }
  return outcomes;
}

/** The command line: `npm run build:data` / `npm run snapshot` (started by index.ts). */
export async function main(): Promise<void> {
  await runCommand(async () => {
    await buildData(process.argv.slice(2), { log: consoleLogger(), now: () => new Date(), root: process.cwd() });
  });
}
