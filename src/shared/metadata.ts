import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument, isNode } from 'yaml';
import { datasetSchema, type Dataset } from '../schemas/dataset.ts';
import { formatProblems, problemsFromIssues, type MetadataProblem } from './friendly-errors.ts';
import { CliError } from './cli-error.ts';
import { compileRowFilter } from './row-filter.ts';

export const METADATA_DIR = 'src/content/datasets';

export interface MetadataFile {
  /** Path relative to the project root, as maintainers see it. */
  file: string;
  dataset: Dataset;
  /** Line of a path in the file (e.g. `['fields', 2, 'name']`), for located messages; absent in tests. */
  lineOf?: LineOf;
}

export type LineOf = (path: readonly PropertyKey[]) => number | null;

/** Parses and validates one metadata file's text; returns the dataset or the located problems. */
export function parseMetadata(file: string, text: string): { dataset?: Dataset; problems: MetadataProblem[]; lineOf?: LineOf } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((error) => ({
        file,
        line: error.linePos?.[0]?.line ?? null,
        field: '(YAML syntax)',
        message: `${error.message.split('\n')[0]!.replace(/:$/, '')}; fix the YAML (indentation, a missing colon, or quotes around text containing ": ")`,
      })),
    };
  }
  const lineOf: LineOf = (issuePath) => {
    // Walk up the path until a node exists (a missing field is reported at its parent).
    for (let depth = issuePath.length; depth >= 0; depth--) {
      const node = doc.getIn(issuePath.slice(0, depth) as (string | number)[], true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return null;
  };
  const result = datasetSchema.safeParse(doc.toJS());
  if (!result.success) return { problems: problemsFromIssues(file, result.error.issues, lineOf) };
  const expectedId = path.basename(file).replace(/\.ya?ml$/, '');
  if (result.data.id !== expectedId) {
    return {
      problems: [
        {
          file,
          line: lineOf(['id']),
          field: 'id',
          message: `id "${result.data.id}" differs from the file name; rename the file to ${result.data.id}.yaml or set id: ${expectedId}`,
        },
      ],
    };
  }
  const sqlProblems = sqlFragmentProblems(file, result.data, lineOf);
  if (sqlProblems.length > 0) return { problems: sqlProblems };
  return { dataset: result.data, problems: [], lineOf };
}

/**
 * The SQL a metadata file carries, checked by PostgreSQL's own parser. The row filter is the only
 * SQL fragment in the format: names (source, fields, quasi-identifiers) are quoted as identifiers,
 * values (allowed values, ranges, bins, redact replacements) are quoted as literals or written as
 * numbers, and a redact pattern is a regular expression passed as a quoted literal, never as SQL.
 */
function sqlFragmentProblems(file: string, dataset: Dataset, lineOf: LineOf): MetadataProblem[] {
  const rowFilter = dataset.privacy.rowFilter;
  if (!rowFilter) return [];
  const compiled = compileRowFilter(rowFilter.where);
  if (compiled.ok) return [];
  const path = ['privacy', 'rowFilter', 'where'];
  return [{ file, line: lineOf(path), field: path.join('.'), message: compiled.problem }];
}

/** Checks that span files: unique ids and related datasets that exist. */
export function crossCheck(files: readonly MetadataFile[], invalidIds: readonly string[] = []): MetadataProblem[] {
  const problems: MetadataProblem[] = [];
  const seen = new Map<string, string>();
  for (const { file, dataset, lineOf } of files) {
    const other = seen.get(dataset.id);
    if (other) {
      problems.push({
        file,
        line: lineOf?.(['id']) ?? null,
        field: 'id',
        message: `id "${dataset.id}" is already used by ${other}; ids must be unique: give one of them another id and the matching file name`,
      });
    }
    seen.set(dataset.id, file);
  }
  for (const { file, dataset, lineOf } of files) {
    for (const [index, related] of dataset.related.entries()) {
      // A dataset whose own file is invalid still exists: its file reports its own problems.
      if (!seen.has(related) && !invalidIds.includes(related)) {
        problems.push({ file, line: lineOf?.(['related', index]) ?? null, field: 'related', message: `related dataset "${related}" does not exist; use the id of a file in ${METADATA_DIR}` });
      }
    }
  }
  return problems;
}

/** Every metadata file read and validated, with its text, and every problem found (nothing thrown). */
export interface MetadataScan {
  files: (MetadataFile & { text: string })[];
  /** Files that failed validation: their path, raw text and status when it could be read. */
  invalid: { file: string; text: string }[];
  problems: MetadataProblem[];
}

/** Reads and validates every metadata file and the checks across files; collects all problems. */
export async function scanMetadata(root: string, dir = METADATA_DIR): Promise<MetadataScan> {
  const absolute = path.join(root, dir);
  let names: string[];
  try {
    names = (await readdir(absolute)).filter((name) => /\.ya?ml$/.test(name)).sort();
  } catch (cause) {
    throw new CliError(`Cannot read the metadata folder ${dir}: ${(cause as Error).message}. Run the command from the project root.`, { cause });
  }
  const scan: MetadataScan = { files: [], invalid: [], problems: [] };
  for (const name of names) {
    const file = path.posix.join(dir, name);
    const text = await readFile(path.join(absolute, name), 'utf8');
    const parsed = parseMetadata(file, text);
    scan.problems.push(...parsed.problems);
    if (parsed.dataset) scan.files.push({ file, dataset: parsed.dataset, lineOf: parsed.lineOf, text });
    else scan.invalid.push({ file, text });
  }
  const invalidIds = scan.invalid.map(({ file }) => path.basename(file).replace(/\.ya?ml$/, ''));
  scan.problems.push(...crossCheck(scan.files, invalidIds));
  return scan;
}

/** The one-line summary every metadata failure starts with, then one line per problem. */
export function metadataFailure(problems: readonly MetadataProblem[]): CliError {
  return new CliError(
    `Dataset metadata has ${problems.length} problem(s):\n${formatProblems(problems)}\n` + 'Fix each line above (the format is documented in docs/maintainers.md and src/schemas/dataset.ts).',
    { exitCode: 2 },
  );
}

/**
 * Reads every metadata file, validates all of them and throws one CliError listing every problem,
 * so a maintainer fixes a pull request in one round rather than one error per CI run.
 */
export async function readAllMetadata(root: string, dir = METADATA_DIR): Promise<MetadataFile[]> {
  const { files, problems } = await scanMetadata(root, dir);
  if (problems.length > 0) throw metadataFailure(problems);
  return files.map(({ file, dataset, lineOf }) => ({ file, dataset, lineOf }));
}
