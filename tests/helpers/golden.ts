import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Golden files, in the style of Observable Framework's build tests: a test produces its output as
 * a map of relative path → text, and it is compared with the expected files committed under a
 * folder. On a mismatch the actual output is written beside the expected file (`name.actual.ext`,
 * or `name.<label>.actual.ext`; gitignored) so the two can be diffed, and the problem names the
 * file and its first differing line. With `UPDATE_GOLDEN=1` the expected files are rewritten
 * instead (and expected files no longer produced are deleted): review the diff and commit it.
 */

export interface GoldenOptions {
  /** Distinguishes the actual files of several runs compared with one expected folder (e.g. `embedded`). */
  label?: string;
  /** Rewrite the expected files rather than compare (default: `UPDATE_GOLDEN=1` in the environment). */
  update?: boolean;
}

/** Where the actual output of an expected file is written on a mismatch. */
export function actualPath(expected: string, label?: string): string {
  const { dir, name, ext } = path.parse(expected);
  return path.join(dir, `${name}${label ? `.${label}` : ''}.actual${ext}`);
}

const isActualFile = (name: string) => /\.actual(\.|$)/.test(name);

async function expectedFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries
      .filter((e) => e.isFile() && !isActualFile(e.name))
      .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** The first line where two texts differ, with both versions of it (shortened), for the failure message. */
export function firstDifference(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    const show = (line: string | undefined) => (line === undefined ? '(no such line)' : JSON.stringify(line.length > 160 ? `${line.slice(0, 160)}…` : line));
    return `line ${i + 1}: expected ${show(a[i])}, actual ${show(b[i])}`;
  }
  return 'they differ only in a final line break';
}

/**
 * Compares `actual` with the files under `expectedDir`; returns one line per problem (empty when
 * every file matches). Writes `.actual` files for mismatches and removes stale ones for matches.
 */
export async function compareWithGolden(expectedDir: string, actual: ReadonlyMap<string, string>, options: GoldenOptions = {}): Promise<string[]> {
  const update = options.update ?? process.env.UPDATE_GOLDEN === '1';
  const expected = await expectedFiles(expectedDir);
  const problems: string[] = [];
  const shown = (file: string) => path.relative(process.cwd(), path.join(expectedDir, file));
  for (const [file, text] of [...actual].sort(([a], [b]) => a.localeCompare(b))) {
    const expectedPath = path.join(expectedDir, file);
    const actualFile = actualPath(expectedPath, options.label);
    if (update) {
      await mkdir(path.dirname(expectedPath), { recursive: true });
      await writeFile(expectedPath, text);
      await rm(actualFile, { force: true });
      continue;
    }
    const want = expected.includes(file) ? await readFile(expectedPath, 'utf8') : undefined;
    if (want === text) {
      await rm(actualFile, { force: true });
      continue;
    }
    await mkdir(path.dirname(actualFile), { recursive: true });
    await writeFile(actualFile, text);
    problems.push(
      want === undefined
        ? `${shown(file)}: produced but not expected (written to ${shown(path.relative(expectedDir, actualFile))}); if it is a new output, run with UPDATE_GOLDEN=1 and commit it`
        : `${shown(file)}: differs, ${firstDifference(want, text)} (actual output in ${shown(path.relative(expectedDir, actualFile))}; diff the two, and if the change is intended run with UPDATE_GOLDEN=1 and commit it)`,
    );
  }
  for (const file of expected.filter((f) => !actual.has(f))) {
    if (update) await rm(path.join(expectedDir, file));
    else problems.push(`${shown(file)}: expected but no longer produced; if that is intended, run with UPDATE_GOLDEN=1 and commit the deletion`);
  }
  return problems;
}

/** Every file under `dir`, as relative path (with `/`) → bytes. */
export async function readTree(dir: string): Promise<Map<string, Buffer>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = new Map<string, Buffer>();
  for (const entry of entries.filter((e) => e.isFile()).sort((a, b) => path.join(a.parentPath, a.name).localeCompare(path.join(b.parentPath, b.name)))) {
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, full).split(path.sep).join('/'), await readFile(full));
  }
  return files;
}
