import { describe, expect, it } from 'vitest';
import { compileRowFilter, readsByName } from './row-filter.ts';

/** The row filter grammar: what PostgreSQL's parser gives back, what is accepted and how it is rebuilt. */

const ok = (where: string) => {
  const result = compileRowFilter(where);
  if (!result.ok) throw new Error(`refused ${where}: ${result.problem}`);
  return result;
};
const problem = (where: string) => {
  const result = compileRowFilter(where);
  if (result.ok) throw new Error(`accepted ${where} as ${result.sql}`);
  return result.problem;
};

describe('row filters accepted, rebuilt from the parse tree', () => {
  it('rebuilds a column test with a quoted identifier and nothing of the original text', () => {
    expect(ok('NOT sealed')).toEqual({ ok: true, sql: '(NOT "sealed")', columns: ['sealed'] });
  });

  it('qualifies operators, functions and types with pg_catalog so nothing in another schema can stand in for them', () => {
    expect(ok("lower(status) = 'open'::text").sql).toBe(`(pg_catalog."lower"("status") OPERATOR(pg_catalog.=) CAST('open' AS pg_catalog."text"))`);
  });

  it.each([
    ["status IN ('open', 'closed')", `("status" IN ('open', 'closed'))`],
    ['status NOT IN (1, 2)', `("status" NOT IN (1, 2))`],
    ['amount BETWEEN 1 AND 10.5', `("amount" BETWEEN 1 AND 10.5)`],
    ['amount NOT BETWEEN -1 AND 1', `("amount" NOT BETWEEN (-1) AND 1)`],
    ["name LIKE 'A%'", `("name" LIKE 'A%')`],
    ["name NOT ILIKE '%x%'", `("name" NOT ILIKE '%x%')`],
    ['closed_at IS NULL', `("closed_at" IS NULL)`],
    ['closed_at IS NOT NULL OR reopened IS TRUE', `(("closed_at" IS NOT NULL) OR ("reopened" IS TRUE))`],
    ['a IS DISTINCT FROM b', `("a" IS DISTINCT FROM "b")`],
    ["opened >= current_date - interval '1 year'", `("opened" OPERATOR(pg_catalog.>=) (CURRENT_DATE OPERATOR(pg_catalog.-) CAST('1 year' AS pg_catalog."interval")))`],
    ["date_trunc('month', opened) < now()", `(pg_catalog."date_trunc"('month', "opened") OPERATOR(pg_catalog.<) pg_catalog."now"())`],
    ['extract(year FROM opened) > 2020', `(pg_catalog."extract"('year', "opened") OPERATOR(pg_catalog.>) 2020)`],
    ['coalesce(priority, 0) > 2', `(COALESCE("priority", 0) OPERATOR(pg_catalog.>) 2)`],
    ["CASE WHEN kind = 'a' THEN 1 ELSE 0 END = 1", `((CASE WHEN ("kind" OPERATOR(pg_catalog.=) 'a') THEN 1 ELSE 0 END) OPERATOR(pg_catalog.=) 1)`],
    ['amount::numeric(10, 2) > 1.5', `(CAST("amount" AS pg_catalog."numeric"(10, 2)) OPERATOR(pg_catalog.>) 1.5)`],
    [`"Sealed Record" = false`, `("Sealed Record" OPERATOR(pg_catalog.=) FALSE)`],
    [`note = 'O''Brien; -- not a comment'`, `("note" OPERATOR(pg_catalog.=) 'O''Brien; -- not a comment')`],
  ])('accepts %j', (where, sql) => {
    expect(ok(where).sql).toBe(sql);
  });

  it('lists the columns a filter reads, once each', () => {
    expect(ok('a > 1 AND (b < 2 OR a = 3) AND "C d" IS NULL').columns).toEqual(['a', 'b', 'C d']);
  });
});

describe('row filters refused, with what to do instead', () => {
  it.each([
    ['EXISTS (TABLE hr.staff_records)', 'a row filter cannot contain a subquery'],
    ['id IN (SELECT id FROM hr.staff_records)', 'a row filter cannot contain a subquery'],
    ['id = (SELECT max(id) FROM hr.staff_records)', 'a row filter cannot contain a subquery'],
    ['id = ANY (ARRAY(SELECT id FROM hr.staff_records))', 'a row filter cannot use ANY or ALL'],
    ["length(table_to_xml('hr.staff_records', true, false, '')::text) > 0", 'a row filter cannot call table_to_xml(): it can read other tables, files or settings by name'],
    ["query_to_xml('select 1', true, false, '') IS NOT NULL", 'a row filter cannot call query_to_xml(): it can read other tables'],
    ["pg_read_file('/etc/passwd') <> ''", 'a row filter cannot call pg_read_file()'],
    ["current_setting('app.secret') = 'x'", 'a row filter cannot call current_setting()'],
    ["jsonb_path_query_first('{}', '$') IS NULL", 'a row filter cannot call jsonb_path_query_first()'],
    ['generate_series(1, 3) = 1', 'a row filter cannot call generate_series(): the functions allowed are'],
    ['public.my_function(id)', 'a row filter cannot call public.my_function(): a function of the database may read anything'],
    ['pg_catalog.pg_sleep(1) IS NULL', 'a row filter cannot call pg_catalog.pg_sleep()'],
    ['count(*) > 1', 'a row filter cannot call count()'],
    ['lower(DISTINCT status) = 1', 'lower() is called as an aggregate or window function'],
    ['staff_records.id = 1', '"staff_records.id" names a column of another table or schema'],
    ['hr.staff_records.salary > 0', '"hr.staff_records.salary" names a column of another table or schema'],
    ['xmin = 1', '"xmin" is a system column'],
    ['ctid IS NOT NULL', '"ctid" is a system column'],
    ['id::regclass IS NOT NULL', 'a row filter cannot cast to regclass'],
    ["'hr.staff_records'::regclass IS NOT NULL", 'a row filter cannot cast to regclass'],
    ['id::xml IS NOT NULL', 'a row filter cannot cast to xml'],
    ['id::int[] IS NOT NULL', 'a row filter cannot cast to an array'],
    ['id::public.mytype IS NOT NULL', 'a row filter cannot cast to public.mytype'],
    ['NOT sealed; DELETE FROM x', 'a row filter is one condition and cannot contain ";"'],
    ['NOT sealed -- and more', 'a row filter cannot contain comments'],
    ['NOT /* hidden */ sealed', 'a row filter cannot contain comments'],
    ['status = $$open$$', 'a row filter cannot use dollar quoting'],
    ['status = $q$open$q$', 'a row filter cannot use dollar quoting'],
    ['id = $1', 'a row filter cannot contain a parameter ($1)'],
    ['NOT sealed) OR (true', 'the row filter is not a valid SQL condition (syntax error at or near ")")'],
    ["status = 'open", 'the row filter is not a valid SQL condition (unterminated quoted string'],
    ['true) UNION SELECT secret FROM hr.staff_records WHERE (true', 'the row filter is not a valid SQL condition'],
    ['true UNION SELECT', 'the row filter must be one condition, not a query or several statements'],
    ['true ORDER BY 1', 'the row filter must be one condition, not a query or several statements'],
    ['true LIMIT 1', 'the row filter must be one condition, not a query or several statements'],
    ['true FOR UPDATE', 'the row filter must be one condition, not a query or several statements'],
    ["current_user = 'x'", 'a row filter cannot use current_user'],
    ['status COLLATE "C" = \'a\'', 'a row filter cannot contain COLLATE'],
    ['(row).field = 1', 'a row filter cannot contain a field selection'],
    ['ROW(a, b) = ROW(1, 2)', 'a row filter cannot contain a row constructor'],
    ["status OPERATOR(public.===) 'x'", 'a row filter cannot use the operator public.==='],
    ["status SIMILAR TO 'a%'", 'a row filter cannot use SIMILAR'],
    ["status LIKE 'a!%' ESCAPE '!'", 'a row filter cannot use LIKE … ESCAPE'],
    ["interval '1' day > interval '0'", 'a row filter cannot give an interval field'],
    ["xmlexists('//a' PASSING '<a/>')", 'a row filter cannot call pg_catalog.xmlexists(): the functions allowed are'],
    ['xmlelement(name a, id) IS NOT NULL', 'a row filter cannot contain an XML expression'],
    ["JSON_EXISTS('{}', '$.a')", 'a row filter cannot contain a JSON expression'],
  ])('refuses %j', (where, message) => {
    expect(problem(where)).toContain(message);
  });

  it('tells a maintainer who reaches for another table to publish a view and declare what it reads', () => {
    expect(problem('EXISTS (TABLE hr.staff_records)')).toContain('publish a view that does the join and declare what it reads in source.reads');
  });

  it('knows the built-in functions that read by name, for the view check too', () => {
    for (const name of ['query_to_xml', 'table_to_xml', 'table_to_xml_and_xmlschema', 'cursor_to_xml', 'database_to_xml', 'ts_stat', 'pg_read_file', 'lo_get', 'dblink', 'current_setting']) {
      expect(readsByName(name), name).toBe(true);
    }
    for (const name of ['lower', 'row_to_json', 'to_jsonb', 'pg_size_pretty', 'xmlelement']) expect(readsByName(name), name).toBe(false);
  });
});
