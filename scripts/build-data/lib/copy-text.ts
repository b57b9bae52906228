/**
 * Decoder for PostgreSQL's COPY text format (the default of `COPY … TO STDOUT`): one row per line,
 * columns separated by tabs, NULL as `\N`, and backslash escapes for backslash, tab, newline and
 * the other control characters (https://www.postgresql.org/docs/current/sql-copy.html, "Text Format").
 * Text format is the cheapest to split: a newline or tab inside a value is always escaped.
 * The stream itself is split and transcoded byte by byte (copy-transcoder.ts); this decodes the one
 * value that needs to become a string.
 */

export type Row = (string | null)[];

const escapes: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/** Decodes one field's text: `\N` is NULL; other backslash sequences are unescaped. */
export function decodeField(raw: string): string | null {
  if (raw === '\\N') return null;
  if (!raw.includes('\\')) return raw;
  return raw.replace(/\\(?:([0-7]{1,3})|x([0-9a-fA-F]{1,2})|(.))/g, (_, octal: string | undefined, hex: string | undefined, char: string) => {
    if (octal) return String.fromCharCode(parseInt(octal, 8));
    if (hex) return String.fromCharCode(parseInt(hex, 16));
    return escapes[char] ?? char;
  });
}
