import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REFRESH_CHECKS_FILE, refreshChecksSchema, type RefreshChecks } from '../schemas/refresh-checks.ts';
import { snapshotsRoot } from '../shared/snapshot-store.ts';

/**
 * When each dataset was last checked against its source, as build-data recorded it
 * (`data-snapshots/checks.json`, see src/schemas/refresh-checks.ts). A site built without a data
 * run (or a dataset never checked, such as a retired one) has no entry: pages then say nothing
 * about the last check rather than guess.
 */
let cached: RefreshChecks | undefined;

function load(): RefreshChecks {
  const file = path.join(snapshotsRoot(process.cwd()), REFRESH_CHECKS_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return {};
  }
  const parsed = refreshChecksSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${path.relative(process.cwd(), file)} is not a valid record of checks: run \`npm run build:data\` to rewrite it.`);
  return parsed.data;
}

/** The instant the dataset was last checked, or null when no check is recorded. */
export function lastChecked(id: string): string | null {
  cached ??= load();
  return cached[id]?.checkedAt ?? null;
}
