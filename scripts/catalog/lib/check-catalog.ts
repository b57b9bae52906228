import { parseDocument } from 'yaml';
import { formatProblems, type MetadataProblem } from '../../../src/shared/friendly-errors.ts';
import { datasetBlockers, personalColumnProblems, statusSchema } from '../../../src/schemas/dataset.ts';
import type { Logger } from '../../lib/effects.ts';
import { openSource } from '../../build-data/steps/connect.ts';
import { CliError } from '../../../src/shared/cli-error.ts';
import { metadataFailure, scanMetadata, type MetadataFile } from '../../../src/shared/metadata.ts';
import { metadataFilesPiiProblems } from '../../lib/metadata-pii.ts';
import { findTodoMarkers } from '../../lib/todo-markers.ts';
import { formatAnnotation } from './annotations.ts';
import { checkLiveColumns } from './live-check.ts';
import { parseNeverRead } from '../../lib/never-read.ts';
import { siteConfig } from '../../../src/site.config.ts';

export interface CheckOptions {
  root: string;
  /** Also compare approved datasets with the live tables (DATABASE_URL, or the embedded demo database). */
  database: boolean;
  format: 'text' | 'github';
  env: NodeJS.ProcessEnv;
  /** Where the report goes (stdout in the command). */
  out: (line: string) => void;
  /** Progress of the database connection (stderr in the command). */
  log: Logger;
}

/**
 * The checks behind `npm run catalog:check`. Prints every problem, warnings included, and throws one
 * CliError (exit 2) when any problem is an error; returns the problems otherwise.
 */
export async function checkCatalog(options: CheckOptions): Promise<MetadataProblem[]> {
  const neverRead = parseNeverRead(siteConfig.privacy.neverRead);
  const scan = await scanMetadata(options.root);
  // Metadata is published as it is written: the personal-data detectors read it like data.
  const problems = [...scan.problems, ...metadataFilesPiiProblems(scan.files)];
  for (const { file, text, dataset } of scan.files) problems.push(...findTodoMarkers(file, text, dataset.status));
  // A file with other problems still gets its markers reported, with the status it declares.
  for (const { file, text } of scan.invalid) problems.push(...findTodoMarkers(file, text, declaredStatus(text)));
  problems.push(...scan.files.flatMap(gateProblems));

  if (options.database) {
    const source = await openSource({ databaseUrl: options.env.DATABASE_URL || undefined, scale: 1, log: options.log });
    try {
      problems.push(...(await checkLiveColumns(source.client, scan.files, source.label, neverRead)));
    } finally {
      await source.close();
    }
  }

  problems.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
  const errors = problems.filter((p) => p.severity !== 'warning');
  const warnings = problems.filter((p) => p.severity === 'warning');
  if (options.format === 'github') for (const problem of problems) options.out(formatAnnotation(problem));
  if (warnings.length > 0) options.out(`⚠ ${warnings.length} warning(s), not blocking while the datasets are drafts:\n${formatProblems(warnings)}`);
  if (errors.length > 0) throw metadataFailure(errors);

  const counts = Object.entries(Object.groupBy(scan.files, (f) => f.dataset.status)).map(([status, list]) => `${list?.length ?? 0} ${status}`);
  const live = options.database ? '; approved datasets match their live tables' : '';
  options.out(`✔ ${scan.files.length} metadata file(s) valid (${counts.join(', ')})${live}.`);
  return problems;
}

/** The approval gate's refusals, at the line of the sign-off or answer they are about. */
function gateProblems({ file, dataset, lineOf }: MetadataFile): MetadataProblem[] {
  const located = (blocker: string, severity?: 'warning'): MetadataProblem => {
    const [field = '', message = blocker] = blocker.split(/: (.*)/s);
    return {
      file,
      line: lineOf?.(pathOf(field)) ?? null,
      field,
      message: severity
        ? `${message} (an error once the dataset is approved)`
        : `${message} (${dataset.status === 'retired' ? 'a retired dataset stays online only while cleared' : 'approved datasets are published only once cleared'})`,
      ...(severity ? { severity } : {}),
    };
  };
  // Drafts and datasets in review hear about personal-looking columns early, as warnings.
  if (dataset.status === 'draft' || dataset.status === 'review') return personalColumnProblems(dataset).map((p) => located(p, 'warning'));
  return datasetBlockers(dataset).map((blocker) => located(blocker));
}

/** "fields[3].name" → ['fields', 3, 'name'], the path lineOf reads. */
function pathOf(field: string): (string | number)[] {
  return field
    .split(/[.[\]]/)
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function declaredStatus(text: string) {
  try {
    const status = statusSchema.safeParse((parseDocument(text).toJS() as { status?: unknown } | null)?.status);
    return status.success ? status.data : undefined;
  } catch (error) {
    // What yaml throws for an alias it cannot resolve; the file's own check reports it.
    if (!(error instanceof ReferenceError)) throw error;
    return undefined;
  }
}

export function parseFormat(value: string | undefined, env: NodeJS.ProcessEnv): 'text' | 'github' {
  if (value === undefined) return env.GITHUB_ACTIONS === 'true' ? 'github' : 'text';
  if (value === 'text' || value === 'github') return value;
  throw new CliError(`--format must be text or github, not "${value}".`, { exitCode: 2 });
}
