import type { DatasetInput } from '../../../src/schemas/dataset.ts';
import { approvedTestDataset } from '../../helpers/test-datasets.ts';

/**
 * Attempts, made through metadata alone, to read a table nobody approved or to leak its values.
 * `metadata` attempts are refused when the metadata is read (catalog:check, and build:data before it
 * connects); `database` attempts when build:data (or catalog:check -- --database) looks at what the
 * source reads, before any row is read, or, for the casts, by an error that must not quote a value.
 */
export interface Attempt {
  id: string;
  stage: 'metadata' | 'database';
  /** What the attempt tries. */
  what: string;
  /** The specific message it must end with (a fragment of the located line). */
  message: string;
  dataset: DatasetInput;
}

const idAndCategory = [
  { name: 'id', title: 'Number', description: 'The number of the complaint.', type: 'integer' as const },
  { name: 'category', title: 'Category', description: 'What the complaint is about.', type: 'string' as const },
];

function dataset(id: string, source: DatasetInput['source'], extra: Partial<DatasetInput> = {}): DatasetInput {
  return approvedTestDataset({
    id,
    title: `Red team ${id}`,
    summary: 'An attempt to read a table nobody approved, made through metadata alone.',
    description: 'Written by the red-team test: each file tries one way to read or leak the unapproved tables.',
    rowMeaning: 'one complaint',
    keywords: ['red team'],
    theme: 'government',
    source,
    fields: idAndCategory,
    collectionMethod: 'Written by the red-team test, not collected from anyone.',
    primaryKey: ['id'],
    ...extra,
  });
}

const complaints = { schema: 'pub', table: 'complaints' };
const filtered = (id: string, where: string) => dataset(id, complaints, { privacy: { rowFilter: { where, reason: 'Rows are left out by a filter written by the red team.' } } });

const SUBQUERY = 'a row filter cannot contain a subquery (SELECT, EXISTS, IN (SELECT …), TABLE …, ARRAY(…)): it would read other tables';
const BY_NAME = 'it can read other tables, files or settings by name';

export const attempts: Attempt[] = [
  // Row filters (refused by the grammar, with the file and the line of `where`).
  { stage: 'metadata', id: 'rf-exists-table', what: 'EXISTS (TABLE …)', message: SUBQUERY, dataset: filtered('rf-exists-table', 'EXISTS (TABLE hr.secret)') },
  { stage: 'metadata', id: 'rf-in-subquery', what: 'IN (SELECT …)', message: SUBQUERY, dataset: filtered('rf-in-subquery', 'id IN (SELECT id FROM hr.secret)') },
  {
    stage: 'metadata',
    id: 'rf-scalar-subquery',
    what: 'a scalar subquery whose length becomes the row count',
    message: SUBQUERY,
    dataset: filtered('rf-scalar-subquery', 'id <= length((SELECT name FROM hr.secret LIMIT 1))'),
  },
  {
    stage: 'metadata',
    id: 'rf-array-subquery',
    what: 'ANY (ARRAY(SELECT …))',
    message: 'a row filter cannot use ANY or ALL',
    dataset: filtered('rf-array-subquery', 'id = ANY (ARRAY(SELECT id FROM hr.secret))'),
  },
  {
    stage: 'metadata',
    id: 'rf-table-to-xml',
    what: "table_to_xml('hr.secret', …) measured into the row count",
    message: `a row filter cannot call table_to_xml(): ${BY_NAME}`,
    dataset: filtered('rf-table-to-xml', "id <= length(table_to_xml('hr.secret', true, false, '')::text)"),
  },
  {
    stage: 'metadata',
    id: 'rf-query-to-xml',
    what: 'query_to_xml with the query inside a string literal',
    message: `a row filter cannot call query_to_xml(): ${BY_NAME}`,
    dataset: filtered('rf-query-to-xml', "query_to_xml('select name from hr.secret', true, false, '') IS NOT NULL"),
  },
  {
    stage: 'metadata',
    id: 'rf-query-to-xml-qualified',
    what: 'pg_catalog.query_to_xml, schema-qualified',
    message: `a row filter cannot call pg_catalog.query_to_xml(): ${BY_NAME}`,
    dataset: filtered('rf-query-to-xml-qualified', "pg_catalog.query_to_xml('select 1', true, false, '') IS NOT NULL"),
  },
  {
    stage: 'metadata',
    id: 'rf-ts-stat',
    what: 'ts_stat, which runs a query given as text',
    message: `a row filter cannot call ts_stat(): ${BY_NAME}`,
    dataset: filtered('rf-ts-stat', "ts_stat('select to_tsvector(name) from hr.secret') IS NOT NULL"),
  },
  {
    stage: 'metadata',
    id: 'rf-cast-error-cross-table',
    what: 'a cast that would quote a value of another table in its error',
    message: `a row filter cannot call query_to_xml(): ${BY_NAME}`,
    dataset: filtered('rf-cast-error-cross-table', "query_to_xml('select name from hr.secret', true, false, '')::text::integer > 0"),
  },
  {
    stage: 'metadata',
    id: 'rf-qualified-column',
    what: 'a column of the other table, schema-qualified',
    message: '"hr.secret.name" names a column of another table or schema',
    dataset: filtered('rf-qualified-column', 'hr.secret.name IS NOT NULL'),
  },
  {
    stage: 'metadata',
    id: 'rf-quoted-column',
    what: 'a column of the other table, with quoted identifiers',
    message: '"HR Dept.Secret Table.Full Name" names a column of another table or schema',
    dataset: filtered('rf-quoted-column', `"HR Dept"."Secret Table"."Full Name" = 'x'`),
  },
  {
    stage: 'metadata',
    id: 'rf-semicolon',
    what: 'a second statement after ";"',
    message: 'a row filter is one condition and cannot contain ";"',
    dataset: filtered('rf-semicolon', 'true; SELECT name FROM hr.secret'),
  },
  {
    stage: 'metadata',
    id: 'rf-parenthesis-escape',
    what: 'closing the WHERE parenthesis to add a UNION',
    message: 'the row filter is not a valid SQL condition (syntax error at or near ")")',
    dataset: filtered('rf-parenthesis-escape', 'true) UNION SELECT id, name FROM hr.secret WHERE (true'),
  },
  {
    stage: 'metadata',
    id: 'rf-comment',
    what: 'a comment hiding the rest of the query',
    message: 'a row filter cannot contain comments',
    dataset: filtered('rf-comment', 'true OR EXISTS (SELECT 1 FROM hr.secret) --'),
  },
  {
    stage: 'metadata',
    id: 'rf-dollar-quoting',
    what: 'dollar quoting around a query',
    message: 'a row filter cannot use dollar quoting',
    dataset: filtered('rf-dollar-quoting', "category = $q$x$q$ OR query_to_xml($q$select name from hr.secret$q$, true, false, '') IS NOT NULL"),
  },
  {
    stage: 'metadata',
    id: 'rf-regclass',
    what: 'a cast to regclass, the door to functions taking a table',
    message: 'a row filter cannot cast to regclass',
    dataset: filtered('rf-regclass', "'hr.secret'::regclass IS NOT NULL"),
  },
  { stage: 'metadata', id: 'rf-system-column', what: 'a system column', message: '"tableoid" is a system column', dataset: filtered('rf-system-column', 'tableoid::integer > 0') },
  {
    stage: 'metadata',
    id: 'rf-user-function',
    what: 'a function of the database that reads hr.secret',
    message: 'a row filter cannot call pub.secret_name(): a function of the database may read anything',
    dataset: filtered('rf-user-function', 'pub.secret_name(id) IS NOT NULL'),
  },
  {
    stage: 'metadata',
    id: 'rf-user-operator',
    what: 'an operator of another schema',
    message: 'a row filter cannot use the operator pub.===',
    dataset: filtered('rf-user-operator', 'id OPERATOR(pub.===) 1'),
  },
  {
    stage: 'metadata',
    id: 'rf-current-setting',
    what: 'a server setting',
    message: `a row filter cannot call current_setting(): ${BY_NAME}`,
    dataset: filtered('rf-current-setting', "current_setting('app.secret', true) IS NULL"),
  },
  { stage: 'metadata', id: 'rf-lateral-values', what: 'a VALUES list in a subquery', message: SUBQUERY, dataset: filtered('rf-lateral-values', 'id IN (VALUES (1), (2))') },

  // What a source reads (refused before any row is read, by build:data and catalog:check -- --database).
  {
    stage: 'database',
    id: 'view-join-undeclared',
    what: 'a view joining the unapproved table, declaring only the approved one',
    message: 'the source reads what source.reads does not list: hr.secret (table, through pub.complaints_named)',
    dataset: dataset('view-join-undeclared', { schema: 'pub', table: 'complaints_named', reads: ['pub.complaints'] }),
  },
  {
    stage: 'database',
    id: 'view-no-reads',
    what: 'a view with no source.reads at all',
    message: 'the source pub.complaints_named is a view: declare everything it reads in source.reads',
    dataset: dataset('view-no-reads', { schema: 'pub', table: 'complaints_named' }),
  },
  {
    stage: 'database',
    id: 'view-nested',
    what: 'a view over a view over the unapproved table',
    message: 'hr.secret (table, through pub.inner_view)',
    dataset: dataset('view-nested', { schema: 'pub', table: 'outer_view', reads: ['pub.inner_view', 'pub.complaints'] }),
  },
  {
    stage: 'database',
    id: 'view-cte',
    what: 'a view reading the unapproved table in a CTE',
    message: 'hr.secret (table, through pub.cte_view)',
    dataset: dataset('view-cte', { schema: 'pub', table: 'cte_view', reads: ['pub.complaints'] }),
  },
  {
    stage: 'database',
    id: 'view-quoted',
    what: 'quoted schema and table names with dots and spaces',
    message: '"HR Dept"."Secret Table" (table, through "Pub Views"."Complaints.Named")',
    dataset: dataset('view-quoted', { schema: 'Pub Views', table: 'Complaints.Named', reads: ['pub.complaints'] }),
  },
  {
    stage: 'database',
    id: 'matview',
    what: 'a materialised view holding a count of the unapproved table',
    message: 'hr.secret (table, through pub.secret_counts)',
    dataset: dataset('matview', { schema: 'pub', table: 'secret_counts', reads: ['pub.complaints'] }),
  },
  {
    stage: 'database',
    id: 'view-never-read',
    what: 'a view over a never-read table, declared in full',
    message: 'it reads auth.tokens (table, through pub.token_view), which the never-read list forbids (privacy.neverRead "auth.*"',
    dataset: dataset('view-never-read', { schema: 'pub', table: 'token_view', reads: ['pub.complaints', 'auth.tokens'] }),
  },
  {
    stage: 'database',
    id: 'source-never-read',
    what: 'a never-read table as the source itself',
    message: 'the source auth.tokens, which the never-read list forbids',
    dataset: dataset('source-never-read', { schema: 'auth', table: 'tokens' }, { fields: [idAndCategory[0]!] }),
  },
  {
    stage: 'database',
    id: 'view-query-to-xml',
    what: 'a view calling query_to_xml with the query in a literal',
    message: 'pub.xml_view calls pg_catalog.query_to_xml(), which reads tables, files or settings named in its arguments',
    dataset: dataset('view-query-to-xml', { schema: 'pub', table: 'xml_view', reads: ['pub.complaints'] }),
  },
  {
    stage: 'database',
    id: 'view-plpgsql-function',
    what: 'a view calling a plpgsql function that reads the unapproved table',
    message: 'pub.secret_name (function, through pub.function_view)',
    dataset: dataset('view-plpgsql-function', { schema: 'pub', table: 'function_view', reads: ['pub.complaints'] }),
  },
  {
    stage: 'database',
    id: 'view-atomic-function',
    what: 'a view calling a BEGIN ATOMIC function, declaring the function only',
    message: 'hr.secret (table, through pub.secret_name_atomic)',
    dataset: dataset('view-atomic-function', { schema: 'pub', table: 'atomic_view', reads: ['pub.complaints', 'pub.secret_name_atomic'] }),
  },
  {
    stage: 'database',
    id: 'view-system-recorded',
    what: 'a view over a system view (pg_roles)',
    message: 'it reads pg_catalog.pg_roles (view, through pub.roles_view), a system catalog of PostgreSQL',
    dataset: dataset('view-system-recorded', { schema: 'pub', table: 'roles_view', reads: ['pub.complaints'] }),
  },
  {
    stage: 'database',
    id: 'view-system-pinned',
    what: 'a view over pg_class, which PostgreSQL does not record',
    message: 'it reads pg_catalog.pg_class (system relation, through pub.class_view), a system catalog of PostgreSQL',
    dataset: dataset('view-system-pinned', { schema: 'pub', table: 'class_view', reads: ['pub.complaints'] }),
  },
  {
    stage: 'database',
    id: 'source-system-catalog',
    what: 'a system catalog as the source',
    message: 'the source pg_catalog.pg_settings, a system catalog of PostgreSQL',
    dataset: dataset(
      'source-system-catalog',
      { schema: 'pg_catalog', table: 'pg_settings' },
      { fields: [{ name: 'name', title: 'Setting', description: 'The name of the setting.', type: 'string' }], primaryKey: [] },
    ),
  },
  {
    stage: 'database',
    id: 'partition-never-read',
    what: 'a partitioned table with a partition in the never-read schema',
    message: 'it reads auth.archive_hidden (partition, through pub.archive), which the never-read list forbids',
    dataset: dataset('partition-never-read', { schema: 'pub', table: 'archive' }),
  },
  {
    stage: 'database',
    id: 'inheritance-never-read',
    what: 'a table whose inheritance child is in the never-read schema',
    message: 'it reads auth.legacy_child (inheritance child, through pub.legacy), which the never-read list forbids',
    dataset: dataset('inheritance-never-read', { schema: 'pub', table: 'legacy' }),
  },
  {
    stage: 'database',
    id: 'rf-whole-row',
    what: "the table's own name in a filter, which PostgreSQL reads as the whole row",
    message: 'the row filter names "complaints", which is not a column of pub.complaints',
    dataset: filtered('rf-whole-row', "position('RT-' in complaints::text) > 0"),
  },
  {
    stage: 'database',
    id: 'rf-cast-error',
    what: 'a cast of an unpublished column whose error quotes its value',
    message:
      'the database reported an error while counting the rows and measuring each column: a value could not be converted to the type the query asks for (a cast or a comparison with a value of another type) (SQLSTATE 22P02 invalid_text_representation)',
    dataset: filtered('rf-cast-error', 'secret_note::integer > 0'),
  },
  {
    stage: 'database',
    id: 'view-cast-error',
    what: 'a declared view whose cast fails on a value',
    message: '(SQLSTATE 22P02 invalid_text_representation)',
    dataset: dataset(
      'view-cast-error',
      { schema: 'pub', table: 'people_cast', reads: ['pub.people'] },
      { fields: [idAndCategory[0]!, { name: 'code', title: 'Code', description: 'The code of the person.', type: 'integer' }] },
    ),
  },
];

/** Datasets that must publish: the build refuses only what it must. */
export const controls: DatasetInput[] = [
  dataset('control-table', complaints, { privacy: { rowFilter: { where: "category <> 'parks' AND id > 1", reason: 'Park complaints are published by the parks department instead.' } } }),
  dataset('control-view', { schema: 'pub', table: 'complaints_by_category', reads: ['pub.complaints', 'pub.people'] }),
];
