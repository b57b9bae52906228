import type pg from 'pg';
import type { MetadataProblem } from '../../../src/shared/friendly-errors.ts';
import { findColumnProblems, readLiveColumns } from '../../build-data/steps/check-schema.ts';
import type { MetadataFile } from '../../../src/shared/metadata.ts';

/**
 * Checks each approved dataset's field dictionary against the live table, the same comparison the
 * snapshot makes, so a renamed or retyped column is caught in review rather than at the night's build.
 * Reads only the system catalogs: no row of any table.
 */
export async function checkLiveColumns(client: pg.Client, files: readonly MetadataFile[], sourceLabel: string): Promise<MetadataProblem[]> {
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
