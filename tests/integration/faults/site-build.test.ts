import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_MARKER, completeBuild } from '../../../scripts/lib/site-build.ts';
import { BUILD_SITE, startCli } from '../../helpers/faults.ts';
import { PROJECT_ROOT } from '../../helpers/workspace.ts';

/**
 * A site build killed at any moment never leaves a half-written `dist/`: the build goes to a
 * directory beside it and is swapped in at the end, then marked complete. Killed while Astro
 * writes (the whole process group, as a cancelled CI job is), killed between the swap's two
 * renames (failpoint), or interrupted with SIGTERM, the output is the last complete build or
 * absent (never partial, never marked), and the next build repairs and cleans up. The builds go to
 * a temporary `--out` directory, never this checkout's `dist/`.
 */

/** Every file of a complete build is there: the marker, and as many files as it counted. */
async function buildProblems(dir: string): Promise<string[]> {
  const marker = await completeBuild(dir);
  if (!marker) return [`${dir} has no ${BUILD_MARKER}`];
  const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile() && e.name !== BUILD_MARKER).length;
  return files === marker.files ? [] : [`${dir} holds ${files} files, its marker says ${marker.files}`];
}

async function leftovers(parent: string): Promise<string[]> {
  return (await readdir(parent)).filter((n) => n.startsWith('.dist-'));
}

/** Waits until Astro has written pages into a new build directory (not one of `known`). */
async function waitForPartialBuild(parent: string, known: readonly string[] = []): Promise<string> {
  for (let i = 0; i < 1200; i++) {
    for (const name of (await leftovers(parent)).filter((n) => !known.includes(n))) {
      const files = await readdir(path.join(parent, name), { recursive: true }).catch(() => []);
      if (files.some((f) => f.endsWith('.html'))) return name;
    }
    await sleep(50);
  }
  throw new Error('astro build wrote no page within 60 s');
}

describe('a site build stopped at any moment', () => {
  let parent: string;
  let dist: string;

  beforeAll(async () => {
    parent = await mkdtemp(path.join(tmpdir(), 'catalog-site-'));
    dist = path.join(parent, 'dist');
    // The last complete build (a small stand-in: the swap does not look inside).
    await mkdir(dist);
    await writeFile(path.join(dist, 'index.html'), '<!doctype html><title>the previous build</title>');
    await writeFile(path.join(dist, BUILD_MARKER), JSON.stringify({ complete: true, builtAt: '2026-01-01T00:00:00.000Z', files: 1, bytes: 48 }));
  });

  afterAll(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  const build = (env: NodeJS.ProcessEnv = {}) => startCli(BUILD_SITE, ['--out', dist], { cwd: PROJECT_ROOT, env: { SITE_URL: 'https://data.example.org', ...env }, timeoutMs: 300_000 });

  it('killed (the whole process group) while Astro writes: dist/ is the previous complete build', async () => {
    const run = build();
    const partial = await waitForPartialBuild(parent);
    run.killGroup('SIGKILL');
    await run.done;
    expect((await completeBuild(dist))?.builtAt).toBe('2026-01-01T00:00:00.000Z');
    expect(await buildProblems(dist)).toEqual([]);
    expect(await readFile(path.join(dist, 'index.html'), 'utf8')).toContain('the previous build');
    // The killed build's directory is left for the next build to remove (nothing can run after SIGKILL).
    expect(await leftovers(parent)).toEqual([partial]);
  });

  it("interrupted with SIGTERM: dist/ is untouched, and the build removes its own directory and the killed build's", async () => {
    const before = await leftovers(parent);
    const run = build();
    await waitForPartialBuild(parent, before);
    run.child.kill('SIGTERM');
    const result = await run.done;
    expect(result.code).toBe(143);
    expect((await completeBuild(dist))?.builtAt).toBe('2026-01-01T00:00:00.000Z');
    // This build removed the killed one's directory when it started, and its own when it was interrupted.
    expect(before).toHaveLength(1);
    expect(await leftovers(parent)).toEqual([]);
  });

  it('killed between the two renames of the swap: no dist/ at all (never a partial one), and the next build repairs and cleans up', async () => {
    const run = build({ CATALOG_FAILPOINT: 'site-swap-halfway' });
    await run.waitFor('failpoint site-swap-halfway reached', 240_000);
    run.killGroup('SIGKILL');
    await run.done;
    expect(existsSync(dist)).toBe(false);
    expect((await leftovers(parent)).filter((n) => n.startsWith('.dist-previous-')).length).toBe(1);

    const next = build();
    const result = await next.done;
    expect(result.code, result.output).toBe(0);
    expect(result.stdout).toMatch(/Restored dist\/ from \.dist-previous-\d+-[0-9a-f]+ \(a build was stopped halfway through its swap\)\./);
    expect(result.stdout).toMatch(/Removed \.dist-building-\d+-[0-9a-f]+, left by a build that was stopped\./);
    expect(result.stdout).toMatch(/Site built: [\d,]+ files \([\d.]+ MB\) in .*dist\/, complete, in \d+ s\./);
    expect(await leftovers(parent)).toEqual([]);
    expect(await buildProblems(dist)).toEqual([]);
    expect((await completeBuild(dist))?.builtAt).not.toBe('2026-01-01T00:00:00.000Z');
    expect(existsSync(path.join(dist, 'pagefind'))).toBe(true);
  });
});
