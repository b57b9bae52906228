import type pg from 'pg';
import type { Dataset } from '../../../src/schemas/dataset.ts';
import { formatPath } from '../../../src/shared/friendly-errors.ts';
import { formatRelationName, parseQualifiedName } from '../../../src/schemas/relation-name.ts';
import { neverReadMatch, SYSTEM_SCHEMAS, type NeverReadPattern } from '../../lib/never-read.ts';
import { compileRowFilter, unknownFilterColumns } from '../../../src/shared/row-filter.ts';
import { readClosure, type ReadClosure, type ReadObject } from './read-closure.ts';

/**
 * Nothing but the declared source is read: before any row is read, the build (and
 * `catalog:check -- --database`) checks what the source reads against `source.reads` and the
 * site-wide never-read list, and the row filter's columns against the live relation.
 */

/** One refusal: the metadata path it is about and what to do. */
export interface SourceProblem {
  path: (string | number)[];
  message: string;
}

export interface SourceCheck {
  problems: SourceProblem[];
  /** Things a person should know but that do not stop the dataset (declared functions whose reads cannot be checked). */
  notes: string[];
}

const name = (o: { schema: string; name: string }) => formatRelationName({ schema: o.schema, table: o.name });

function describe(object: ReadObject): string {
  const through = object.via ? `, through ${object.via}` : '';
  return `${name(object)} (${object.kind}${through})`;
}

/**
 * Objects a view's `source.reads` must list: everything it reads except partitions and inheritance
 * children, which go with their parent, and system catalogs, which are refused whatever is declared.
 */
function declarable(closure: ReadClosure): ReadObject[] {
  return closure.reads.filter((o) => o.kind !== 'partition' && o.kind !== 'inheritance child' && !SYSTEM_SCHEMAS.includes(o.schema));
}

/** Compares a closure with the metadata and the never-read list (pure: the database part is readClosure). */
export function closureProblems(dataset: Dataset, closure: ReadClosure, neverRead: readonly NeverReadPattern[]): SourceCheck {
  const problems: SourceProblem[] = [];
  const notes: string[] = [];
  const declaredEntries = dataset.source.reads;
  const readsPath = declaredEntries ? ['source', 'reads'] : ['source', 'table'];
  const isView = closure.source.kind === 'view' || closure.source.kind === 'materialised view';

  for (const object of [closure.source, ...closure.reads]) {
    const pattern = neverReadMatch({ schema: object.schema, table: object.name }, neverRead);
    if (!pattern) continue;
    const what = object === closure.source ? `the source ${name(object)}` : `it reads ${describe(object)}`;
    problems.push({
      path: object === closure.source ? ['source', 'table'] : readsPath,
      message:
        pattern === '(system catalog)'
          ? `${what}, a system catalog of PostgreSQL; no dataset may read one. Publish a table or a view of your own data`
          : `${what}, which the never-read list forbids (privacy.neverRead "${pattern}" in src/site.config.ts); no dataset may read it, directly or through a view, a function, a partition or an inheritance child. Choose a source that does not read it`,
    });
  }
  // A system catalog as the source is all there is to say.
  if (problems.some((p) => p.path[1] === 'table' && neverReadMatch({ schema: closure.source.schema, table: closure.source.name }, neverRead) === '(system catalog)')) {
    return { problems, notes };
  }
  for (const fn of closure.byNameFunctions) {
    problems.push({
      path: readsPath,
      message: `${fn.via} calls ${fn.name}(), which reads tables, files or settings named in its arguments; PostgreSQL records nothing of what it reads, so it cannot be checked. Remove the call from the view`,
    });
  }

  const declared = new Map((declaredEntries ?? []).map((entry, index) => [formatRelationName(parseQualifiedName(entry)!), index]));
  declared.delete(name(closure.source));
  const needed = declarable(closure);
  if (!isView && !declaredEntries) return { problems, notes };
  if (isView && !declaredEntries) {
    const list = needed.map((o) => name(o));
    problems.push({
      path: ['source', 'table'],
      message:
        `the source ${name(closure.source)} is a ${closure.source.kind}: declare everything it reads in source.reads, so the review shows every table it draws from` +
        (list.length > 0 ? `; it reads ${needed.map(describe).join(', ')}: source.reads: [${list.join(', ')}]` : '; it reads no table: source.reads: []'),
    });
    return { problems, notes };
  }
  const undeclared = needed.filter((o) => !declared.has(name(o)));
  if (undeclared.length > 0) {
    problems.push({
      path: readsPath,
      message: `the source reads what source.reads does not list: ${undeclared.map(describe).join(', ')}. Add ${undeclared.length === 1 ? 'it' : 'them'} to source.reads after checking with the data owner that ${undeclared.length === 1 ? 'it' : 'they'} may be published, or change the view`,
    });
  }
  const found = new Set(needed.map(name));
  for (const [entry, index] of declared) {
    if (found.has(entry)) continue;
    problems.push({
      path: ['source', 'reads', index],
      message: isView
        ? `${entry} is listed but the source does not read it (any more); remove it from source.reads`
        : `${entry} is listed but the source ${name(closure.source)} is a ${closure.source.kind}, which reads only itself; remove source.reads`,
    });
  }
  const opaque = needed.filter((o) => o.opaque && declared.has(name(o)));
  if (opaque.length > 0) {
    notes.push(
      `reads function(s) whose body PostgreSQL does not record, so what they read was not checked: ${opaque.map((o) => name(o)).join(', ')}. ` +
        'Read their definitions when reviewing; a SQL function written with BEGIN ATOMIC is checked like a view',
    );
  }
  return { problems, notes };
}

/** The row filter's columns that the live relation does not have. */
export function rowFilterColumnProblems(dataset: Dataset, liveColumns: readonly string[]): SourceProblem[] {
  const filter = dataset.privacy.rowFilter;
  if (!filter) return [];
  const compiled = compileRowFilter(filter.where);
  if (!compiled.ok) return [{ path: ['privacy', 'rowFilter', 'where'], message: compiled.problem }];
  const unknown = unknownFilterColumns(compiled.columns, liveColumns);
  if (unknown.length === 0) return [];
  const source = `${dataset.source.schema}.${dataset.source.table}`;
  return [
    {
      path: ['privacy', 'rowFilter', 'where'],
      message: `the row filter names ${unknown.map((c) => `"${c}"`).join(', ')}, which ${unknown.length === 1 ? 'is not a column' : 'are not columns'} of ${source}; a row filter may only test the source's own columns (names are case-sensitive)`,
    },
  ];
}

/** Reads the closure and checks it; null when the source does not exist (the drift check reports that). */
export async function checkSource(client: pg.Client, dataset: Dataset, liveColumns: readonly string[], neverRead: readonly NeverReadPattern[]): Promise<SourceCheck | null> {
  const closure = await readClosure(client, dataset.source.schema, dataset.source.table);
  if (!closure) return null;
  const { problems, notes } = closureProblems(dataset, closure, neverRead);
  return { problems: [...problems, ...rowFilterColumnProblems(dataset, liveColumns)], notes };
}

/** The build's refusal: one located line per problem, as catalog:check prints them. */
export function sourceRefusal(file: string, lineOf: ((path: readonly PropertyKey[]) => number | null) | undefined, problems: readonly SourceProblem[]): string {
  const lines = problems.map((p) => {
    const line = lineOf?.(p.path);
    return `  ${file}${line ? `:${line}` : ''}  ${formatPath(p.path)}: ${p.message}`;
  });
  return `What the source reads is not what the metadata allows, so no row was read:\n${lines.join('\n')}`;
}
