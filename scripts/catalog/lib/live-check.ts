import type pg from 'pg';
import { formatPath, type MetadataProblem } from '../../../src/shared/friendly-errors.ts';
import { siteConfig } from '../../../src/site.config.ts';
import { checkSource } from '../../build-data/steps/check-source.ts';
import { parseNeverRead, type NeverReadPattern } from '../../lib/never-read.ts';
import { findColumnProblems, readLiveColumns } from '../../build-data/steps/check-schema.ts';
import type { MetadataFile } from '../../../src/shared/metadata.ts';

/**
 * Checks each approved dataset against the live database with the same checks the snapshot makes:
 * its field dictionary against the live columns (a renamed or retyped column), what its source
 * reads against source.reads and the never-read list, and its row filter's columns. So a problem
 * is caught in review rather than at the night's build. Reads only the system catalogs: no row.
 */
export async function checkLiveColumns(
  client: pg.Client,
  files: readonly MetadataFile[],
  sourceLabel: string,
  neverRead: readonly NeverReadPattern[] = parseNeverRead(siteConfig.privacy.neverRead),
): Promise<MetadataProblem[]> {
  const problems: MetadataProblem[] = [];
  for (const { file, dataset, lineOf } of files) {
    if (dataset.status !== 'approved') continue;
    const { schema, table } = dataset.source;
    const live = await readLiveColumns(client, schema, table);
    if (!live) {
      problems.push({
        file,
        line: lineOf?.(['source', 'table']) ?? null,
        field: 'source',
        message:
          `${schema}.${table} does not exist in ${sourceLabel} or this database role cannot see it; ` +
          'check source.schema and source.table, and that the role has USAGE on the schema and SELECT on the table',
      });
      continue;
    }
    const checked = await checkSource(
      client,
      dataset,
      live.map((c) => c.name),
      neverRead,
    );
    for (const problem of checked?.problems ?? []) {
      problems.push({ file, line: lineOf?.(problem.path) ?? null, field: formatPath(problem.path), message: problem.message });
    }
    for (const problem of findColumnProblems(dataset, live)) {
      problems.push({
        file,
        line: lineOf?.(['fields', problem.index, 'name']) ?? null,
        field: `fields[${problem.index}].name`,
        message: `"${problem.name}": ${problem.message}`,
      });
    }
  }
  return problems;
}
