import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import ts from 'typescript';

/**
 * The import rule of CONTRIBUTING.md ("Where code goes"), checked on the import specifiers of every
 * file under `src/` and `scripts/` as the TypeScript compiler reads them (static imports, re-exports,
 * dynamic `import()` with a literal, and the frontmatter and `<script>` blocks of `.astro` files).
 *
 * - the site (`src/` outside `schemas/` and `shared/`) never imports `scripts/`;
 * - the pipeline (`scripts/`) imports from `src/` only `src/schemas/`, `src/shared/` and `src/site.config.ts`;
 * - `src/shared/` imports only `src/schemas/`, `src/shared/`, Node's built-ins and npm packages;
 * - `src/schemas/` imports only `src/schemas/` and npm packages.
 */

export interface ForbiddenImport {
  /** The importing file, relative to the project root (POSIX separators). */
  file: string;
  line: number;
  specifier: string;
  /** The rule it breaks, in words. */
  rule: string;
}

type Side = 'site' | 'pipeline' | 'shared' | 'schemas';

const SOURCE = /\.(?:ts|mts|js|mjs|astro)$/;

function sideOf(file: string): Side | null {
  if (file.startsWith('src/shared/')) return 'shared';
  if (file.startsWith('src/schemas/')) return 'schemas';
  if (file.startsWith('src/')) return 'site';
  if (file.startsWith('scripts/')) return 'pipeline';
  return null;
}

const under = (target: string, ...folders: string[]) => folders.some((folder) => target === folder || target.startsWith(`${folder}/`));

/** Why importing `specifier` (resolved to `target` when relative) from a file of `side` is forbidden, or null when it is allowed. */
function breaks(side: Side, specifier: string, target: string | null): string | null {
  if (target === null) {
    // A bare specifier: Node's built-ins and npm packages are neutral; a virtual module (astro:content) is the site's.
    if (/^[a-z][a-z0-9+.-]*:/i.test(specifier) && !specifier.startsWith('node:') && (side === 'shared' || side === 'schemas')) {
      return `${side === 'shared' ? 'src/shared/' : 'src/schemas/'} imports only Node built-ins and npm packages, not framework virtual modules`;
    }
    return null;
  }
  switch (side) {
    case 'site':
      return under(target, 'scripts') ? 'site code never imports scripts/ (move what both sides need to src/shared/)' : null;
    case 'pipeline':
      return under(target, 'src') && !under(target, 'src/schemas', 'src/shared', 'src/site.config.ts')
        ? 'pipeline code imports from src/ only src/schemas/, src/shared/ and src/site.config.ts (move what both sides need to src/shared/)'
        : null;
    case 'shared':
      return under(target, 'src/shared', 'src/schemas') ? null : 'src/shared/ imports only src/schemas/, src/shared/, Node built-ins and npm packages';
    case 'schemas':
      return under(target, 'src/schemas') ? null : 'src/schemas/ imports only other schemas and npm packages';
  }
}

/** The script parts of a file, each with its offset in the file: the whole of a module, the frontmatter and `<script>` blocks of an `.astro` file. */
function scriptParts(file: string, text: string): { offset: number; code: string }[] {
  if (!file.endsWith('.astro')) return [{ offset: 0, code: text }];
  const parts: { offset: number; code: string }[] = [];
  const frontmatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  if (frontmatter) parts.push({ offset: frontmatter.index + frontmatter[0].indexOf(frontmatter[1]!), code: frontmatter[1]! });
  for (const script of text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) {
    parts.push({ offset: script.index + script[0].indexOf('>') + 1, code: script[1]! });
  }
  return parts;
}

/** Every import specifier of a file with its 1-based line. */
export function importSpecifiers(file: string, text: string): { specifier: string; line: number }[] {
  const found: { specifier: string; line: number }[] = [];
  for (const { offset, code } of scriptParts(file, text)) {
    const { importedFiles } = ts.preProcessFile(code, true, true);
    for (const reference of importedFiles) {
      const line = text.slice(0, offset + reference.pos).split('\n').length;
      found.push({ specifier: reference.fileName, line });
    }
  }
  return found;
}

async function sourceFiles(root: string, folder: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(path.join(root, folder), { withFileTypes: true, recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries
    .filter((entry) => entry.isFile() && SOURCE.test(entry.name))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .filter((file) => !file.split('/').includes('node_modules'))
    .sort();
}

/** Every import under `src/` and `scripts/` of the project at `root` that breaks the rule. */
export async function findForbiddenImports(root: string): Promise<ForbiddenImport[]> {
  const forbidden: ForbiddenImport[] = [];
  const files = [...(await sourceFiles(root, 'src')), ...(await sourceFiles(root, 'scripts'))];
  for (const file of files) {
    const side = sideOf(file)!;
    const text = await readFile(path.join(root, file), 'utf8');
    for (const { specifier, line } of importSpecifiers(file, text)) {
      const target = specifier.startsWith('.') ? path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)) : null;
      const rule = breaks(side, specifier, target);
      if (rule) forbidden.push({ file, line, specifier, rule });
    }
  }
  return forbidden;
}

/** One line per forbidden import: `src/lib/x.ts:3 imports '../../scripts/y.ts': <rule>`. */
export function describeForbidden(found: readonly ForbiddenImport[]): string {
  return found.map((f) => `${f.file}:${f.line} imports '${f.specifier}': ${f.rule}`).join('\n');
}
