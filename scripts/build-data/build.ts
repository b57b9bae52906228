import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { datasetBlockers, type Dataset } from '../../src/schemas/dataset.ts';
import { CliError, runCommand } from '../lib/cli-error.ts';
import { readAllMetadata, type MetadataFile } from '../lib/metadata.ts';
import { consoleLogger, type Effects } from './effects.ts';
import { DEFAULT_LOCK_TIMEOUT_SECONDS, openSource } from './steps/connect.ts';
import { clearStaging, snapshotsRoot } from './steps/publish-version.ts';
import { checkDatabaseUrl } from '../lib/database-url.ts';
import { isUsable } from './lib/copy-cancel.ts';
import { classifyDatabaseError, databaseErrorCause, isDatabaseError } from './lib/database-errors.ts';
import { describeFailure, EXIT_DATABASE, exitCodeFor } from './lib/dataset-failure.ts';
import { cleanLeftovers } from './lib/leftovers.ts';
import { acquireRunLock } from './lib/run-lock.ts';
import { removeDatasetStaging } from './lib/staging.ts';
import { pseudonymizer, pseudonymKey } from './lib/pseudonymize.ts';
import { readTableStatistics } from './steps/fingerprint.ts';
import { openSnapshotWorkers, runPool } from './pool.ts';
import { snapshotDataset, type DatasetOutcome, type FingerprintContext } from './snapshot-dataset.ts';
import { formatSummary } from './summary.ts';
import { XLSX_MAX_ROWS } from './lib/xlsx-writer.ts';
import { siteConfig } from '../../src/site.config.ts';

const usage = `Usage: npm run snapshot -- [--only <id>[,<id>…]] [--scale <n>] [--jobs <n>] [--full] [--wait <s>] [--lock-timeout <s>]

Snapshots every approved dataset from DATABASE_URL (or, when it is unset, from the embedded demo
database) into data-snapshots/. A new version is written only when a dataset's data changed.

  --only <ids>   snapshot only these datasets (comma-separated ids)
  --scale <n>    size of the embedded demo database (default 1; ignored with DATABASE_URL)
  --jobs <n>     datasets snapshotted in parallel, each on its own connection sharing one database
                 snapshot (default: the number of CPU cores, at most 4; always 1 on the embedded database)
  --full         snapshot every dataset in full, even when its table's fingerprint says it is unchanged
  --wait <s>     when another run is writing to data-snapshots/, wait up to this many seconds for it
                 to finish (default 0: stop at once with exit code 5)
  --lock-timeout <s>
                 seconds a dataset waits for a table another session has locked before it fails
                 (default: CATALOG_LOCK_TIMEOUT, else ${DEFAULT_LOCK_TIMEOUT_SECONDS})

Exit codes: 0 done; 2 bad arguments, metadata, DATABASE_URL or key; 3 the database cannot be reached
or stopped answering; 4 datasets not published (the others were); 5 another run holds the lock;
6 data-snapshots/ cannot be written (disk full, permissions).`;

/** Cleanups of the run under way, run by main() when the process is interrupted (SIGINT, SIGTERM). */
const onInterrupt = new Set<() => Promise<void>>();

function seconds(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) throw new CliError(`${name} must be a number of seconds (0 or more), not "${value}".`, { exitCode: 2 });
  return parsed;
}

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
      wait: { type: 'string' },
      'lock-timeout': { type: 'string' },
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
  const waitSeconds = seconds('--wait', values.wait, 0);
  const lockTimeoutSeconds = seconds('--lock-timeout (or CATALOG_LOCK_TIMEOUT)', values['lock-timeout'] ?? env.CATALOG_LOCK_TIMEOUT, DEFAULT_LOCK_TIMEOUT_SECONDS);
  const databaseUrl = env.DATABASE_URL || undefined;
  // A connection string that cannot be read stops the run before anything else (exit 2), and is never printed.
  if (databaseUrl) checkDatabaseUrl(databaseUrl);

  const { log } = effects;
  const files = await readAllMetadata(effects.root);
  const { approved: selected, skipped } = selectApproved(files, only);
  log.info(`Metadata: ${files.length} dataset(s); ${selected.length} approved to snapshot.`);
  for (const dataset of skipped) log.info(`  ${dataset.id}: ${dataset.status}, not read from the database.`);
  const { cleared, outcomes } = applyGate(selected, effects);
  if (cleared.length === 0) return finish(outcomes, effects);

  const hashing = cleared.filter(({ dataset }) => dataset.fields.some((f) => f.transform?.method === 'hash')).map(({ dataset }) => dataset.id);
  const key = pseudonymKey(env, { embedded: !databaseUrl, datasets: hashing });
  if (key && !env.CATALOG_PSEUDONYM_KEY) log.info('Pseudonyms use the public demo key: fine for the fictional demo data, never used with DATABASE_URL.');
  const pseudonymize = key ? pseudonymizer(key) : null;
  const approved = cleared;

  const lock = await acquireRunLock(snapshotsRoot(effects.root), { command: `npm run build:data${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`, waitSeconds, log });
  const interrupted = async () => {
    await clearStaging(effects.root);
    await lock.release();
  };
  onInterrupt.add(interrupted);
  try {
    await cleanLeftovers(snapshotsRoot(effects.root), log);
    outcomes.push(...(await snapshotAll(approved, { effects, pseudonymize, databaseUrl, scale, jobs, full: Boolean(values.full), lockTimeoutSeconds })));
  } finally {
    await clearStaging(effects.root);
    await lock.release();
    onInterrupt.delete(interrupted);
  }
  return finish(outcomes, effects);
}

interface SnapshotAllOptions {
  effects: Effects;
  pseudonymize: ReturnType<typeof pseudonymizer> | null;
  databaseUrl: string | undefined;
  scale: number;
  jobs: number;
  full: boolean;
  lockTimeoutSeconds: number;
}

/** Opens the database and the shared snapshot, and snapshots every cleared dataset over the worker connections. */
async function snapshotAll(approved: readonly MetadataFile[], options: SnapshotAllOptions): Promise<DatasetOutcome[]> {
  const { effects, pseudonymize, databaseUrl, scale, jobs, lockTimeoutSeconds } = options;
  const { log } = effects;
  const source = await openSource({ databaseUrl, scale, log, lockTimeoutSeconds });
  let step = 'reading the table statistics';
  try {
    // Read before the snapshot begins, so a stored fingerprint can only lag the data (fingerprint.ts).
    const fingerprints: FingerprintContext = {
      statistics: options.full ? new Map() : await readTableStatistics(source.client, approved.map((a) => a.dataset)),
      keyId: pseudonymize ? pseudonymize('civic-data-catalog fingerprint key id') : null,
      full: options.full,
    };
    step = 'opening the snapshot';
    const workers = await openSnapshotWorkers(source.client, Math.min(jobs, approved.length), source.connect, log);
    step = 'reading the datasets';
    // Set by the first lost connection: no dataset is started after it.
    let stopped: { dataset: string; message: string } | null = null;
    try {
      const parallel = workers.clients.length > 1 ? ` on ${workers.clients.length} connections sharing it` : '';
      log.info(`Snapshotting from ${source.label} in one read-only REPEATABLE READ snapshot${parallel}.`);
      return await runPool(
        workers.clients,
        approved,
        async (client, { dataset, file }, index, control) => {
          log.info(`[${index + 1}/${approved.length}] ${dataset.id} (${dataset.source.schema}.${dataset.source.table})`);
          const started = Date.now();
          try {
            await client.query('SAVEPOINT dataset');
            const outcome = await snapshotDataset(client, dataset, file, effects, pseudonymize, fingerprints);
            await client.query('RELEASE SAVEPOINT dataset');
            log.info(`  ${dataset.id} → ${outcome.status === 'new-version' ? `new version ${outcome.version}` : 'unchanged, no new version'}`);
            return outcome;
          } catch (error) {
            // A failure stops this dataset only (unless the database is gone); the others still get their snapshot.
            await removeDatasetStaging(snapshotsRoot(effects.root), dataset.id);
            // The COPY was ended before this (snapshot.ts), so the connection answers the rollback, or it is gone.
            let lost = false;
            if (isUsable(client)) {
              await client.query('ROLLBACK TO SAVEPOINT dataset').catch((rollbackError: unknown) => {
                lost = classifyDatabaseError(rollbackError) === 'connection-lost';
              });
            }
            const failure = await describeFailure(error, { dataset, file, root: effects.root, client: isUsable(client) && !lost ? client : null });
            if (lost) failure.kind = 'connection-lost';
            if (failure.kind === 'connection-lost') {
              stopped ??= { dataset: dataset.id, message: failure.message };
              control.stop();
            } else if (!isUsable(client)) {
              // Discarded (its COPY could not be stopped): this worker is done, the others go on.
              log.warn(`${dataset.id}: its database connection had to be closed; the other connections go on.`);
              control.retire();
            }
            log.warn(`${dataset.id} failed:\n${failure.message}`);
            return { id: dataset.id, status: 'failed', seconds: (Date.now() - started) / 1000, message: failure.message, failure: failure.kind } satisfies DatasetOutcome;
          }
        },
        ({ dataset }) => ({
          id: dataset.id,
          status: 'failed',
          seconds: 0,
          failure: 'not-read',
          message: stopped
            ? `not read: the run stopped when the database stopped answering while reading ${stopped.dataset}.`
            : 'not read: no database connection was left to read it (each was closed after a COPY that could not be stopped).',
        }),
      );
    } finally {
      await workers.finish();
    }
  } catch (error) {
    if (!isDatabaseError(error)) throw error;
    const lost = classifyDatabaseError(error) === 'connection-lost';
    throw new CliError(
      lost
        ? `The database stopped answering while ${step} (${databaseErrorCause(error)}). Check that the server is running and reachable, then rerun; the published versions are unchanged.`
        : `The database refused a query while ${step}: ${databaseErrorCause(error)}. The published versions are unchanged.`,
      { exitCode: EXIT_DATABASE, cause: error },
    );
  } finally {
    await source.close();
  }
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

function finish(outcomes: DatasetOutcome[], { log }: Effects): DatasetOutcome[] {
  if (outcomes.length === 0) return outcomes;
  log.info(formatSummary(outcomes));
  const failed = outcomes.filter((o) => o.status === 'failed');
  if (failed.length > 0) {
    const exitCode = exitCodeFor(failed.map((o) => o.failure ?? 'dataset'));
    const lost = failed.find((o) => o.failure === 'connection-lost');
    const headline = lost
      ? `The database stopped answering while reading ${lost.id}; the run stopped. `
      : exitCode === 6
        ? 'data-snapshots/ could not be written. '
        : '';
    throw new CliError(
      `${headline}${failed.length} dataset(s) were not published; their last good versions stay online:\n` + failed.map((o) => `- ${o.id}: ${o.message}`).join('\n'),
      { exitCode },
    );
  }
  return outcomes;
}

/** The command line: `npm run build:data` / `npm run snapshot` (started by index.ts). */
export async function main(): Promise<void> {
  // Interrupted (Ctrl-C, a CI job cancelled): this run's staging files and its lock go before it does.
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.once(signal, () => {
      process.stderr.write(`\n✖ Interrupted (${signal}): removing this run's unfinished files; the published versions are unchanged.\n`);
      void Promise.allSettled([...onInterrupt].map((cleanup) => cleanup())).then(() => process.exit(code));
    });
  }
  await runCommand(async () => {
    await buildData(process.argv.slice(2), { log: consoleLogger(), now: () => new Date(), root: process.cwd() });
  });
}
