/**
 * Building blocks for the demo tables' generator SQL. Every "random" choice is derived from md5 of
 * the row index, never from random(): md5 is byte-identical on every PostgreSQL version and
 * platform, whereas hashtext() is an internal hash that may change between major versions, and
 * floating-point maths (exp, sin…) can differ in the last bit between a native libm and WASM.
 * So all arithmetic here is integer or numeric. (Multiplying an interval by an integer goes through
 * float8, which is exact for the whole seconds and minutes used here.)
 */

/** Quotes a string as an SQL literal (standard_conforming_strings: only quotes need doubling). */
export function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** A `text[]` literal; `null` entries become SQL NULL. */
export function textArray(values: readonly (string | null)[]): string {
  return `ARRAY[${values.map((v) => (v === null ? 'NULL' : literal(v))).join(', ')}]::text[]`;
}

/** An `int[]` literal. */
export function intArray(values: readonly number[]): string {
  if (!values.every(Number.isSafeInteger)) throw new RangeError(`intArray takes integers, got ${values.join(', ')}`);
  return `ARRAY[${values.join(', ')}]::int[]`;
}

/**
 * The FROM clause of a generator: the `source` rows (e.g. `generate_series(1, 5000) AS i`), each
 * given `digests` md5 digests h0, h1… (as bytea) of `seed` and the row's `key`, then the `steps`:
 * each a list of computed columns that may use draws and every column of the steps before it.
 * One digest yields five draws (see `draw`), so n draws need ceil(n / 5) digests.
 *
 * Each level is a derived table with OFFSET 0. Without it the planner flattens the levels and
 * copies an expression into every place that uses it (one md5 per draw instead of one per row);
 * written as LATERAL joins instead, it adds nested loops and memoize nodes. Stacked like this,
 * every expression runs once per row.
 */
export function generatedRows(source: string, key: string, seed: string, digests: number, steps: readonly string[] = []): string {
  const columns = Array.from({ length: digests }, (_, n) => `decode(md5(${literal(`${seed}:${n}:`)} || ${key}), 'hex') AS h${n}`);
  return steps.reduce((inner, step, n) => `(SELECT *, ${step} FROM ${inner} OFFSET 0) AS s${n + 1}`, `(SELECT *, ${columns.join(', ')} FROM ${source} OFFSET 0) AS s0`);
}

/**
 * Draw number k of the row: a uniform integer in 0 … 2^24 − 1 made of three bytes of one digest.
 * Draws 0–4 use digest h0, 5–9 h1, and so on. get_byte on a bytea digest is about four times
 * faster in PGlite than casting hex text through bit(n), and the draws are a large part of the load time.
 */
export function draw(k: number): string {
  const digest = `h${Math.floor(k / 5)}`;
  const offset = (k % 5) * 3;
  return `(get_byte(${digest}, ${offset}) * 65536 + get_byte(${digest}, ${offset + 1}) * 256 + get_byte(${digest}, ${offset + 2}))`;
}

/** Uniform integer in min … max (inclusive) from draw k. */
export function between(min: number, max: number, k: number): string {
  return `(${min} + ${draw(k)} % ${max - min + 1})`;
}

/** True for about `percent` % of rows, from draw k. */
export function chance(percent: number, k: number): string {
  return `(${draw(k)} % 1000 < ${Math.round(percent * 10)})`;
}

/** One element of a text array, chosen uniformly by draw k. */
export function pick(values: readonly (string | null)[], k: number): string {
  return `(${textArray(values)})[1 + ${draw(k)} % ${values.length}]`;
}

/**
 * A 1-based index into `weights`, chosen with the given relative weights by draw k. Returned as an
 * index so that several arrays describing the same item (a species' common and Latin name) stay in step.
 */
export function weightedIndex(weights: readonly number[], k: number): string {
  const total = weights.reduce((sum, w) => sum + w, 0);
  // The draw is repeated in each branch rather than computed once: it is only three get_byte calls.
  const r = `(${draw(k)} % ${total})`;
  let cumulative = 0;
  const branches = weights.slice(0, -1).map((weight, index) => {
    cumulative += weight;
    return `WHEN ${r} < ${cumulative} THEN ${index + 1}`;
  });
  return `(CASE ${branches.join(' ')} ELSE ${weights.length} END)`;
}

/** A number left-padded with zeros to at least `width` digits (lpad alone would truncate longer ones). */
export function zeroPad(expression: string, width: number): string {
  return `lpad((${expression})::text, greatest(${width}, length((${expression})::text)), '0')`;
}

/** Scales a base row count; the demo always has at least one row per table. */
export function scaled(base: number, scale: number): number {
  return Math.max(1, Math.round(base * scale));
}

/** COMMENT ON TABLE plus COMMENT ON COLUMN for each documented column (names are quoted as given). */
export function comments(relation: string, table: string, columns: Record<string, string>): string[] {
  return [`COMMENT ON TABLE ${relation} IS ${literal(table)}`, ...Object.entries(columns).map(([column, text]) => `COMMENT ON COLUMN ${relation}.${quoteName(column)} IS ${literal(text)}`)];
}

/**
 * Quotes an identifier only when PostgreSQL would otherwise fold or reject it, so the generated
 * SQL reads naturally. Lower-case reserved words would slip through; the demo uses none.
 */
export function quoteName(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
}
