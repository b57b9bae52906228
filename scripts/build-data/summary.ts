import { formatBytes } from '../../src/lib/format.ts';
import type { DatasetOutcome } from './snapshot-dataset.ts';

/** The end-of-run table: one line per dataset, then totals. */
export function formatSummary(outcomes: readonly DatasetOutcome[]): string {
  const lines = outcomes.map((o) => {
    const what = o.status === 'new-version' ? `new version ${o.version}` : o.status === 'unchanged' ? 'unchanged' : 'FAILED';
    const rows = o.rowCount === undefined ? '' : `${o.rowCount.toLocaleString('en')} rows, ${formatBytes(o.bytes ?? 0)}`;
    const rate = o.rowCount && o.seconds > 0 ? `, ${Math.round(o.rowCount / o.seconds).toLocaleString('en')} rows/s` : '';
    return `  ${o.id.padEnd(28)} ${what.padEnd(24)} ${rows}${rate} (${o.seconds.toFixed(1)} s)`;
  });
  const count = (status: DatasetOutcome['status']) => outcomes.filter((o) => o.status === status).length;
  const rows = outcomes.reduce((sum, o) => sum + (o.rowCount ?? 0), 0);
  return [
    '',
    'Snapshot summary',
    ...lines,
    `  ${count('new-version')} new version(s), ${count('unchanged')} unchanged, ${count('failed')} failed; ${rows.toLocaleString('en')} rows read.`,
  ].join('\n');
}
