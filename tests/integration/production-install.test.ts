import { execFile } from 'node:child_process';
import { access, cp, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/workspace.ts';

const run = promisify(execFile);

/**
 * What `npm ci --omit=dev` installs must build the catalog: the scheduled refresh and any host that
 * builds in production install the runtime dependencies only. The project (its tracked and new
 * files, not its node_modules or generated snapshots) is copied to a temporary folder, installed
 * from the npm cache where it can be, and built with one small dataset.
 *
 * Node itself comes from the machine, as `engines` says (>= 24): the `node` dev dependency only pins
 * it for developers, so the build runs with the Node running this test.
 */
const DATASET = 'emergency-medical-calls';
let project: string;
let env: NodeJS.ProcessEnv;

async function npm(args: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await run('npm', args, { cwd: project, env, maxBuffer: 64 * 1024 * 1024 });
    return stdout + stderr;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`npm ${args.join(' ')} failed in ${project}:\n${stdout}\n${stderr}`, { cause: error });
  }
}

beforeAll(async () => {
  project = await mkdtemp(path.join(tmpdir(), 'catalog-production-'));
  const { stdout } = await run('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: PROJECT_ROOT, maxBuffer: 64 * 1024 * 1024 });
  for (const file of stdout.split('\0').filter(Boolean)) {
    const from = path.join(PROJECT_ROOT, file);
    // A file deleted in the work tree but still in the index is not part of the project any more.
    if (
      !(await access(from).then(
        () => true,
        () => false,
      ))
    )
      continue;
    await mkdir(path.dirname(path.join(project, file)), { recursive: true });
    await cp(from, path.join(project, file));
  }
  const { DATABASE_URL: _database, CATALOG_PSEUDONYM_KEY: _key, NODE_ENV: _mode, ...rest } = process.env;
  env = { ...rest, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}` };
  await npm(['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund']);
}, 600_000);

afterAll(async () => {
  if (project) await rm(project, { recursive: true, force: true });
});

describe('a production install (npm ci --omit=dev)', () => {
  it('has none of the development dependencies', async () => {
    const installed = new Set(await readdir(path.join(project, 'node_modules')));
    for (const dev of ['vitest', 'typescript', 'playwright-core', '@astrojs']) {
      if (dev === '@astrojs') expect(await readdir(path.join(project, 'node_modules/@astrojs'))).not.toContain('check');
      else expect(installed.has(dev), dev).toBe(false);
    }
  });

  it('snapshots a dataset with npm run build:data', async () => {
    const output = await npm(['run', 'build:data', '--', '--only', DATASET]);
    expect(output).toContain('1 new version(s), 0 unchanged, 0 failed');
    const versions = await readdir(path.join(project, 'data-snapshots', DATASET));
    expect(versions).toHaveLength(1);
    await access(path.join(project, 'data-snapshots', DATASET, versions[0]!, 'manifest.json'));
  });

  it('builds the site with npm run build:site', async () => {
    const output = await npm(['run', 'build:site']);
    expect(output).toMatch(/Complete!/);
    await access(path.join(project, 'dist/datasets', DATASET, 'index.html'));
    await access(path.join(project, 'dist/datasets', DATASET, 'latest/data.csv'));
    await access(path.join(project, 'dist/pagefind'));
  });
});
