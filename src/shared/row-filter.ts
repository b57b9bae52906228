import { loadModule, parseSync, scanSync } from 'libpg-query';
import { quoteIdent, quoteLiteral } from './sql-quote.ts';

/**
 * Row filters (`privacy.rowFilter.where`), parsed by PostgreSQL's own parser (libpg_query, compiled
 * to WebAssembly and shipped in the npm package: nothing is fetched at run time) and then compiled
 * back to SQL from the parse tree. The published query never contains the text a maintainer typed:
 * only what this grammar accepted, rebuilt with quoted identifiers, quoted literals and
 * schema-qualified functions, types and operators. So a filter cannot escape its parentheses,
 * hide a second statement, or reach anything but the source's own columns.
 *
 * The grammar: column names of the source (one name, no table or schema in front, no system
 * columns), literals, comparison / arithmetic / text operators, AND / OR / NOT, IN (list),
 * BETWEEN, LIKE / ILIKE, IS [NOT] NULL / TRUE / FALSE / DISTINCT FROM, CASE, COALESCE, NULLIF,
 * GREATEST / LEAST, casts to built-in scalar types, CURRENT_DATE and friends, and the functions in
 * `ALLOWED_FUNCTIONS`. Everything else is refused with what to do instead.
 */

await loadModule();

/** Functions a row filter may call: immutable or stable, reading nothing but their arguments. */
export const ALLOWED_FUNCTIONS: ReadonlySet<string> = new Set([
  'lower',
  'upper',
  'length',
  'char_length',
  'character_length',
  'octet_length',
  'btrim',
  'ltrim',
  'rtrim',
  'substring',
  'substr',
  'left',
  'right',
  'strpos',
  'position',
  'starts_with',
  'replace',
  'abs',
  'round',
  'trunc',
  'floor',
  'ceil',
  'ceiling',
  'sign',
  'mod',
  'date_trunc',
  'date_part',
  'extract',
  'now',
  'age',
  'make_date',
]);

/** Built-in scalar types a value may be cast to (as PostgreSQL's parser names them). */
export const ALLOWED_CAST_TYPES: ReadonlySet<string> = new Set([
  'bool',
  'int2',
  'int4',
  'int8',
  'numeric',
  'float4',
  'float8',
  'text',
  'varchar',
  'bpchar',
  'date',
  'time',
  'timetz',
  'timestamp',
  'timestamptz',
  'interval',
]);

/** Operators a row filter may use: comparison, arithmetic, text concatenation and pattern matching. */
const ALLOWED_OPERATORS: ReadonlySet<string> = new Set(['=', '<>', '!=', '<', '>', '<=', '>=', '+', '-', '*', '/', '%', '||', '~', '~*', '!~', '!~*']);

/** System columns: hidden row metadata, never a declared column. */
const SYSTEM_COLUMNS: ReadonlySet<string> = new Set(['ctid', 'xmin', 'xmax', 'cmin', 'cmax', 'tableoid']);

/**
 * Built-in (or well-known extension) functions that read relations, files, large objects, other
 * databases or settings named in their arguments: PostgreSQL records nothing of what they read, so
 * nobody can check it. Row filters never call them; views that call them are refused (read-closure.ts).
 */
const READS_BY_NAME =
  /^(query|table|cursor|schema|database)_to_xml|^(query|table|cursor|schema|database)_to_xmlschema$|^ts_stat$|^pg_(read_file|read_binary_file|ls_|stat_file|logical_slot_|file_)|^lo_|^loread$|^dblink|^current_setting$|^set_config$/;

export function readsByName(functionName: string): boolean {
  return READS_BY_NAME.test(functionName);
}

/** Names that tell a reader why a function is refused in a row filter: query builders and system functions. */
const QUERY_OR_SYSTEM = /(^|_)(xml|xmlschema|json|jsonb)(_|$)|^pg_/;

const GRAMMAR = 'the grammar is in docs/maintainers.md, "Row filters"';

const INSTEAD_OF_READING =
  "a row filter may only test this table's own columns. To publish rows that depend on another table, publish a view that does the join and declare what it reads in source.reads";

export type RowFilterResult =
  | { ok: true; /** The SQL condition rebuilt from the parse tree (the only text the query uses). */ sql: string; /** Column names the filter reads. */ columns: string[] }
  | { ok: false; /** What is wrong and what to do, without the file (callers add where). */ problem: string };

class Refusal extends Error {}

type AstNode = Record<string, unknown>;

/** Checks a row filter against the grammar and compiles it; never throws for bad input. */
export function compileRowFilter(where: string): RowFilterResult {
  try {
    const lexical = lexicalProblem(where);
    if (lexical) return { ok: false, problem: lexical };
    let parsed: { stmts?: { stmt: AstNode }[] };
    try {
      parsed = parseSync(`SELECT WHERE ${where}`) as typeof parsed;
    } catch (error) {
      const reason = (error as Error).message.split('\n')[0];
      return { ok: false, problem: `the row filter is not a valid SQL condition (${reason}); write a condition on this table's columns, e.g. status = 'open' AND NOT sealed` };
    }
    const statements = parsed.stmts ?? [];
    const select = statements.length === 1 ? (statements[0]!.stmt.SelectStmt as AstNode | undefined) : undefined;
    const onlyWhere = select && Object.keys(select).every((key) => ['whereClause', 'limitOption', 'op'].includes(key)) && select.op === 'SETOP_NONE';
    if (!select || !onlyWhere || !select.whereClause) {
      return { ok: false, problem: 'the row filter must be one condition, not a query or several statements; write only what follows WHERE, e.g. NOT sealed' };
    }
    const columns = new Set<string>();
    const sql = compile(select.whereClause as AstNode, columns);
    return { ok: true, sql, columns: [...columns] };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, problem: error.message };
    throw error;
  }
}

/** What the parse tree does not show: comments, dollar quoting and statement separators. */
function lexicalProblem(where: string): string | null {
  let tokens: { tokenName: string; text: string }[];
  try {
    tokens = scanSync(where).tokens;
  } catch {
    return null; // The parser reports it with its position.
  }
  for (const token of tokens) {
    if (token.tokenName === 'SQL_COMMENT' || token.tokenName === 'C_COMMENT') {
      return 'a row filter cannot contain comments ("--" or "/* */"); say what the filter does in rowFilter.reason instead';
    }
    if (token.tokenName === 'SCONST' && token.text.startsWith('$')) return "a row filter cannot use dollar quoting ($$…$$); write text in single quotes, doubling a quote inside ('O''Brien')";
    if (token.text === ';') return 'a row filter is one condition and cannot contain ";"; write only what follows WHERE';
  }
  return null;
}

function only<T extends AstNode>(node: AstNode): [string, T] {
  const keys = Object.keys(node);
  if (keys.length !== 1) throw new Refusal('the row filter could not be read as one condition');
  return [keys[0]!, node[keys[0]!] as T];
}

function names(list: unknown): string[] {
  return ((list as AstNode[] | undefined) ?? []).map((item) => {
    const value = (item as { String?: { sval?: string } }).String;
    if (!value) throw new Refusal('the row filter names something that is not a plain name');
    return value.sval ?? '';
  });
}

function list(value: unknown): AstNode[] {
  return (value as AstNode[] | undefined) ?? [];
}

function compile(node: AstNode, columns: Set<string>): string {
  const [type, body] = only<AstNode>(node);
  const sub = (child: unknown) => compile(child as AstNode, columns);
  switch (type) {
    case 'ColumnRef': {
      const fields = list(body.fields);
      if (fields.some((f) => 'A_Star' in f)) throw new Refusal('a row filter cannot use "*" (a whole row); name the columns it tests');
      const parts = names(fields);
      if (parts.length !== 1) {
        throw new Refusal(`"${parts.join('.')}" names a column of another table or schema; ${INSTEAD_OF_READING}`);
      }
      const name = parts[0]!;
      if (SYSTEM_COLUMNS.has(name)) throw new Refusal(`"${name}" is a system column (row metadata), not a column of the table; filter on the table's own columns`);
      columns.add(name);
      return quoteIdent(name);
    }
    case 'A_Const':
      return constant(body);
    case 'TypeCast':
      return `CAST(${sub(body.arg)} AS ${castType(body.typeName as AstNode)})`;
    case 'BoolExpr': {
      const args = list(body.args).map(sub);
      if (body.boolop === 'NOT_EXPR') return `(NOT ${args[0]})`;
      return `(${args.join(body.boolop === 'AND_EXPR' ? ' AND ' : ' OR ')})`;
    }
    case 'NullTest':
      return `(${sub(body.arg)} IS ${body.nulltesttype === 'IS_NOT_NULL' ? 'NOT ' : ''}NULL)`;
    case 'BooleanTest': {
      const test = { IS_TRUE: 'IS TRUE', IS_NOT_TRUE: 'IS NOT TRUE', IS_FALSE: 'IS FALSE', IS_NOT_FALSE: 'IS NOT FALSE', IS_UNKNOWN: 'IS UNKNOWN', IS_NOT_UNKNOWN: 'IS NOT UNKNOWN' }[
        body.booltesttype as string
      ];
      if (!test) throw new Refusal('the row filter uses a test this grammar does not know');
      return `(${sub(body.arg)} ${test})`;
    }
    case 'A_Expr':
      return operatorExpression(body, sub);
    case 'FuncCall':
      return functionCall(body, sub);
    case 'CoalesceExpr':
      return `COALESCE(${list(body.args).map(sub).join(', ')})`;
    case 'MinMaxExpr':
      return `${body.op === 'IS_GREATEST' ? 'GREATEST' : 'LEAST'}(${list(body.args).map(sub).join(', ')})`;
    case 'CaseExpr': {
      const whens = list(body.args).map((when) => {
        const [, w] = only<AstNode>(when);
        return `WHEN ${sub(w.expr)} THEN ${sub(w.result)}`;
      });
      const subject = body.arg ? ` ${sub(body.arg)}` : '';
      const otherwise = body.defresult ? ` ELSE ${sub(body.defresult)}` : '';
      return `(CASE${subject} ${whens.join(' ')}${otherwise} END)`;
    }
    case 'SQLValueFunction':
      return clockValue(body);
    case 'SubLink':
      throw new Refusal(`a row filter cannot contain a subquery (SELECT, EXISTS, IN (SELECT …), TABLE …, ARRAY(…)): it would read other tables; ${INSTEAD_OF_READING}`);
    default:
      throw new Refusal(`a row filter cannot contain ${describeNode(type)}; ${GRAMMAR}`);
  }
}

function describeNode(type: string): string {
  const words: Record<string, string> = {
    ParamRef: 'a parameter ($1)',
    A_Indirection: 'a field selection or array subscript',
    A_ArrayExpr: 'an array',
    RowExpr: 'a row constructor',
    CollateClause: 'COLLATE',
    GroupingFunc: 'GROUPING',
    XmlExpr: 'an XML expression',
    XmlSerialize: 'an XML expression',
    SetToDefault: 'DEFAULT',
  };
  return words[type] ?? (type.startsWith('Json') ? 'a JSON expression' : `a ${type} expression (not in the row filter grammar)`);
}

function constant(body: AstNode): string {
  if (body.isnull) return 'NULL';
  if ('ival' in body) {
    const value = Number((body.ival as { ival?: number }).ival ?? 0);
    return value < 0 ? `(${value})` : String(value);
  }
  if ('fval' in body) {
    const text = String((body.fval as { fval?: string }).fval ?? '0');
    if (!/^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) throw new Refusal('the row filter holds a number this grammar cannot read');
    return text.startsWith('-') ? `(${text})` : text;
  }
  if ('boolval' in body) return (body.boolval as { boolval?: boolean }).boolval ? 'TRUE' : 'FALSE';
  if ('sval' in body) return quoteLiteral((body.sval as { sval?: string }).sval ?? '');
  if ('bsval' in body) {
    const text = String((body.bsval as { bsval?: string }).bsval ?? '');
    if (/^b[01]*$/.test(text)) return `B'${text.slice(1)}'`;
    if (/^x[0-9a-f]*$/i.test(text)) return `X'${text.slice(1)}'`;
  }
  throw new Refusal('the row filter holds a literal this grammar cannot read');
}

function castType(typeName: AstNode): string {
  const parts = names(typeName.names);
  const name = parts.at(-1)!;
  const schema = parts.length === 2 ? parts[0] : parts.length === 1 ? 'pg_catalog' : null;
  const shown = parts.join('.');
  if (schema !== 'pg_catalog' || !ALLOWED_CAST_TYPES.has(name) || typeName.setof || typeName.pct_type) {
    throw new Refusal(`a row filter cannot cast to ${shown}: casts are allowed to built-in scalar types only (${[...ALLOWED_CAST_TYPES].join(', ')})`);
  }
  if (list(typeName.arrayBounds).length > 0) throw new Refusal(`a row filter cannot cast to an array (${shown}[]); compare single values`);
  const mods = list(typeName.typmods);
  if (mods.length > 0 && name === 'interval') throw new Refusal("a row filter cannot give an interval field (interval '1' day); write the unit in the text: interval '1 day'");
  const compiledMods = mods.map((mod) => {
    const value = (mod as { A_Const?: { ival?: { ival?: number } } }).A_Const?.ival;
    if (!value) throw new Refusal(`the type modifier of ${shown} must be a whole number, e.g. numeric(10, 2)`);
    return String(Number(value.ival ?? 0));
  });
  return `pg_catalog.${quoteIdent(name)}${compiledMods.length > 0 ? `(${compiledMods.join(', ')})` : ''}`;
}

function operatorName(body: AstNode): string {
  const parts = names(body.name);
  if (parts.length !== 1 || !ALLOWED_OPERATORS.has(parts[0]!)) {
    throw new Refusal(`a row filter cannot use the operator ${parts.join('.')}: the operators allowed are ${[...ALLOWED_OPERATORS].join(' ')}, LIKE, ILIKE, IN, BETWEEN and IS`);
  }
  return parts[0]!;
}

function operatorExpression(body: AstNode, sub: (child: unknown) => string): string {
  const left = () => sub(body.lexpr);
  const right = () => sub(body.rexpr);
  const pair = () => {
    const items = (body.rexpr as { List?: { items?: AstNode[] } }).List?.items ?? [];
    if (items.length !== 2) throw new Refusal('BETWEEN takes two bounds: x BETWEEN 1 AND 10');
    return `${sub(items[0])} AND ${sub(items[1])}`;
  };
  switch (body.kind) {
    case 'AEXPR_OP': {
      const op = `OPERATOR(pg_catalog.${operatorName(body)})`;
      return body.lexpr ? `(${left()} ${op} ${right()})` : `(${op} ${right()})`;
    }
    case 'AEXPR_IN': {
      const items = (body.rexpr as { List?: { items?: AstNode[] } }).List?.items;
      if (!items) throw new Refusal(`a row filter cannot contain a subquery (SELECT, EXISTS, IN (SELECT …), TABLE …): it would read other tables; ${INSTEAD_OF_READING}`);
      const negated = names(body.name)[0] === '<>';
      return `(${left()} ${negated ? 'NOT IN' : 'IN'} (${items.map(sub).join(', ')}))`;
    }
    case 'AEXPR_LIKE':
    case 'AEXPR_ILIKE': {
      if ((body.rexpr as AstNode).FuncCall) throw new Refusal('a row filter cannot use LIKE … ESCAPE; use the default escape character, a backslash');
      const negated = names(body.name)[0]!.startsWith('!');
      return `(${left()} ${negated ? 'NOT ' : ''}${body.kind === 'AEXPR_LIKE' ? 'LIKE' : 'ILIKE'} ${right()})`;
    }
    case 'AEXPR_BETWEEN':
      return `(${left()} BETWEEN ${pair()})`;
    case 'AEXPR_NOT_BETWEEN':
      return `(${left()} NOT BETWEEN ${pair()})`;
    case 'AEXPR_BETWEEN_SYM':
      return `(${left()} BETWEEN SYMMETRIC ${pair()})`;
    case 'AEXPR_NOT_BETWEEN_SYM':
      return `(${left()} NOT BETWEEN SYMMETRIC ${pair()})`;
    case 'AEXPR_DISTINCT':
      return `(${left()} IS DISTINCT FROM ${right()})`;
    case 'AEXPR_NOT_DISTINCT':
      return `(${left()} IS NOT DISTINCT FROM ${right()})`;
    case 'AEXPR_NULLIF':
      return `NULLIF(${left()}, ${right()})`;
    case 'AEXPR_OP_ANY':
    case 'AEXPR_OP_ALL':
      throw new Refusal('a row filter cannot use ANY or ALL; list the values with IN (…)');
    default:
      throw new Refusal(
        `a row filter cannot use ${String(body.kind)
          .replace(/^AEXPR_/, '')
          .replaceAll('_', ' ')}; use =, LIKE, IN or BETWEEN`,
      );
  }
}

function functionCall(body: AstNode, sub: (child: unknown) => string): string {
  const parts = names(body.funcname);
  const name = parts.at(-1)!;
  const qualified = parts.length === 2 && parts[0] === 'pg_catalog';
  const shown = parts.join('.');
  if ((parts.length !== 1 && !qualified) || !ALLOWED_FUNCTIONS.has(name)) {
    if (parts.length > 1 && !qualified) throw new Refusal(`a row filter cannot call ${shown}(): a function of the database may read anything; ${INSTEAD_OF_READING}`);
    if (READS_BY_NAME.test(name) || QUERY_OR_SYSTEM.test(name)) throw new Refusal(`a row filter cannot call ${shown}(): it can read other tables, files or settings by name; ${INSTEAD_OF_READING}`);
    throw new Refusal(`a row filter cannot call ${shown}(): the functions allowed are ${[...ALLOWED_FUNCTIONS].join(', ')}; ${GRAMMAR}`);
  }
  if (body.agg_star || body.agg_distinct || body.agg_order || body.agg_filter || body.over || body.func_variadic || body.agg_within_group) {
    throw new Refusal(`${name}() is called as an aggregate or window function, which a row filter cannot use; test each row's own values`);
  }
  const args = list(body.args);
  if (args.some((arg) => 'NamedArgExpr' in arg)) throw new Refusal(`${name}() is called with named arguments; pass them by position`);
  return `pg_catalog.${quoteIdent(name)}(${args.map(sub).join(', ')})`;
}

function clockValue(body: AstNode): string {
  const keyword: Record<string, string> = {
    SVFOP_CURRENT_DATE: 'CURRENT_DATE',
    SVFOP_CURRENT_TIME: 'CURRENT_TIME',
    SVFOP_CURRENT_TIME_N: 'CURRENT_TIME',
    SVFOP_CURRENT_TIMESTAMP: 'CURRENT_TIMESTAMP',
    SVFOP_CURRENT_TIMESTAMP_N: 'CURRENT_TIMESTAMP',
    SVFOP_LOCALTIME: 'LOCALTIME',
    SVFOP_LOCALTIME_N: 'LOCALTIME',
    SVFOP_LOCALTIMESTAMP: 'LOCALTIMESTAMP',
    SVFOP_LOCALTIMESTAMP_N: 'LOCALTIMESTAMP',
  };
  const op = String(body.op);
  const word = keyword[op];
  if (!word) throw new Refusal(`a row filter cannot use ${op.replace(/^SVFOP_/, '').toLowerCase()}; it may use the date and time only (CURRENT_DATE, now())`);
  return op.endsWith('_N') ? `${word}(${Number(body.typmod ?? 0)})` : word;
}

/**
 * The row filter's columns that the live relation does not have (a typo, a dropped column, or the
 * table's own name, which PostgreSQL would read as the whole row), for the checks that see it.
 */
export function unknownFilterColumns(columns: readonly string[], live: readonly string[]): string[] {
  const known = new Set(live);
  return columns.filter((c) => !known.has(c));
}
