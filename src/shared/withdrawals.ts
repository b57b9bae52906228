import type { WithdrawnVersion } from '../schemas/withdrawal.ts';

/**
 * Withdrawal as a case of the one rule for what is online: a version listed in its dataset's
 * withdrawn.json is not served, whatever else is on disk (a manifest brought back by a history
 * restore, a stale copy). Pages, the file copy into dist/, every export and the pipeline's list of
 * published versions filter through this, so a withdrawn version's files cannot outlive its page.
 */
export function withoutWithdrawn<T extends { version: string }>(versions: readonly T[], withdrawn: readonly Pick<WithdrawnVersion, 'version'>[]): T[] {
  if (withdrawn.length === 0) return [...versions];
  const gone = new Set(withdrawn.map((w) => w.version));
  return versions.filter((v) => !gone.has(v.version));
}

/** The file that records a dataset's withdrawn versions, relative to the snapshots folder. */
export const withdrawalsFile = (datasetId: string): string => `${datasetId}/withdrawn.json`;
