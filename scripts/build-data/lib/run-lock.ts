import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CliError } from '../../../src/shared/cli-error.ts';
import type { Logger } from '../../lib/effects.ts';

/**
 * One run at a time per `data-snapshots/`: the lock file `data-snapshots/.lock` says who holds it
 * (process id, host, command, start time). It is created with its content in one step (written
 * aside, then hard-linked into place, which fails if the file exists), refreshed every 30 seconds
 * while the run lives, and removed when the run ends. A lock whose process is gone (same host, no
 * such pid) or that has not been refreshed for 10 minutes (any host) is stale: the next run says
 * so and takes it over. A second run waits up to `--wait` seconds, then stops with exit code 5.
 */

export const LOCK_FILE = '.lock';
/** Exit code of a run that found another run holding the lock. */
export const LOCKED_EXIT_CODE = 5;
const HEARTBEAT_MS = 30_000;
export const STALE_AFTER_MS = 10 * 60_000;
const POLL_MS = 500;

export interface LockHolder {
  pid: number;
  host: string;
  command: string;
  startedAt: string;
  /** Tells this holder's file from any other, even with the same pid. */
  token: string;
}

export interface RunLock {
  readonly holder: LockHolder;
  release(): Promise<void>;
}

export interface LockOptions {
  command: string;
  /** Seconds to wait for another run to finish before giving up (0: do not wait). */
  waitSeconds: number;
  log: Logger;
  now?: () => Date;
}

function processIsGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: it exists, as another user's process.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

async function readHolder(file: string): Promise<{ holder: LockHolder | null; refreshed: number } | null> {
  let text: string;
  let refreshed: number;
  try {
    [text, refreshed] = await Promise.all([readFile(file, 'utf8'), stat(file).then((s) => s.mtimeMs)]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const holder = JSON.parse(text) as LockHolder;
    return typeof holder.pid === 'number' && typeof holder.token === 'string' ? { holder, refreshed } : { holder: null, refreshed };
  } catch {
    return { holder: null, refreshed };
  }
}

/** Why a lock is stale, or null while its run may still be going. */
export function staleReason(holder: LockHolder | null, refreshed: number, now: number): string | null {
  if (!holder) return 'the lock file is unreadable';
  if (holder.host === hostname() && processIsGone(holder.pid)) return `process ${holder.pid} is no longer running`;
  if (now - refreshed > STALE_AFTER_MS) return `it was last refreshed ${Math.round((now - refreshed) / 60_000)} minutes ago`;
  return null;
}

export function describeHolder(holder: LockHolder | null): string {
  if (!holder) return 'an unknown run';
  return `\`${holder.command}\` (process ${holder.pid} on ${holder.host}, started ${holder.startedAt})`;
}

/**
 * Takes the lock of a data-snapshots directory, waiting for another run up to `waitSeconds`;
 * throws a CliError (exit 5) if it is still held then.
 */
export async function acquireRunLock(snapshots: string, options: LockOptions): Promise<RunLock> {
  const { log, waitSeconds } = options;
  const now = options.now ?? (() => new Date());
  const file = path.join(snapshots, LOCK_FILE);
  await mkdir(snapshots, { recursive: true }).catch((error: unknown) => {
    throw cannotWrite(snapshots, error);
  });
  const holder: LockHolder = { pid: process.pid, host: hostname(), command: options.command, startedAt: now().toISOString(), token: randomBytes(8).toString('hex') };
  const deadline = Date.now() + waitSeconds * 1000;
  let announced = false;
  for (;;) {
    if (await createLockFile(file, holder)) break;
    const current = await readHolder(file);
    if (!current) continue; // released meanwhile: try again at once
    const stale = staleReason(current.holder, current.refreshed, Date.now());
    if (stale) {
      log.warn(`Taking over the run lock ${file} from ${describeHolder(current.holder)}: ${stale}. Its leftovers are cleaned next.`);
      await removeStaleLock(file, current.holder);
      continue;
    }
    if (Date.now() >= deadline) {
      throw new CliError(
        `Another run is writing to ${snapshots}: ${describeHolder(current.holder)}. Only one run at a time may write there.\n` +
          `Wait for it to finish, or rerun with --wait <seconds> to wait for it. If that process is not running (a machine that crashed), ` +
          `delete ${file}; a lock not refreshed for ${STALE_AFTER_MS / 60_000} minutes is taken over automatically.`,
        { exitCode: LOCKED_EXIT_CODE },
      );
    }
    if (!announced) {
      log.info(`Waiting for ${describeHolder(current.holder)} to finish (up to ${waitSeconds} s)…`);
      announced = true;
    }
    await sleep(Math.min(POLL_MS, Math.max(0, deadline - Date.now())));
  }
  const heartbeat = setInterval(() => {
    const time = new Date();
    utimes(file, time, time).catch(() => {});
  }, HEARTBEAT_MS);
  heartbeat.unref();
  let released = false;
  return {
    holder,
    release: async () => {
      if (released) return;
      released = true;
      clearInterval(heartbeat);
      const current = await readHolder(file).catch(() => null);
      if (current?.holder?.token === holder.token) await unlink(file).catch(() => {});
    },
  };
}

/** Exit code when data-snapshots/ cannot be written (the lock is the first file a run writes). */
const CANNOT_WRITE_EXIT_CODE = 6;

function cannotWrite(target: string, error: unknown): CliError {
  const code = (error as NodeJS.ErrnoException).code ?? 'error';
  const why = code === 'ENOSPC' || code === 'EDQUOT' ? 'the disk is full' : 'check the permissions and the disk of data-snapshots/';
  return new CliError(`Cannot write the run lock ${target} (${code}): ${why}. Nothing was read or published.`, { exitCode: CANNOT_WRITE_EXIT_CODE, cause: error });
}

/** Creates the lock file with its whole content in one step; false if it exists. */
async function createLockFile(file: string, holder: LockHolder): Promise<boolean> {
  const aside = `${file}.${holder.token}.new`;
  try {
    await writeFile(aside, `${JSON.stringify(holder, null, 2)}\n`);
  } catch (error) {
    await unlink(aside).catch(() => {});
    throw cannotWrite(file, error);
  }
  try {
    await link(aside, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(aside).catch(() => {});
  }
}

/**
 * Removes a stale lock, and only that one: it is renamed aside first, and if what was renamed
 * turns out to be a fresh lock (another run took the stale one over in between), it is linked back.
 */
async function removeStaleLock(file: string, stale: LockHolder | null): Promise<void> {
  const aside = `${file}.stale-${randomBytes(4).toString('hex')}`;
  try {
    await rename(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = await readHolder(aside);
  if (moved?.holder && stale && moved.holder.token !== stale.token) await link(aside, file).catch(() => {});
  await unlink(aside).catch(() => {});
}
