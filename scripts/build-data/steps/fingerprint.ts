import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { Dataset } from '../../../src/schemas/dataset.ts';
import type { Manifest } from '../../../src/schemas/manifest.ts';
import { piiDetectorIds } from '../../../src/schemas/pii.ts';
import { downloadFormats, type DownloadFormat } from '../../../src/shared/download-formats.ts';
import { PII_DETECTORS_VERSION, piiScannerIdentity } from '../lib/pii-detectors.ts';
import { PREVIEW_ROWS, SAMPLE_ROWS } from './snapshot.ts';
import type { LiveColumn } from './check-schema.ts';

/**
 * The no-change shortcut: a fingerprint of the source table built from what PostgreSQL keeps
 * anyway, read in one catalog query for all tables, so a refresh where nothing changed skips the
 * COPY, the files and the profile. A wrong "unchanged" verdict would keep stale data online, so
 * the rule only ever says "unchanged" when it can, and falls back to the full snapshot otherwise:
 *
 * - Only a plain table ('r') without inheritance children or row-level security qualifies. Views,
 *   materialised views, partitioned and foreign tables read other relations or refresh in ways no
 *   counter shows, so they are always snapshotted in full.
 * - A dataset with a row filter always gets the full snapshot: the filter may read the clock or
 *   other tables.
 * - The table statistics must be collected (`track_counts` on) and exist for the table.
 * - The fingerprint covers the relation's file (`relfilenode`: TRUNCATE, VACUUM FULL, CLUSTER and
 *   rewriting ALTERs change it), its size, the cumulative insert/update/delete counters (every
 *   row change moves one of them; they never go down except when statistics are reset), the
 *   statistics reset time and the server start time (a crash discards the counters), the database
 *   and relation oids, the live column types, the published query and order, the pseudonym key's
 *   identity, the output version (`OUTPUT_VERSION`, derived from the format registry and the
 *   personal-data detectors) and the personal-data scanner's identity (`piiScannerIdentity`:
 *   detector version and ids, word lists, the detectors' source, countries, numbering plans), so a
 *   stronger scanner re-reads and re-scans every approved table on the next refresh, published
 *   versions included, without anyone remembering to bump a constant.
 * - The counters are read before the snapshot transaction starts, so the stored fingerprint can
 *   only lag the published data (an extra full snapshot later), never lead it.
 *
 * Known bound: PostgreSQL flushes a backend's counters at most once a second and, under lock
 * contention, up to a minute late, so a write committed in the last minute before a refresh may be
 * seen only by the next refresh. `npm run build:data -- --full` ignores fingerprints.
 */

export const FINGERPRINT_RULE = 'table-statistics/1';

/**
 * What the pipeline writes and checks for the same rows, derived so nobody has to remember to bump
 * it: every registered download format with its encoding version and row limit
 * (src/shared/download-formats.ts), the sample and preview sizes, and the personal-data detectors
 * with their version (lib/pii-detectors.ts). A new format, a changed encoding or stronger detectors
 * change it, so the next refresh snapshots and scans again instead of trusting a fingerprint taken
 * with the old code. The row order is in the published query, which the fingerprint covers too.
 */
export function outputVersion(
  formats: readonly Pick<DownloadFormat, 'id' | 'encoding' | 'rowLimit'>[] = downloadFormats,
  detectors: { version: string; ids: readonly string[] } = { version: PII_DETECTORS_VERSION, ids: piiDetectorIds },
): string {
  return JSON.stringify({
    formats: formats.map((f) => [f.id, f.encoding, f.rowLimit]),
    sample: [SAMPLE_ROWS, PREVIEW_ROWS],
    detectors: [detectors.version, ...detectors.ids],
  });
}

const OUTPUT_VERSION = outputVersion();

// Computed once per process: it reads the word lists.
const SCANNER = piiScannerIdentity();

/** What the server says about one source relation, read before the snapshot. */
export type TableStatistics = { provable: true; facts: Record<string, string> } | { provable: false; reason: string };

function relationKey(schema: string, table: string): string {
  return `${schema}.${table}`;
}

/** Reads the statistics of every source relation in one query; call it before the snapshot begins. */
export async function readTableStatistics(client: pg.Client, datasets: readonly Dataset[]): Promise<Map<string, TableStatistics>> {
  const result = new Map<string, TableStatistics>();
  if (datasets.length === 0) return result;
  const schemas = datasets.map((d) => d.source.schema);
  const tables = datasets.map((d) => d.source.table);
  const { rows } = await client.query<Record<string, string | boolean | null>>(
    `SELECT wanted.schema, wanted.table, c.oid::text AS relid, c.relkind::text AS relkind, c.relhassubclass, c.relrowsecurity,
            c.relfilenode::text AS relfilenode,
            -- pg_relation_size waits for a lock another session holds (or waits for) in ACCESS EXCLUSIVE
            -- mode; that table is left without a fingerprint here and fails alone on its lock timeout.
            CASE WHEN EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'relation' AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND l.relation = c.oid AND l.mode = 'AccessExclusiveLock' AND l.pid <> pg_backend_pid())
                 THEN NULL ELSE pg_relation_size(c.oid)::text END AS size,
            s.n_tup_ins::text AS ins, s.n_tup_upd::text AS upd, s.n_tup_del::text AS del,
            current_setting('track_counts') AS track_counts,
            (SELECT oid::text FROM pg_database WHERE datname = current_database()) AS dboid,
            (SELECT stats_reset::text FROM pg_stat_database WHERE datname = current_database()) AS stats_reset,
            pg_postmaster_start_time()::text AS started
       FROM unnest($1::text[], $2::text[]) AS wanted(schema, "table")
       LEFT JOIN pg_namespace n ON n.nspname = wanted.schema
       LEFT JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = wanted.table
       LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid`,
    [schemas, tables],
  );
  for (const row of rows) result.set(relationKey(String(row.schema), String(row.table)), verdict(row));
  return result;
}

function verdict(row: Record<string, string | boolean | null>): TableStatistics {
  if (row.relid === null) return { provable: false, reason: 'the relation was not found' };
  if (row.relkind !== 'r') return { provable: false, reason: `relation kind '${row.relkind}' (only plain tables can be fingerprinted)` };
  if (row.relhassubclass) return { provable: false, reason: 'the table has inheritance children' };
  if (row.relrowsecurity) return { provable: false, reason: 'the table has row-level security' };
  if (row.track_counts !== 'on') return { provable: false, reason: 'track_counts is off, so the server keeps no change counters' };
  if (row.ins === null || row.upd === null || row.del === null) return { provable: false, reason: 'the server has no statistics for the table yet' };
  if (row.size === null) return { provable: false, reason: 'another session holds or waits for an exclusive lock on the table' };
  const facts: Record<string, string> = {};
  for (const key of ['dboid', 'relid', 'relfilenode', 'size', 'ins', 'upd', 'del', 'stats_reset', 'started'] as const) facts[key] = String(row[key] ?? '');
  return { provable: true, facts };
}

/** The dataset's fingerprint, or why it has none (then the full snapshot runs). */
export function datasetFingerprint(options: {
  dataset: Dataset;
  statistics: TableStatistics | undefined;
  live: readonly LiveColumn[];
  query: string;
  /** Identifies the pseudonym key without revealing it (a pseudonym of a fixed text), or null. */
  keyId: string | null;
  /** What the pipeline writes for the same rows; the derived `outputVersion()` unless a test says otherwise. */
  output?: string;
  /** The personal-data scanner's identity; this process's own unless a test gives another. */
  scanner?: string;
}): { value: string } | { value: null; reason: string } {
  const { dataset, statistics, live, query, keyId, output = OUTPUT_VERSION, scanner = SCANNER } = options;
  if (!statistics) return { value: null, reason: 'no statistics were read for the table' };
  if (!statistics.provable) return { value: null, reason: statistics.reason };
  if (dataset.privacy.rowFilter) return { value: null, reason: 'a row filter may depend on the time or on other tables' };
  const value = createHash('sha256')
    // The whole metadata, not only the columns: revoking a scanReviewed or changing a transform must
    // re-run the snapshot (and its scan), even when the table itself did not change.
    .update(JSON.stringify([FINGERPRINT_RULE, output, scanner, statistics.facts, live.map((c) => [c.name, c.type]), dataset, query, keyId]))
    .digest('hex');
  return { value };
}

/** True only when the latest version was taken with this exact fingerprint under this rule. */
export function unchangedSince(latest: Manifest | null, fingerprint: string | null): boolean {
  return Boolean(latest && fingerprint && latest.fingerprint?.rule === FINGERPRINT_RULE && latest.fingerprint.value === fingerprint);
}
