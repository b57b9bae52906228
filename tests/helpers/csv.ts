/** Counts CSV records (not lines: quoted values may hold line breaks). Includes the header. */
export function countCsvRecords(text: string): number {
  let records = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === '\n' && !quoted) records++;
  }
  return records;
}
