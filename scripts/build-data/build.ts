import { availableParallelism } from 'node:os';
import type pg from 'pg';
import { datasetBlockers, type Dataset } from '../../src/schemas/dataset.ts';
import { CliError } from '../../src/shared/cli-error.ts';
import { parseCommandLine } from '../lib/command-line.ts';
import { runCommand } from '../lib/run-command.ts';
import { metadataFailure, readAllMetadata, type MetadataFile } from '../../src/shared/metadata.ts';
import { metadataFilesPiiProblems } from '../lib/metadata-pii.ts';
import { consoleLogger, type Effects, type Logger } from '../lib/effects.ts';
import { DatasetError } from './errors.ts';
import { readLiveColumns } from './steps/check-schema.ts';
import { checkSource, sourceRefusal } from './steps/check-source.ts';
import { parseNeverRead, type NeverReadPattern } from '../lib/never-read.ts';
import { checkDatabaseUrl } from '../lib/database-url.ts';
import { snapshotsRoot } from '../../src/shared/snapshot-store.ts';
import { DEFAULT_LOCK_TIMEOUT_SECONDS, openSource, type Source } from './steps/connect.ts';
import { clearStaging } from './steps/publish-version.ts';
import { recordChecks } from './steps/record-checks.ts';
import { pseudonymizer, pseudonymKey, type Pseudonymizer } from './lib/pseudonymize.ts';
import { isUsable } from './lib/copy-cancel.ts';
import { classifyDatabaseError, databaseErrorCause, isDatabaseFailure } from './lib/database-errors.ts';
import { describeFailure, EXIT_DATABASE, EXIT_DISK, exitCodeFor } from './lib/dataset-failure.ts';
import { cleanLeftovers } from './lib/leftovers.ts';
import { acquireRunLock } from './lib/run-lock.ts';
import { removeDatasetStaging } from './lib/staging.ts';
import { readTableStatistics } from './steps/fingerprint.ts';
import { openSnapshotWorkers, runPool } from './pool.ts';
import { snapshotDataset, type DatasetOutcome, type FingerprintContext } from './snapshot-dataset.ts';
import { formatSummary } from './summary.ts';
import { maxSpreadsheetRowLimit } from './steps/snapshot.ts';
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

export function selectApproved(files: readonly MetadataFile[], only: readonly string[]): { approved: MetadataFile[]; skipped: Dataset[] } {
  const unknown = only.filter((id) => !files.some((f) => f.dataset.id === id));
  if (unknown.length > 0) throw new CliError(`--only names unknown dataset(s): ${unknown.join(', ')}. Use ids from src/content/datasets/.`, { exitCode: 2 });
  const wanted = files.filter((f) => only.length === 0 || only.includes(f.dataset.id));
  return {
    approved: wanted.filter((f) => f.dataset.status === 'approved'),
    skipped: wanted.filter((f) => f.dataset.status !== 'approved').map((f) => f.dataset),
  };
}

/** The command line's options, checked. */
interface BuildOptions {
  only: string[];
  scale: number;
  jobs: number;
  full: boolean;
  /** Seconds to wait for another run holding the lock (`--wait`). */
  waitSeconds: number;
  /** Seconds a statement waits for a table lock (`--lock-timeout`, CATALOG_LOCK_TIMEOUT). */
  lockTimeoutSeconds: number;
}

export async function buildData(argv: string[], effects: Effects, env: NodeJS.ProcessEnv = process.env): Promise<DatasetOutcome[]> {
  const options = parseOptions(argv, env);
  if (!options) {
    console.log(usage);
    return [];
  }
  checkRowLimit();
  const neverRead = parseNeverRead(siteConfig.privacy.neverRead);
  const databaseUrl = env.DATABASE_URL || undefined;
  // A connection string that cannot be read stops the run before anything else (exit 2), and is never printed.
  if (databaseUrl) checkDatabaseUrl(databaseUrl);
  const { cleared, outcomes } = await selectDatasets(options.only, effects);
  if (cleared.length === 0) return finish(outcomes, effects);
  const pseudonymize = preparePseudonyms(env, cleared, !databaseUrl, effects);
  await underRunLock(argv, options, effects, async () => {
    const source = await openSource({ databaseUrl, scale: options.scale, log: effects.log, lockTimeoutSeconds: options.lockTimeoutSeconds });
    try {
      outcomes.push(...(await snapshotAll(source, cleared, options, effects, pseudonymize, neverRead)));
    } finally {
      await source.close();
    }
    await recordCheckTimes(outcomes, effects);
  });
  return finish(outcomes, effects);
}

/**
 * Runs `work` holding the lock on data-snapshots/ (lib/run-lock.ts): one run at a time. The
 * leftovers of killed runs are cleaned first (lib/leftovers.ts); this run's staging goes at the end,
 * and when the process is interrupted.
 */
async function underRunLock(argv: readonly string[], options: BuildOptions, effects: Effects, work: () => Promise<void>): Promise<void> {
  const snapshots = snapshotsRoot(effects.root);
  const command = `npm run build:data${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`;
  const lock = await acquireRunLock(snapshots, { command, waitSeconds: options.waitSeconds, log: effects.log });
  const release = async () => {
    await clearStaging(effects.root);
    await lock.release();
  };
  onInterrupt.add(release);
  try {
    await cleanLeftovers(snapshots, effects.log);
    await work();
  } finally {
    await release();
    onInterrupt.delete(release);
  }
}

function seconds(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) throw new CliError(`${name} must be a number of seconds (0 or more), not "${value}".`, { exitCode: 2 });
  return parsed;
}

/** The options, or null for `--help`; a bad value is a CliError (exit 2). */
function parseOptions(argv: string[], env: NodeJS.ProcessEnv): BuildOptions | null {
  const { values } = parseCommandLine(
    {
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
    },
    usage,
  );
  if (values.help) return null;
  const scale = values.scale === undefined ? 1 : Number(values.scale);
  if (!Number.isFinite(scale) || scale <= 0) throw new CliError(`--scale must be a positive number, not "${values.scale}".`, { exitCode: 2 });
  const jobs = values.jobs === undefined ? Math.min(availableParallelism(), 4) : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new CliError(`--jobs must be a whole number of 1 or more, not "${values.jobs}".`, { exitCode: 2 });
  const only = values.only
    ? values.only
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
  const waitSeconds = seconds('--wait', values.wait, 0);
  const lockTimeoutSeconds = seconds('--lock-timeout (or CATALOG_LOCK_TIMEOUT)', values['lock-timeout'] ?? env.CATALOG_LOCK_TIMEOUT, DEFAULT_LOCK_TIMEOUT_SECONDS);
  return { only, scale, jobs, full: Boolean(values.full), waitSeconds, lockTimeoutSeconds };
}

/** The spreadsheet row limit must be one every row-limited format can hold. */
function checkRowLimit(): void {
  const limit = siteConfig.downloads.spreadsheetRowLimit;
  const most = maxSpreadsheetRowLimit();
  if (!Number.isInteger(limit) || limit < 0 || limit > most.rows) {
    throw new CliError(
      `The spreadsheet row limit (downloads.spreadsheetRowLimit in src/site.config.ts, or CATALOG_SPREADSHEET_ROW_LIMIT) must be a whole number from 0 to ${most.rows.toLocaleString('en')}, the most rows ${most.format} holds under its header; it is "${limit}".`,
      { exitCode: 2 },
    );
  }
}

/** Reads the metadata and keeps the approved datasets the approval gate clears; the refused ones are failed outcomes. */
async function selectDatasets(only: readonly string[], effects: Effects): Promise<{ cleared: MetadataFile[]; outcomes: DatasetOutcome[] }> {
  const { log } = effects;
  const files = await readAllMetadata(effects.root);
  // Metadata is published as it is written: the personal-data detectors read it like data.
  const personal = metadataFilesPiiProblems(files);
  if (personal.length > 0) throw metadataFailure(personal);
  const { approved, skipped } = selectApproved(files, only);
  log.info(`Metadata: ${files.length} dataset(s); ${approved.length} approved to snapshot.`);
  for (const dataset of skipped) log.info(`  ${dataset.id}: ${dataset.status}, not read from the database.`);
  return applyGate(approved, effects);
}

/** The keyed pseudonym for hashed columns, or null when no dataset hashes one (a missing key is a CliError). */
function preparePseudonyms(env: NodeJS.ProcessEnv, cleared: readonly MetadataFile[], embedded: boolean, { log }: Effects): Pseudonymizer | null {
  const hashing = cleared.filter(({ dataset }) => dataset.fields.some((f) => f.transform?.method === 'hash')).map(({ dataset }) => dataset.id);
  const key = pseudonymKey(env, { embedded, datasets: hashing });
  if (key && !env.CATALOG_PSEUDONYM_KEY) log.info('Pseudonyms use the public demo key: fine for the fictional demo data, never used with DATABASE_URL.');
  return key ? pseudonymizer(key) : null;
}

/**
 * Snapshots every cleared dataset, `--jobs` at a time, each connection reading the one exported
 * snapshot. A lost connection stops the run: no dataset is started after it (exit 3). A database
 * error outside any dataset (the statistics, the snapshot's start) is exit 3 as well.
 */
async function snapshotAll(
  source: Source,
  approved: readonly MetadataFile[],
  options: BuildOptions,
  effects: Effects,
  pseudonymize: Pseudonymizer | null,
  neverRead: readonly NeverReadPattern[],
): Promise<DatasetOutcome[]> {
  const { log } = effects;
  let step = 'reading the table statistics';
  try {
    // Read before the snapshot begins, so a stored fingerprint can only lag the data (fingerprint.ts).
    const fingerprints: FingerprintContext = {
      statistics: options.full
        ? new Map()
        : await readTableStatistics(
            source.client,
            approved.map((a) => a.dataset),
          ),
      keyId: pseudonymize ? pseudonymize('civic-data-catalog fingerprint key id') : null,
      full: options.full,
    };
    step = 'opening the snapshot';
    const workers = await openSnapshotWorkers(source.client, Math.min(options.jobs, approved.length), source.connect, log);
    step = 'reading the datasets';
    // Set by the first lost connection: no dataset is started after it.
    let stopped: string | null = null;
    try {
      const parallel = workers.clients.length > 1 ? ` on ${workers.clients.length} connections sharing it` : '';
      log.info(`Snapshotting from ${source.label} in one read-only REPEATABLE READ snapshot${parallel}.`);
      return await runPool(
        workers.clients,
        approved,
        async (client, entry, index, control) => {
          log.info(`[${index + 1}/${approved.length}] ${entry.dataset.id} (${entry.dataset.source.schema}.${entry.dataset.source.table})`);
          const outcome = await snapshotOne(client, entry, effects, pseudonymize, fingerprints, neverRead);
          if (outcome.failure === 'connection-lost') {
            stopped ??= entry.dataset.id;
            control.stop();
          } else if (!isUsable(client)) {
            // Discarded (its COPY could not be stopped): this worker is done, the others go on.
            log.warn(`${entry.dataset.id}: its database connection had to be closed; the other connections go on.`);
            control.retire();
          }
          return outcome;
        },
        ({ dataset }) => ({
          id: dataset.id,
          status: 'failed',
          seconds: 0,
          failure: 'not-read',
          message: stopped
            ? `not read: the run stopped when the database stopped answering while reading ${stopped}.`
            : 'not read: no database connection was left to read it (each was closed after a COPY that could not be stopped).',
        }),
      );
    } finally {
      await workers.finish();
    }
  } catch (error) {
    if (!isDatabaseFailure(error)) throw error;
    const lost = classifyDatabaseError(error) === 'connection-lost';
    throw new CliError(
      lost
        ? `The database stopped answering while ${step} (${databaseErrorCause(error)}). Check that the server is running and reachable, then rerun; the published versions are unchanged.`
        : `The database refused a query while ${step}: ${databaseErrorCause(error)}. The published versions are unchanged.`,
      { exitCode: EXIT_DATABASE, cause: error },
    );
  }
}

/**
 * One dataset inside a savepoint: a failure stops this dataset only (its COPY was ended by the
 * snapshot, its staging is removed, its savepoint rolled back, and it is reported as failed with a
 * kind that decides the exit code); the others still get their snapshot and its last version stays online.
 */
async function snapshotOne(
  client: pg.Client,
  entry: MetadataFile,
  effects: Effects,
  pseudonymize: Pseudonymizer | null,
  fingerprints: FingerprintContext,
  neverRead: readonly NeverReadPattern[],
): Promise<DatasetOutcome> {
  const { dataset, file } = entry;
  const { log } = effects;
  const started = Date.now();
  try {
    await client.query('SAVEPOINT dataset');
    // Before any row is read: what the source reads, against source.reads and the never-read list.
    await checkWhatIsRead(client, entry, neverRead, log);
    const outcome = await snapshotDataset(client, dataset, file, effects, pseudonymize, fingerprints);
    await client.query('RELEASE SAVEPOINT dataset');
    log.info(`  ${dataset.id} → ${outcome.status === 'new-version' ? `new version ${outcome.version}` : 'unchanged, no new version'}`);
    return outcome;
  } catch (error) {
    await removeDatasetStaging(snapshotsRoot(effects.root), dataset.id);
    let lost = false;
    if (isUsable(client)) {
      await client.query('ROLLBACK TO SAVEPOINT dataset').catch((rollbackError: unknown) => {
        lost = classifyDatabaseError(rollbackError) === 'connection-lost';
      });
    }
    const failure = await describeFailure(error, { dataset, file, root: effects.root, client: isUsable(client) && !lost ? client : null });
    if (lost) failure.kind = 'connection-lost';
    log.warn(`${dataset.id} failed:\n${failure.message}`);
    return { id: dataset.id, status: 'failed', seconds: (Date.now() - started) / 1000, message: failure.message, failure: failure.kind };
  }
}

/** Refuses a dataset (DatasetError) whose source reads anything its metadata or the never-read list does not allow. */
async function checkWhatIsRead(client: pg.Client, { dataset, file, lineOf }: MetadataFile, neverRead: readonly NeverReadPattern[], log: Logger): Promise<void> {
  const live = await readLiveColumns(client, dataset.source.schema, dataset.source.table);
  if (!live) return; // The drift check says the source is missing, with what to do.
  const checked = await checkSource(
    client,
    dataset,
    live.map((c) => c.name),
    neverRead,
  );
  if (!checked) return;
  for (const note of checked.notes) log.info(`  ${dataset.id}: ${note}.`);
  if (checked.problems.length > 0) throw new DatasetError(dataset.id, sourceRefusal(file, lineOf, checked.problems));
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
    const message =
      `${entry.file} is approved but not cleared for publication, so it was not read, and the site serves none of its versions until it is cleared:\n` + blockers.map((b) => `  - ${b}`).join('\n');
    log.warn(`${entry.dataset.id} refused:\n${message}`);
    outcomes.push({ id: entry.dataset.id, status: 'failed', seconds: 0, message });
  }
  return { cleared, outcomes };
}

/**
 * Records when each dataset was checked (steps/record-checks.ts), under the run lock. The record
 * only says when data was looked at: a disk that cannot take it is said, and the run's own result
 * (its versions, its exit code) stands.
 */
async function recordCheckTimes(outcomes: readonly DatasetOutcome[], { log, root, now }: Effects): Promise<void> {
  try {
    await recordChecks(root, outcomes, now());
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) throw error;
    log.warn(`Could not record when the datasets were checked in data-snapshots/checks.json (${code}); the pages keep the previous check times. Free space or fix the permissions of data-snapshots/.`);
  }
}

function finish(outcomes: DatasetOutcome[], { log }: Effects): DatasetOutcome[] {
  if (outcomes.length === 0) return outcomes;
  log.info(formatSummary(outcomes));
  const failed = outcomes.filter((o) => o.status === 'failed');
  if (failed.length > 0) {
    const exitCode = exitCodeFor(failed.map((o) => o.failure ?? 'dataset'));
    const lost = failed.find((o) => o.failure === 'connection-lost');
    const headline = lost ? `The database stopped answering while reading ${lost.id}; the run stopped. ` : exitCode === EXIT_DISK ? 'data-snapshots/ could not be written. ' : '';
    throw new CliError(`${headline}${failed.length} dataset(s) were not published; their last good versions stay online:\n` + failed.map((o) => `- ${o.id}: ${o.message}`).join('\n'), { exitCode });
  }
  return outcomes;
}

/** The command line: `npm run build:data` / `npm run snapshot` (started by index.ts). */
export async function main(): Promise<void> {
  // Interrupted (Ctrl-C, a CI job cancelled): this run's staging files and its lock go before it does.
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      process.stderr.write(`\n✖ Interrupted (${signal}): removing this run's unfinished files; the published versions are unchanged.\n`);
      void Promise.allSettled([...onInterrupt].map((cleanup) => cleanup())).then(() => process.exit(code));
    });
  }
  await runCommand(async () => {
    await buildData(process.argv.slice(2), { log: consoleLogger(), now: () => new Date(), root: process.cwd() });
  });
}
