import { createReadStream } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse';
import type { Dataset } from '../../../src/schemas/dataset.ts';
import type { Field } from '../../../src/schemas/field.ts';
import type { Manifest } from '../../../src/schemas/manifest.ts';
import { piiDetectorLabels, type PiiDetectorId } from '../../../src/schemas/pii.ts';
import { PiiScanner, type ScanFinding } from '../lib/pii-scan.ts';
import { snapshotsRoot } from '../../../src/shared/snapshot-store.ts';

/**
 * When the scan stops a dataset, the versions already published may hold the same personal data
 * (a stronger scanner finds what the old one missed, or a maintainer approved a column that held it
 * all along). This reads each published version's `data.csv` again with today's detectors, column
 * by column as they were published, so the message can say which version to withdraw. It runs only
 * after a hit, so a normal refresh never reads old files.
 */

export interface PublishedFinding {
  version: string;
  field: string;
  detector: PiiDetectorId;
  hits: number;
}

/** The published columns of a version as fields to scan: text, not pseudonymised, and not reviewed in today's metadata. */
function scannedFields(manifest: Manifest, dataset: Dataset): Field[] {
  const hashed = new Set(manifest.privacy?.transforms.filter((t) => t.method === 'hash').map((t) => t.field) ?? []);
  return manifest.columns.map((column) => {
    const current = dataset.fields.find((f) => f.name === column.name);
    return {
      name: column.name,
      title: column.name,
      description: 'A published column of an earlier version.',
      type: column.type,
      ...(hashed.has(column.name) ? { transform: { method: 'hash' as const, reason: 'pseudonymised when published' } } : {}),
      ...(current?.scanReviewed ? { scanReviewed: current.scanReviewed } : {}),
    };
  });
}

async function scanVersion(root: string, manifest: Manifest, dataset: Dataset): Promise<ScanFinding[]> {
  const scanner = new PiiScanner(scannedFields(manifest, dataset));
  const file = path.join(snapshotsRoot(root), manifest.dataset, manifest.version, 'data.csv');
  // An unquoted empty cell is NULL, as the CSV writer writes it; the header row is skipped.
  const rows = createReadStream(file).pipe(parse({ cast: (value, context) => (value === '' && !context.quoting ? null : value), from_line: 2 }));
  for await (const row of rows as AsyncIterable<(string | null)[]>) scanner.scan(row);
  return scanner.findings().filter((f) => !f.reviewed);
}

/** Every published version's unreviewed hits, oldest version first; versions whose CSV is not on this machine are skipped. */
export async function rescanPublished(root: string, dataset: Dataset, versions: readonly Manifest[]): Promise<{ findings: PublishedFinding[]; unread: string[] }> {
  const findings: PublishedFinding[] = [];
  const unread: string[] = [];
  for (const manifest of versions) {
    try {
      for (const f of await scanVersion(root, manifest, dataset)) findings.push({ version: manifest.version, field: f.field, detector: f.detector, hits: f.hits });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      unread.push(manifest.version);
    }
  }
  return { findings, unread };
}

/** What to tell the maintainer about published versions that hold what the scan just found. */
export function publishedFindingsMessage(datasetId: string, result: { findings: readonly PublishedFinding[]; unread: readonly string[] }): string {
  if (result.findings.length === 0 && result.unread.length === 0) return 'No published version of this dataset holds such values.';
  const lines: string[] = [];
  if (result.findings.length > 0) {
    lines.push('Already published versions hold personal data too (re-scanned with the current detectors):');
    for (const f of result.findings) lines.push(`  version ${f.version}, column "${f.field}": ${f.hits} value${f.hits === 1 ? '' : 's'} (detector ${f.detector}, ${piiDetectorLabels[f.detector]})`);
    const versions = [...new Set(result.findings.map((f) => f.version))];
    lines.push('Withdraw each of them (its files leave the site and the kept history; its page stays as a notice):');
    for (const version of versions) lines.push(`  npm run catalog:withdraw -- ${datasetId} ${version} --reason "…"`);
  }
  if (result.unread.length > 0) lines.push(`Not re-scanned (data.csv not on this machine; run npm run history:restore first): ${result.unread.join(', ')}.`);
  return lines.join('\n');
}
