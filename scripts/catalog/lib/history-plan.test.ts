import { describe, expect, it } from 'vitest';
import { CliError } from '../../../src/shared/cli-error.ts';
import { assetNameOf, limitFromEnv, planHistory } from './history-plan.ts';

const MB = 1024 * 1024;

describe('snapshot history plan', () => {
  const files = [
    { path: 'data-snapshots/trees/v2/manifest.json', bytes: 4000 },
    { path: 'data-snapshots/trees/v2/data.csv', bytes: 80 * MB },
    { path: 'data-snapshots/trees/v2/data.json', bytes: 2 * MB },
    { path: 'data-snapshots/trees/v1/data.csv', bytes: 1000 },
    { path: 'data-snapshots/requests/v1/data.csv', bytes: 70 * MB },
    { path: 'data-snapshots/.staging/x/data.csv', bytes: 10 },
  ];

  it('commits new small files, releases new large ones, and skips what is kept already', () => {
    const plan = planHistory(
      files,
      new Set(['data-snapshots/trees/v1/data.csv']),
      { assets: [{ path: 'data-snapshots/requests/v1/data.csv', release: 'snapshots-1', asset: 'requests__v1__data.csv', bytes: 70 * MB, sha256: 'x' }] },
      50 * MB,
    );
    expect(plan).toEqual({
      commit: ['data-snapshots/trees/v2/data.json', 'data-snapshots/trees/v2/manifest.json'],
      release: [{ path: 'data-snapshots/trees/v2/data.csv', bytes: 80 * MB }],
    });
  });

  it('names release assets after their path, flat', () => {
    expect(assetNameOf('data-snapshots/trees/2026-11-25-ab12/data.csv')).toBe('trees__2026-11-25-ab12__data.csv');
  });

  it('reads the size limit from SNAPSHOT_LARGE_FILE_MB and explains a bad value', () => {
    expect(limitFromEnv({})).toBe(50 * MB);
    expect(limitFromEnv({ SNAPSHOT_LARGE_FILE_MB: '5' })).toBe(5 * MB);
    expect(() => limitFromEnv({ SNAPSHOT_LARGE_FILE_MB: 'lots' })).toThrow('SNAPSHOT_LARGE_FILE_MB must be a positive number of megabytes, not "lots"');
    // The user's mistake, exit 2, not "a bug" (exit 70).
    expect(() => limitFromEnv({ SNAPSHOT_LARGE_FILE_MB: '-1' })).toThrow(expect.objectContaining({ constructor: CliError, exitCode: 2 }));
  });
});
