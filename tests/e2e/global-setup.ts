import { spawnSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { serveStatic } from '../helpers/static-server.ts';
import { PROJECT_ROOT } from '../helpers/workspace.ts';
import path from 'node:path';
import { BUILD_MARKER, completeBuild } from '../../scripts/lib/site-build.ts';

/**
 * Builds the catalog once (snapshot from the embedded demo database, then the site) exactly as
 * the README's `npm run build` does, and serves dist/ for every end-to-end test file.
 * Set E2E_SKIP_BUILD=1 to reuse an existing dist/ while iterating on tests locally.
 */
export default async function setup(project: TestProject) {
  if (!process.env.E2E_SKIP_BUILD) {
    const build = spawnSync('npm', ['run', 'build'], { cwd: PROJECT_ROOT, stdio: 'inherit', env: { ...process.env, DATABASE_URL: '' } });
    if (build.status !== 0) throw new Error(`npm run build failed (exit ${build.status}); see its output above.`);
  }
  if (!(await completeBuild(path.join(PROJECT_ROOT, 'dist')))) throw new Error(`dist/ is not a complete build (no dist/${BUILD_MARKER}): run npm run build.`);
  const site = await serveStatic(path.join(PROJECT_ROOT, 'dist'));
  project.provide('siteUrl', site.url);
  return () => site.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    siteUrl: string;
  }
}
