import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CliError } from '../src/shared/cli-error.ts';
import { runCommand } from './lib/run-command.ts';
import { failpoint } from './lib/failpoints.ts';
import { BUILD_MARKER, completeBuild } from './lib/site-build.ts';

/**
 * `npm run build:site`: the Astro site, the snapshot files and the search index, built into a
 * temporary directory beside `dist/` and swapped into place at the end, then marked complete
 * (`dist/.build-complete.json`). Astro empties its output directory before it writes, so building
 * into `dist/` directly would leave it empty or half-written when the build is killed; here `dist/`
 * is, at every moment, the last complete build, or (for the instant between the swap's two
 * renames) absent, which the next build repairs. Deploy steps check the marker, never the exit
 * code alone. The build's leftovers (a killed build's directory) are removed at the next start.
 */

const usage = `Usage: npm run build:site [-- --out <dir>]

Builds the site into a temporary directory next to <dir> (default dist) and swaps it into place
when complete, marking it with <dir>/${BUILD_MARKER}.`;

const ASTRO = fileURLToPath(new URL('../node_modules/astro/bin/astro.mjs', import.meta.url));

/** Names of the build's temporary directories next to the output: `.dist-building-…`, `.dist-previous-…`. */
const building = (base: string) => `.${base}-building-`;
const previous = (base: string) => `.${base}-previous-`;

/** Removes what a killed build left next to `out`, and puts the last complete build back if the swap was cut in the middle. */
async function cleanLeftovers(out: string): Promise<void> {
  const parent = path.dirname(out);
  const base = path.basename(out);
  const names = await readdir(parent).catch(() => [] as string[]);
  const previousBuilds = names.filter((n) => n.startsWith(previous(base)));
  if (!existsSync(out)) {
    for (const name of previousBuilds) {
      if (await completeBuild(path.join(parent, name))) {
        await rename(path.join(parent, name), out);
        console.log(`Restored ${base}/ from ${name} (a build was stopped halfway through its swap).`);
        break;
      }
    }
  }
  for (const name of names.filter((n) => n.startsWith(building(base)) || n.startsWith(previous(base)))) {
    if (!existsSync(path.join(parent, name))) continue;
    await rm(path.join(parent, name), { recursive: true, force: true });
    console.log(`Removed ${name}, left by a build that was stopped.`);
  }
}

async function countFiles(dir: string): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    files++;
    bytes += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return { files, bytes };
}

/** Runs `astro build` into `outDir`; resolves with its exit code. Forwards an interruption to it and removes its directory. */
function astroBuild(outDir: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ASTRO, 'build', '--outDir', outDir], { stdio: 'inherit' });
    const stop = (signal: NodeJS.Signals) => {
      child.kill(signal);
      void rm(outDir, { recursive: true, force: true }).finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

export async function buildSite(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true });
  if (values.help) return console.log(usage);
  const out = path.resolve(values.out ?? 'dist');
  const started = Date.now();
  await cleanLeftovers(out);
  const next = path.join(path.dirname(out), `${building(path.basename(out))}${process.pid}-${randomBytes(4).toString('hex')}`);
  const code = await astroBuild(next);
  if (code !== 0) {
    await rm(next, { recursive: true, force: true });
    throw new CliError(`astro build failed (exit code ${code}); see its output above. ${path.basename(out)}/ still holds the last complete build.`, { exitCode: code });
  }
  const { files, bytes } = await countFiles(next);
  if (!existsSync(path.join(next, 'index.html')) || !existsSync(path.join(next, 'pagefind'))) {
    await rm(next, { recursive: true, force: true });
    throw new CliError(`astro build ended without index.html or the search index in its output; ${path.basename(out)}/ still holds the last complete build.`);
  }
  await writeFile(path.join(next, BUILD_MARKER), `${JSON.stringify({ complete: true, builtAt: new Date().toISOString(), files, bytes }, null, 2)}\n`);
  failpoint('site-swap');
  // The swap: the old build steps aside, the new one takes its name. Between the two renames the
  // output is absent (never partial); a build stopped there is repaired by the next one.
  const aside = path.join(path.dirname(out), `${previous(path.basename(out))}${process.pid}-${randomBytes(4).toString('hex')}`);
  const hadPrevious = existsSync(out);
  if (hadPrevious) await rename(out, aside);
  failpoint('site-swap-halfway');
  await rename(next, out);
  if (hadPrevious) await rm(aside, { recursive: true, force: true });
  console.log(
    `Site built: ${files.toLocaleString('en')} files (${(bytes / 1e6).toFixed(1)} MB) in ${path.relative(process.cwd(), out) || out}/, complete, in ${((Date.now() - started) / 1000).toFixed(0)} s.`,
  );
}

if (import.meta.main) await runCommand(() => buildSite(process.argv.slice(2)));
