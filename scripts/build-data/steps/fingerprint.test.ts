import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../../src/schemas/dataset.ts';
import type { Manifest } from '../../../src/schemas/manifest.ts';
import { downloadFormats } from '../../../src/shared/download-formats.ts';
import { piiDetectorIds } from '../../../src/schemas/pii.ts';
import { PII_DETECTORS_VERSION, piiScannerIdentity } from '../lib/pii-detectors.ts';
import { datasetFingerprint, FINGERPRINT_RULE, outputVersion, unchangedSince, type TableStatistics } from './fingerprint.ts';

const facts = { dboid: '1', relid: '2', relfilenode: '3', size: '8192', ins: '10', upd: '0', del: '0', stats_reset: '', started: '2026-11-25 00:00:00+00' };
const table: TableStatistics = { provable: true, facts };
const live = [{ name: 'id', type: 'int4' }];
const dataset = { id: 'items', fields: [{ name: 'id', type: 'integer' }], privacy: {} } as unknown as Dataset;
const fingerprintOf = (over: Partial<Parameters<typeof datasetFingerprint>[0]> = {}) =>
  datasetFingerprint({ dataset, statistics: table, live, query: 'SELECT id FROM items ORDER BY id', keyId: null, ...over }).value;
const latestWith = (value: string | null, rule = FINGERPRINT_RULE) => ({ fingerprint: value ? { rule, value } : undefined }) as unknown as Manifest;

describe('the no-change fingerprint rule', () => {
  it('is stable for the same statistics, query, columns and key', () => {
    expect(fingerprintOf()).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprintOf()).toBe(fingerprintOf());
  });

  it('changes when any counter, the relation file, the size, the query, a column type or the key changes', () => {
    const base = fingerprintOf();
    for (const key of Object.keys(facts) as (keyof typeof facts)[]) {
      expect(fingerprintOf({ statistics: { provable: true, facts: { ...facts, [key]: `${facts[key]}x` } } }), key).not.toBe(base);
    }
    expect(fingerprintOf({ query: 'SELECT id FROM items WHERE id > 1 ORDER BY id' })).not.toBe(base);
    expect(fingerprintOf({ live: [{ name: 'id', type: 'int8' }] })).not.toBe(base);
    expect(fingerprintOf({ keyId: 'another key' })).not.toBe(base);
  });

  it('changes when the personal-data scanner changes (detector version, ids, word lists, detector source, countries, numbering plans)', () => {
    const identity = JSON.parse(piiScannerIdentity()) as unknown[];
    expect(identity[0]).toBe(PII_DETECTORS_VERSION);
    expect(identity[1]).toEqual([...piiDetectorIds]);
    expect(fingerprintOf({ scanner: piiScannerIdentity() })).toBe(fingerprintOf());
    expect(fingerprintOf({ scanner: JSON.stringify(['pii/1', ...identity.slice(1)]) })).not.toBe(fingerprintOf());
  });

  it('changes when a download format is added or re-encoded, or the personal-data detectors change, with nothing to bump by hand', () => {
    const base = outputVersion();
    expect(fingerprintOf({ output: base })).toBe(fingerprintOf());
    const detectors = { version: PII_DETECTORS_VERSION, ids: piiDetectorIds };
    const changed = {
      'a new format': outputVersion([...downloadFormats, { id: 'parquet', encoding: 'parquet/1', rowLimit: 'none' }], detectors),
      'a re-encoded format': outputVersion(
        downloadFormats.map((f) => (f.id === 'json' ? { ...f, encoding: `${f.encoding}, indented` } : f)),
        detectors,
      ),
      'a format newly row-limited': outputVersion(
        downloadFormats.map((f) => (f.id === 'json' ? { ...f, rowLimit: 'spreadsheet' as const } : f)),
        detectors,
      ),
      'stronger detectors': outputVersion(downloadFormats, { version: `${PII_DETECTORS_VERSION}+1`, ids: piiDetectorIds }),
      'a new detector': outputVersion(downloadFormats, { version: PII_DETECTORS_VERSION, ids: [...piiDetectorIds, 'passport'] }),
    };
    expect(outputVersion(downloadFormats, detectors)).toBe(base);
    for (const [what, version] of Object.entries(changed)) {
      expect(version, what).not.toBe(base);
      expect(fingerprintOf({ output: version }), what).not.toBe(fingerprintOf());
    }
  });

  it('falls back to the full snapshot when the table cannot be proven unchanged', () => {
    expect(datasetFingerprint({ dataset, statistics: undefined, live, query: 'q', keyId: null })).toEqual({ value: null, reason: 'no statistics were read for the table' });
    const view: TableStatistics = { provable: false, reason: "relation kind 'v' (only plain tables can be fingerprinted)" };
    expect(datasetFingerprint({ dataset, statistics: view, live, query: 'q', keyId: null })).toEqual({ value: null, reason: view.reason });
    const filtered = { ...dataset, privacy: { rowFilter: { where: "created_at > now() - interval '1 year'", reason: 'recent rows only' } } } as unknown as Dataset;
    expect(datasetFingerprint({ dataset: filtered, statistics: table, live, query: 'q', keyId: null })).toEqual({
      value: null,
      reason: 'a row filter may depend on the time or on other tables',
    });
  });

  it('says unchanged only for the same fingerprint under the same rule', () => {
    const value = fingerprintOf()!;
    expect(unchangedSince(latestWith(value), value)).toBe(true);
    expect(unchangedSince(latestWith(value), null)).toBe(false);
    expect(unchangedSince(latestWith(null), value)).toBe(false);
    expect(unchangedSince(latestWith(value, 'table-statistics/0'), value)).toBe(false);
    expect(unchangedSince(latestWith('0'.repeat(64)), value)).toBe(false);
    expect(unchangedSince(null, value)).toBe(false);
  });
});
