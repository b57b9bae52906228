import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from './workspace.ts';

/**
 * A throw-away copy of the project for tests that build a site of their own (other metadata, other
 * snapshots) without touching the project's `dist/` or `data-snapshots/`: the site's sources are
 * copied, `node_modules` is linked, and the pipeline's scripts are linked (they are only read).
 * The caller deletes it when done (it is deleted here if copying fails).
 */
export async function createProjectCopy(options: { metadata?: string; snapshots?: string } = {}): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'catalog-site-'));
  try {
    for (const entry of ['src', 'public']) await cp(path.join(PROJECT_ROOT, entry), path.join(root, entry), { recursive: true });
    for (const file of ['astro.config.mjs', 'package.json', 'tsconfig.json']) await cp(path.join(PROJECT_ROOT, file), path.join(root, file));
    await symlink(path.join(PROJECT_ROOT, 'node_modules'), path.join(root, 'node_modules'));
    await symlink(path.join(PROJECT_ROOT, 'scripts'), path.join(root, 'scripts'));
    const metadata = path.join(root, 'src/content/datasets');
    if (options.metadata) {
      await rm(metadata, { recursive: true, force: true });
      await cp(options.metadata, metadata, { recursive: true });
    }
    await mkdir(path.join(root, 'data-snapshots'), { recursive: true });
    if (options.snapshots) await cp(options.snapshots, path.join(root, 'data-snapshots'), { recursive: true });
    return root;
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
}

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a Node script of the project (by absolute path) in `cwd`, as `npm run …` would, and collects its output. */
export function runNodeScript(cwd: string, script: string, args: readonly string[] = [], env: NodeJS.ProcessEnv = {}): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `astro build` in a project copy; the site lands in `<root>/dist`. */
export function buildSiteIn(root: string): Promise<CommandResult> {
  return runNodeScript(root, path.join(root, 'node_modules/astro/bin/astro.mjs'), ['build']);
}
