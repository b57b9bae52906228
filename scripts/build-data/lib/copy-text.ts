/**
 * Decoder for PostgreSQL's COPY text format (the default of `COPY … TO STDOUT`): one row per line,
 * columns separated by tabs, NULL as `\N`, and backslash escapes for backslash, tab, newline and
 * the other control characters (https://www.postgresql.org/docs/current/sql-copy.html, "Text Format").
 * Text format is the cheapest to split: a newline or tab inside a value is always escaped.
 */

export type Row = (string | null)[];

const escapes: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/** Decodes one field's text: `\N` is NULL; other backslash sequences are unescaped. */
export function decodeField(raw: string): string | null {
  if (raw === '\\N') return null;
  if (!raw.includes('\\')) return raw;
  return raw.replace(/\\(?:([0-7]{1,3})|x([0-9a-fA-F]{1,2})|(.))/g, (_, octal, hex, char) => {
    if (octal) return String.fromCharCode(parseInt(octal, 8));
    if (hex) return String.fromCharCode(parseInt(hex, 16));
    return escapes[char] ?? char;
  });
}

export function decodeLine(line: string): Row {
  return line.split('\t').map(decodeField);
}

/**
 * Splits a byte stream of COPY text output into rows. Chunks may end mid-line and mid-character,
 * so the tail is carried over and bytes are decoded with a streaming UTF-8 decoder.
 */
export class CopyTextSplitter {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private tail = '';

  /** Returns the complete rows in this chunk. */
  push(chunk: Uint8Array): Row[] {
    const text = this.tail + this.decoder.decode(chunk, { stream: true });
    const lines = text.split('\n');
    this.tail = lines.pop() ?? '';
    return lines.map(decodeLine);
  }

  /** Call at end of stream; throws if the stream ended inside a row. */
  end(): void {
    const rest = this.tail + this.decoder.decode();
    if (rest !== '') throw new Error('COPY output ended in the middle of a row (connection lost?)');
  }
}
