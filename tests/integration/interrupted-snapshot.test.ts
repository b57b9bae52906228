import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { buildData } from '../../scripts/build-data/build.ts';
import { listVersions } from '../../src/shared/snapshot-store.ts';
import { readAllMetadata } from '../../src/shared/metadata.ts';
import type { Dataset } from '../../src/schemas/dataset.ts';
import { REFRESH_CHECKS_FILE } from '../../src/schemas/refresh-checks.ts';
import { useDemoDatabase } from '../helpers/demo-fixture.ts';
import { PROJECT_ROOT, recordingLogger, TEST_PSEUDONYM_KEY, testEffects } from '../helpers/workspace.ts';

/**
 * Files under data-snapshots/ that are not part of a complete version (nothing, after a clean run),
 * apart from the record of when each dataset was last checked, which every run rewrites whole.
 */
async function strayFiles(root: string): Promise<string[]> {
  const base = path.join(root, 'data-snapshots');
  const entries = await readdir(base, { recursive: true, withFileTypes: true });
  const stray: string[] = [];
  for (const entry of entries.filter((e) => e.isFile())) {
    const relative = path.relative(base, path.join(entry.parentPath, entry.name));
    if (relative === REFRESH_CHECKS_FILE) continue;
    const [dataset, version, file] = relative.split(path.sep);
    const manifest = version ? await readFile(path.join(base, dataset!, version, 'manifest.json'), 'utf8').catch(() => null) : null;
    const parsed = manifest ? (JSON.parse(manifest) as { files: { name: string }[]; sample?: { name: string } }) : null;
    const listed = parsed && (file === 'manifest.json' || parsed.files.some((f) => f.name === file) || parsed.sample?.name === file);
    if (!listed) stray.push(relative);
  }
  return stray;
}

async function largestApproved(): Promise<Dataset> {
  const metadata = await readAllMetadata(PROJECT_ROOT);
  const approved = metadata.map((m) => m.dataset).filter((d) => d.status === 'approved');
  // The demo's 311 requests table is the one with 100,000+ rows; find it by its timestamp key column.
  return approved.find((d) => /request/.test(d.id)) ?? approved[0]!;
}

describe('a snapshot killed mid-table', () => {
  const fixture = useDemoDatabase();

  it('leaves the previous version intact and no partial file once rerun', async () => {
    const dataset = await largestApproved();
    const log = recordingLogger();
    await buildData(['--only', dataset.id], testEffects(fixture.root, log, new Date('2026-11-24T08:00:00Z')), { DATABASE_URL: fixture.db.url, CATALOG_PSEUDONYM_KEY: TEST_PSEUDONYM_KEY });
    const [previous] = await listVersions(fixture.root, dataset.id);
    expect(previous).toBeDefined();

    // Change the data so the next run would create a new version, then kill that run mid-table.
    const key = dataset.primaryKey[0] ?? dataset.fields[0]!.name;
    const relation = `"${dataset.source.schema}"."${dataset.source.table}"`;
    await fixture.db.client.query(`DELETE FROM ${relation} WHERE "${key}" = (SELECT min("${key}") FROM ${relation})`);
    const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'scripts/build-data/index.ts'), '--only', dataset.id], {
      cwd: fixture.root,
      env: { ...process.env, DATABASE_URL: fixture.db.url, CATALOG_PSEUDONYM_KEY: TEST_PSEUDONYM_KEY },
      stdio: 'ignore',
    });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    const staging = path.join(fixture.root, 'data-snapshots/.staging');
    let killedMidTable = false;
    for (let i = 0; i < 600 && child.exitCode === null; i++) {
      // Each run stages in .staging/run-<pid>-<random>/<dataset>-<random>/.
      const csvs = (await readdir(staging, { recursive: true }).catch(() => [] as string[])).filter((f) => f.endsWith('data.csv'));
      const sizes = await Promise.all(
        csvs.map((f) =>
          stat(path.join(staging, f)).then(
            (s) => s.size,
            () => 0,
          ),
        ),
      );
      if (sizes.some((size) => size > 256 * 1024)) {
        child.kill('SIGKILL');
        killedMidTable = true;
        break;
      }
      await sleep(20);
    }
    await exited;
    expect(killedMidTable, 'the child finished before it could be killed mid-table').toBe(true);

    // The published version is untouched, byte for byte.
    expect(await listVersions(fixture.root, dataset.id)).toEqual([previous]);
    for (const file of previous!.files) {
      const bytes = await readFile(path.join(fixture.root, 'data-snapshots', dataset.id, previous!.version, file.name));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
    }

    // A rerun clears the leftovers and publishes the change whole.
    await buildData(['--only', dataset.id], testEffects(fixture.root, log, new Date('2026-11-25T08:00:00Z')), { DATABASE_URL: fixture.db.url, CATALOG_PSEUDONYM_KEY: TEST_PSEUDONYM_KEY });
    const versions = await listVersions(fixture.root, dataset.id);
    expect(versions.map((v) => v.version)).toEqual([previous!.version, '2026-11-25']);
    expect(versions[1]!.rowCount).toBe(previous!.rowCount - 1);
    expect(await strayFiles(fixture.root)).toEqual([]);
  });
});
