import { mkdtemp, mkdir, rm, symlink, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Effects, Logger } from '../../scripts/lib/effects.ts';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * A throw-away project root for pipeline tests: its own data-snapshots/, and the demo metadata
 * linked in (or copied, when the test changes it). The caller deletes it when done (it is deleted
 * here if making it fails).
 */
export async function createWorkspace(options: { copyMetadata?: boolean } = {}): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'catalog-ws-'));
  try {
    await mkdir(path.join(root, 'src/content'), { recursive: true });
    const metadata = path.join(PROJECT_ROOT, 'src/content/datasets');
    if (options.copyMetadata) await cp(metadata, path.join(root, 'src/content/datasets'), { recursive: true });
    else await symlink(metadata, path.join(root, 'src/content/datasets'));
    return root;
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
}

/** A logger that remembers every line, for assertions on what a maintainer would read. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(m), warn: (m) => lines.push(`WARN ${m}`), progress: () => {} };
}

export function testEffects(root: string, log: Logger, now = new Date('2026-11-25T12:00:00Z')): Effects {
  return { root, log, now: () => now };
}

/** The pseudonym key the pipeline tests use against a real server (DATABASE_URL requires one). */
export const TEST_PSEUDONYM_KEY = 'integration-test pseudonym key, not a secret, 48 chars';
