import { readdir, stat, statfs } from 'node:fs/promises';
import path from 'node:path';

/**
 * A full disk, said plainly: which file could not be written, how far the table got, how much
 * space the version needed (estimated from the share of rows written) and how much is free now.
 */

/** Write errors that mean "no room": the disk (ENOSPC) or the user's quota (EDQUOT) is full. */
export function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

/** Bytes in the files under `dir` (0 when it is gone). */
export async function directoryBytes(dir: string): Promise<number> {
  let total = 0;
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (entry.isFile())
      total += await stat(path.join(entry.parentPath, entry.name)).then(
        (s) => s.size,
        () => 0,
      );
  }
  return total;
}

/** Bytes free for this user on the filesystem holding `dir`, or null when it cannot be told. */
export async function freeBytes(dir: string): Promise<number | null> {
  try {
    const s = await statfs(dir);
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}

export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${bytes.toLocaleString('en')} bytes` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** What the snapshot knew when a write failed for lack of space; the run adds the rest and says it (diskFullMessage). */
export class DiskFullError extends Error {
  readonly facts: Pick<DiskFullFacts, 'file' | 'written' | 'rowsWritten' | 'rowsTotal'>;

  constructor(facts: DiskFullError['facts'], options: { cause: unknown }) {
    super(`no space left on the disk while writing ${facts.file ?? 'a snapshot file'}`, options);
    this.name = 'DiskFullError';
    this.facts = facts;
  }
}

export interface DiskFullFacts {
  /** The file that could not be written, if the error says. */
  file: string | null;
  /** The data-snapshots directory (the filesystem that is full). */
  snapshots: string;
  /** Bytes of the version's files written before the disk filled. */
  written: number;
  rowsWritten: number;
  rowsTotal: number;
  /** Bytes of the latest published version, a second estimate of what the new one needs. */
  previousBytes: number | null;
  free: number | null;
}

/** How much space the whole version needs: what was written, scaled by the rows still to come. */
export function neededBytes(facts: Pick<DiskFullFacts, 'written' | 'rowsWritten' | 'rowsTotal' | 'previousBytes'>): number {
  const scaled = facts.rowsWritten > 0 && facts.rowsTotal > facts.rowsWritten ? Math.ceil((facts.written * facts.rowsTotal) / facts.rowsWritten) : facts.written;
  return Math.max(scaled, facts.previousBytes ?? 0);
}

export function diskFullMessage(facts: DiskFullFacts): string {
  const where = facts.file ? `writing ${facts.file}` : `writing into ${facts.snapshots}`;
  const rows = `${facts.rowsWritten.toLocaleString('en')} of ${facts.rowsTotal.toLocaleString('en')} rows`;
  const needed = neededBytes(facts);
  const free = facts.free === null ? '' : ` (${formatBytes(facts.free)} free now, after its partial files were removed)`;
  return (
    `No space left on the disk holding ${facts.snapshots}: ${where} failed after ${rows} (${formatBytes(facts.written)} of files). ` +
    `This version needs about ${formatBytes(needed)}${free}. ` +
    'Free at least that much space, or move data-snapshots/ to a larger disk, and rerun; the published versions are unchanged.'
  );
}
