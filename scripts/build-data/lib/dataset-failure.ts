import path from 'node:path';
import type { Dataset } from '../../../src/schemas/dataset.ts';
import { CliError } from '../../../src/shared/cli-error.ts';
import { listVersions, snapshotsRoot } from '../../../src/shared/snapshot-store.ts';
import { DatasetError } from '../errors.ts';
import type pg from 'pg';
import { classifyDatabaseError, describeDatabaseError, isDatabaseFailure, sqlState } from './database-errors.ts';
import { readColumns } from '../snapshot-dataset.ts';
import { publishedSelect } from './published-query.ts';
import { findNotUtf8Column, notUtf8Message } from './text-encoding.ts';
import { diskFullMessage, DiskFullError, freeBytes, isDiskFull } from './disk-space.ts';

/**
 * Why a dataset was not published, in words and as a kind that decides the run's exit code:
 *
 * | kind              | exit | the run                                                       |
 * |-------------------|------|---------------------------------------------------------------|
 * | `dataset`         | 4    | goes on (drift, personal data, small cells, a refused query)  |
 * | `lock-timeout`    | 4    | goes on (the table stayed locked by another session)          |
 * | `disk`            | 6    | goes on (a smaller dataset may still fit; each fails cleanly)  |
 * | `connection-lost` | 3    | stops: no dataset is started after it                          |
 * | `not-read`        | 3    | (a dataset never started because the run stopped)             |
 */
export type FailureKind = 'dataset' | 'lock-timeout' | 'disk' | 'connection-lost' | 'not-read';

export const EXIT_DATASETS_FAILED = 4;
export const EXIT_DATABASE = 3;
export const EXIT_DISK = 6;

export interface DatasetFailure {
  kind: FailureKind;
  message: string;
}

/** File-system errors an operator causes and fixes (permissions, a read-only or failing disk). */
const WRITE_ERRORS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  EIO: 'an input/output error of the disk',
};

export async function describeFailure(
  error: unknown,
  context: { dataset: Dataset; file: string; root: string; /** The dataset's connection, when it can still answer (to find a column that is not UTF-8). */ client?: pg.Client | null },
): Promise<DatasetFailure> {
  const { dataset, root } = context;
  const relation = `${dataset.source.schema}.${dataset.source.table}`;
  if (error instanceof DiskFullError || isDiskFull(error)) return { kind: 'disk', message: await diskFullFailure(error, context) };
  // A server error arrives wrapped in a DatasetError that describes it (snapshot-dataset.ts); its kind is the cause's.
  const database = error instanceof DatasetError && error.cause !== undefined ? error.cause : error;
  if (sqlState(database) === '22021' && context.client) {
    const column = await findNotUtf8Column(context.client, publishedSelect(dataset), dataset.fields).catch(() => null);
    if (column) return { kind: 'dataset', message: `${notUtf8Message(column, '')}\n  (${context.file})` };
  }
  const kind = isDatabaseFailure(database) ? classifyDatabaseError(database) : 'other';
  const failureKind = kind === 'connection-lost' ? 'connection-lost' : kind === 'lock-timeout' ? 'lock-timeout' : 'dataset';
  // Expected failures say where themselves.
  if (error instanceof DatasetError || error instanceof CliError) return { kind: failureKind, message: error.message };
  if (isDatabaseFailure(error)) {
    // Never with the server's own text, which can quote values (database-errors.ts).
    const message = describeDatabaseError(error, { dataset: dataset.id, file: context.file, source: relation, columns: readColumns(dataset) });
    return { kind: failureKind, message: kind === 'other' ? message : `${message}\n  (${context.file})` };
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code === 'string' && WRITE_ERRORS[code]) {
    const where = (error as NodeJS.ErrnoException).path;
    return {
      kind: 'disk',
      message: `Cannot write ${where ? path.relative(root, where) || where : 'data-snapshots/'}: ${WRITE_ERRORS[code]} (${code}). Check the permissions and the disk of data-snapshots/, then rerun; the published versions are unchanged.`,
    };
  }
  return { kind: 'dataset', message: `${(error as Error).message ?? String(error)}\n  (while reading ${relation} for ${context.file})` };
}

/** The full-disk message: which file, how far the table got, how much space the version needs and how much is free. */
async function diskFullFailure(error: unknown, context: { dataset: Dataset; file: string; root: string }): Promise<string> {
  const { dataset, root } = context;
  const snapshots = snapshotsRoot(root);
  const facts = error instanceof DiskFullError ? error.facts : { file: (error as NodeJS.ErrnoException).path ?? null, written: 0, rowsWritten: 0, rowsTotal: 0 };
  const latest = (await listVersions(root, dataset.id, { onProblem: () => {} }).catch(() => [])).at(-1);
  const message = diskFullMessage({
    ...facts,
    file: facts.file ? path.relative(root, facts.file) || facts.file : null,
    snapshots,
    previousBytes: latest ? latest.files.reduce((sum, f) => sum + f.bytes, 0) : null,
    free: await freeBytes(snapshots),
  });
  return `${message}\n  (dataset ${dataset.id}, ${context.file})`;
}

/** The run's exit code for these failures: a lost database first, then a disk problem, then any other. */
export function exitCodeFor(kinds: readonly FailureKind[]): number {
  if (kinds.includes('connection-lost') || kinds.includes('not-read')) return EXIT_DATABASE;
  if (kinds.includes('disk')) return EXIT_DISK;
  return EXIT_DATASETS_FAILED;
}
