import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { REFRESH_CHECKS_FILE, refreshChecksSchema, type RefreshChecks } from '../../../src/schemas/refresh-checks.ts';
import type { DatasetOutcome } from '../snapshot-dataset.ts';
import { isMissing, snapshotsRoot } from '../../../src/shared/snapshot-store.ts';
import { replaceFileAtomically } from '../lib/staging.ts';

/**
 * Records when each dataset was last checked against its source (see src/schemas/refresh-checks.ts):
 * the datasets this run read or proved unchanged get `now`; failed ones, and those the run did not
 * touch, keep their previous entry, so a failure never makes old data look freshly checked.
 */
export async function recordChecks(root: string, outcomes: readonly DatasetOutcome[], now: Date): Promise<RefreshChecks> {
  const file = path.join(snapshotsRoot(root), REFRESH_CHECKS_FILE);
  const previous = await readChecks(file);
  const checked = outcomes.filter((o) => o.status !== 'failed').map((o) => o.id);
  if (checked.length === 0) return previous;
  const next: RefreshChecks = { ...previous };
  for (const id of checked) next[id] = { checkedAt: now.toISOString() };
  const sorted = Object.fromEntries(Object.entries(next).sort(([a], [b]) => a.localeCompare(b)));
  // Replaced in one step from this run's staging (the run holds the lock on data-snapshots/).
  await replaceFileAtomically(snapshotsRoot(root), file, JSON.stringify(sorted, null, 2) + '\n');
  return sorted;
}

async function readChecks(file: string): Promise<RefreshChecks> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (isMissing(error)) return {};
    throw error;
  }
  // A damaged record is replaced, not trusted: it only says when data was looked at.
  try {
    const parsed = refreshChecksSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}
