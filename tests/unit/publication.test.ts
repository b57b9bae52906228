import { describe, expect, it } from 'vitest';
import { datasetSchema, type Dataset, type DatasetInput } from '../../src/schemas/dataset.ts';
import type { Manifest } from '../../src/schemas/manifest.ts';
import { decidePublication, newestFirst, servedFiles } from '../../src/shared/publication.ts';
import { approvedTestDataset, signedOff } from '../helpers/test-datasets.ts';

const today = '2026-11-25';

function dataset(id: string, overrides: Partial<DatasetInput> = {}): Dataset {
  return datasetSchema.parse(
    approvedTestDataset({
      id,
      title: `Dataset ${id}`,
      summary: 'A dataset used by the publication rule tests.',
      description: 'A dataset used by the publication rule tests, with enough words to be valid.',
      rowMeaning: 'one thing',
      keywords: ['test'],
      theme: 'government',
      source: { schema: 'public', table: id.replaceAll('-', '_') },
      fields: [{ name: 'id', title: 'Number', description: 'The number of the thing.', type: 'integer' }],
      collectionMethod: 'Typed in by the test, once, by hand.',
      ...overrides,
    }),
  );
}

function manifest(id: string, version: string, extra: Partial<Manifest> = {}): Manifest {
  return {
    dataset: id,
    version,
    snapshotAt: `${version.slice(0, 10)}T06:00:00.000Z`,
    source: `public.${id}`,
    rowCount: 1,
    contentHash: '0'.repeat(64),
    columns: [{ name: 'id', type: 'integer', sourceType: 'int4' }],
    files: [{ name: 'data.csv', format: 'CSV', mediaType: 'text/csv', bytes: 4, sha256: '1'.repeat(64) }],
    profile: [],
    preview: [],
    ...extra,
  };
}

describe('the one rule for what is online', () => {
  it('serves a cleared approved dataset with every version newest first, and its files', () => {
    const { online, offline } = decidePublication({
      datasets: [dataset('trees')],
      manifests: [manifest('trees', '2026-01-01'), manifest('trees', '2026-01-01-10'), manifest('trees', '2026-01-01-9')],
      today,
    });
    expect(offline).toEqual([]);
    expect(online.map((o) => o.versions.map((v) => v.manifest.version))).toEqual([['2026-01-01-10', '2026-01-01-9', '2026-01-01']]);
    expect(online[0]!.latest.manifest.version).toBe('2026-01-01-10');
    expect(online[0]!.latest.files).toEqual(['data.csv', 'manifest.json']);
  });

  it('serves the preview sample with the downloads and the manifest, and nothing else of the version folder', () => {
    const sample = { name: 'sample.csv', format: 'CSV', mediaType: 'text/csv', bytes: 3, sha256: '2'.repeat(64), rows: 1 };
    expect(servedFiles(manifest('trees', '2026-01-01', { sample }))).toEqual(['data.csv', 'sample.csv', 'manifest.json']);
  });

  it('takes a dataset reclassified after publication offline whole: no page, no files, versions kept on disk', () => {
    const reclassified = dataset('trees', { checklist: { ...signedOff.checklist, sensitivity: 'personal' } });
    const { online, offline } = decidePublication({ datasets: [reclassified], manifests: [manifest('trees', '2026-01-01')], today });
    expect(online).toEqual([]);
    expect(offline).toEqual([
      {
        dataset: reclassified,
        reason: { kind: 'blocked', blockers: [expect.stringMatching(/^checklist\.sensitivity: the published data is classified "personal"/)] },
        versionsOnDisk: 1,
      },
    ]);
  });

  it('takes a retired dataset offline when it is no longer cleared, and keeps a cleared retired one online', () => {
    const retired = { status: 'retired', retired: { date: '2026-06-01', reason: 'The programme ended in June.' } } as const;
    const { online, offline } = decidePublication({
      datasets: [dataset('kept', retired), dataset('pulled', { ...retired, checklist: { ...signedOff.checklist, licenseCleared: false } })],
      manifests: [manifest('kept', '2026-01-01'), manifest('pulled', '2026-01-01')],
      today,
    });
    expect(online.map((o) => o.dataset.id)).toEqual(['kept']);
    expect(offline.map((o) => [o.dataset.id, o.reason.kind])).toEqual([['pulled', 'blocked']]);
  });

  it('does not serve a dataset sent back to draft or review, nor one waiting for its first version', () => {
    const { online, offline } = decidePublication({
      datasets: [dataset('back', { status: 'review' }), dataset('drafted', { status: 'draft' }), dataset('waiting')],
      manifests: [manifest('back', '2026-01-01')],
      today,
    });
    expect(online).toEqual([]);
    expect(offline.map((o) => [o.dataset.id, o.reason, o.versionsOnDisk])).toEqual([
      ['back', { kind: 'not-approved', status: 'review' }, 1],
      ['drafted', { kind: 'not-approved', status: 'draft' }, 0],
      ['waiting', { kind: 'no-version' }, 0],
    ]);
  });

  it('does not count a sign-off dated after the build day', () => {
    const future = dataset('trees', { approvals: { ...signedOff.approvals, securityReview: { name: 'Kim', date: '2026-12-01' } } });
    expect(decidePublication({ datasets: [future], manifests: [manifest('trees', '2026-01-01')], today }).online).toEqual([]);
    expect(decidePublication({ datasets: [future], manifests: [manifest('trees', '2026-01-01')], today: '2026-12-01' }).online).toHaveLength(1);
  });

  it('never serves manifests whose dataset has no metadata file, and names them', () => {
    const { online, orphans } = decidePublication({ datasets: [], manifests: [manifest('gone', '2026-01-01')], today });
    expect(online).toEqual([]);
    expect(orphans).toEqual(['gone']);
  });

  it('never serves a withdrawn version, keeps its tombstone, and moves latest to the newest version still served', () => {
    const record = {
      version: '2026-02-01',
      snapshotAt: '2026-02-01T06:00:00.000Z',
      rowCount: 1,
      withdrawnOn: '2026-03-01',
      reason: 'It held phone numbers typed into a free-text column.',
      files: ['data.csv'],
    };
    const withdrawals = [{ dataset: 'trees', versions: [record] }];
    const manifests = [manifest('trees', '2026-01-01'), manifest('trees', '2026-02-01')];
    const { online, tombstones } = decidePublication({ datasets: [dataset('trees')], manifests, today, withdrawals });
    expect(online[0]!.versions.map((v) => v.manifest.version)).toEqual(['2026-01-01']);
    expect(online[0]!.latest.manifest.version).toBe('2026-01-01');
    expect(online[0]!.withdrawn).toEqual([record]);
    expect(tombstones.map((t) => t.withdrawn.version)).toEqual(['2026-02-01']);
  });

  it('keeps the tombstone of a dataset whose only version was withdrawn, but not of a dataset taken offline by the gate', () => {
    const record = {
      version: '2026-01-01',
      snapshotAt: '2026-01-01T06:00:00.000Z',
      rowCount: 1,
      withdrawnOn: '2026-03-01',
      reason: 'It held phone numbers typed into a free-text column.',
      files: ['data.csv'],
    };
    const withdrawals = [
      { dataset: 'trees', versions: [record] },
      { dataset: 'bins', versions: [{ ...record }] },
    ];
    const reclassified = dataset('bins', { checklist: { ...signedOff.checklist, sensitivity: 'restricted' } });
    const { online, offline, tombstones } = decidePublication({
      datasets: [dataset('trees'), reclassified],
      manifests: [manifest('trees', '2026-01-01'), manifest('bins', '2026-01-01')],
      today,
      withdrawals,
    });
    expect(online).toEqual([]);
    expect(offline.map((o) => [o.dataset.id, o.reason.kind])).toEqual([
      ['trees', 'no-version'],
      ['bins', 'blocked'],
    ]);
    expect(tombstones.map((t) => t.dataset.id)).toEqual(['trees']);
  });

  it('orders versions by day, then by sequence number as a number', () => {
    const order = ['2026-01-02', '2026-01-01-10', '2026-01-01-2', '2026-01-01'];
    expect(
      [...order]
        .reverse()
        .map((v) => manifest('x', v))
        .sort(newestFirst)
        .map((m) => m.version),
    ).toEqual(order);
  });
});
