import type { FieldType } from '../schemas/field.ts';

/**
 * How a published value is written in `data.csv`, from PostgreSQL's text output: the rule the
 * snapshot's CSV writers and the page's preview share, so the preview shows exactly what the file
 * holds. (Quoting is the CSV writer's business; this is the value a CSV reader gets back.)
 */

/** PostgreSQL prints booleans as t/f; spreadsheets and Table Schema readers expect true/false. */
export function csvBoolean(value: string): string {
  return value === 't' || value === 'true' ? 'true' : 'false';
}

/** A cell a spreadsheet would run as a formula: starts with =, +, -, @, tab or carriage return. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain number (as PostgreSQL prints it) is data, not a formula, even with a sign. */
const PLAIN_NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/**
 * Neutralises spreadsheet formula injection as OWASP recommends
 * (https://owasp.org/www-community/attacks/CSV_Injection): a text cell that a spreadsheet would
 * evaluate gets a leading apostrophe (shown as text, not run). Numbers stay numbers; the JSON file
 * keeps the exact value.
 */
export function neutraliseFormula(value: string): string {
  // A first-character check before any regex: this runs on every published text value.
  const first = value.charCodeAt(0);
  if (first !== 61 && first !== 43 && first !== 45 && first !== 64 && first !== 9 && first !== 13) return value;
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/** Column types written as they are (no formula guard): PostgreSQL prints them as plain numbers. */
export const numericFieldTypes: ReadonlySet<FieldType> = new Set(['integer', 'number']);

/** The value of one cell as `data.csv` holds it, null for an empty (SQL NULL) cell. */
export function csvValue(value: string | null, type: FieldType): string | null {
  if (value === null) return null;
  if (type === 'boolean') return csvBoolean(value);
  return numericFieldTypes.has(type) ? value : neutraliseFormula(value);
}
