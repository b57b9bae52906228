import type { PrivacyReport } from '../../src/schemas/manifest.ts';
import type { VersionChanges } from '../../src/schemas/version-changes.ts';
import { formatBytes } from '../../src/shared/format-bytes.ts';
import { siteConfig } from '../../src/site.config.ts';
import type { DatasetOutcome } from './snapshot-dataset.ts';

/** The end-of-run table: one line per dataset, then totals. */
export function formatSummary(outcomes: readonly DatasetOutcome[]): string {
  const lines = outcomes.map((o) => {
    const what = o.status === 'new-version' ? `new version ${o.version}` : o.status === 'unchanged' ? (o.fingerprintMatched ? 'unchanged (fingerprint)' : 'unchanged') : 'FAILED';
    const rows = o.rowCount === undefined ? '' : `${o.rowCount.toLocaleString('en')} rows, ${formatBytes(o.bytes ?? 0, siteConfig.language)}`;
    const rate = o.rowCount && o.seconds > 0 && !o.fingerprintMatched ? `, ${Math.round(o.rowCount / o.seconds).toLocaleString('en')} rows/s` : '';
    const changes = o.changes ? `; ${summariseChanges(o.changes)}` : '';
    return `  ${o.id.padEnd(28)} ${what.padEnd(24)} ${rows}${rate} (${o.seconds.toFixed(1)} s)${changes}`;
  });
  const count = (status: DatasetOutcome['status']) => outcomes.filter((o) => o.status === status).length;
  const rows = outcomes.reduce((sum, o) => sum + (o.fingerprintMatched ? 0 : (o.rowCount ?? 0)), 0);
  const privacy = outcomes.flatMap((o) => (o.privacy ? [`  ${o.id.padEnd(28)} ${describePrivacy(o.privacy)}`] : []));
  return [
    '',
    'Snapshot summary',
    ...lines,
    `  ${count('new-version')} new version(s), ${count('unchanged')} unchanged, ${count('failed')} failed; ${rows.toLocaleString('en')} rows read.`,
    ...(privacy.length > 0 ? ['', 'Privacy (what was withheld or changed)', ...privacy] : []),
  ].join('\n');
}

/** One line: columns withheld, transforms, filters, small cells and the scan, with counts. */
export function describePrivacy(p: PrivacyReport): string {
  const parts = [`${p.unpublishedColumns} column(s) withheld`];
  if (p.transforms.length > 0) parts.push(`${p.transforms.map((t) => `${t.field}: ${t.method}`).join(', ')}`);
  if (p.rowFilter) parts.push('row filter');
  if (p.smallCells) parts.push(`${p.smallCells.suppressedRows.toLocaleString('en')} row(s) in small cells (k=${p.smallCells.k}) suppressed`);
  const reviewed = p.scan.reviewed.reduce((sum, r) => sum + r.hits, 0);
  parts.push(`${p.scan.valuesScanned.toLocaleString('en')} values scanned${reviewed > 0 ? `, ${reviewed} reviewed hit(s)` : ', no hits'}`);
  return parts.join('; ');
}

/** One short line for the build log: "+12 −3 ~5 rows; 1 column added". */
export function summariseChanges(changes: VersionChanges): string {
  const { added, removed, retyped } = changes.columns;
  const rowPart =
    changes.rows.method === 'key'
      ? `+${changes.rows.added} −${changes.rows.removed} ~${changes.rows.changed} rows`
      : `${changes.rowsAfter - changes.rowsBefore >= 0 ? '+' : '−'}${Math.abs(changes.rowsAfter - changes.rowsBefore)} rows (count only)`;
  const columnPart = [added.length > 0 ? `${added.length} column(s) added` : '', removed.length > 0 ? `${removed.length} removed` : '', retyped.length > 0 ? `${retyped.length} retyped` : ''].filter(
    Boolean,
  );
  return [rowPart, ...columnPart].join('; ');
}
