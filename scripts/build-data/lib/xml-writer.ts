import type { Row } from './copy-text.ts';
import type { OutputColumn } from './row-writers.ts';

/**
 * The XML download (`data.xml`), written by hand on the stream. Its schema is deliberately small,
 * documented in data-snapshots/README.md:
 *
 *   <dataset id="…">
 *     <columns><column name="…" type="integer|number|string|boolean|date|datetime|time|duration"/>…</columns>
 *     <rows>
 *       <row><value name="…">text</value><value name="…" null="true"/>…</row>
 *     </rows>
 *   </dataset>
 *
 * Values are PostgreSQL's text output as in the JSON file (booleans as true/false); each column's
 * type is declared once in <columns>. NULL is `null="true"`, distinct from an empty string.
 */

/**
 * Characters XML 1.0 cannot carry at all, not even as a character reference: C0 controls other
 * than tab, line feed and carriage return, lone surrogates, U+FFFE and U+FFFF. They become U+FFFD
 * (the replacement character) in the XML file only; CSV and JSON keep the exact value.
 */
// eslint-disable-next-line no-control-regex -- these are exactly the control characters XML 1.0 cannot hold.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ESCAPED = /[&<>"\r]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\r': '&#13;' };

/**
 * Escapes text for element content and attribute values. A carriage return is written as `&#13;`
 * because parsers turn a literal CR LF into LF, which would change the value.
 */
export function xmlEscape(value: string): string {
  return value.replace(NOT_XML, '\uFFFD').replace(ESCAPED, (c) => ENTITIES[c]!);
}

export function xmlHeader(datasetId: string, columns: readonly OutputColumn[]): string {
  const declared = columns.map((c) => `<column name="${xmlEscape(c.name)}" type="${c.type}"/>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<dataset id="${xmlEscape(datasetId)}">\n<columns>${declared}</columns>\n<rows>\n`;
}

export const XML_FOOTER = '</rows>\n</dataset>\n';

/** Builds the row writer once per table, with the opening tags pre-encoded. */
export function xmlRowWriter(columns: readonly OutputColumn[]): (row: Row) => string {
  const open = columns.map((c) => `<value name="${xmlEscape(c.name)}"`);
  const boolean = columns.map((c) => c.type === 'boolean');
  return (row) => {
    let out = '<row>';
    for (let i = 0; i < open.length; i++) {
      const value = row[i] ?? null;
      if (value === null) out += `${open[i]} null="true"/>`;
      else out += `${open[i]}>${boolean[i] ? (value === 't' || value === 'true' ? 'true' : 'false') : xmlEscape(value)}</value>`;
    }
    return out + '</row>\n';
  };
}
