/** File sizes for people, as file managers show them; the site's pages and the build's summary both print them. */

const byteUnits = ['bytes', 'kB', 'MB', 'GB', 'TB'] as const;
const formats = new Map<string, { integer: Intl.NumberFormat; decimal: Intl.NumberFormat }>();

function numberFormats(language: string) {
  let found = formats.get(language);
  if (!found) {
    found = { integer: new Intl.NumberFormat(language, { maximumFractionDigits: 0 }), decimal: new Intl.NumberFormat(language, { maximumFractionDigits: 1 }) };
    formats.set(language, found);
  }
  return found;
}

/** File size in SI units in `language` (BCP 47): 1234567 → "1.2 MB", 1 → "1 byte". */
export function formatBytes(bytes: number, language: string): string {
  if (bytes === 1) return '1 byte';
  const { integer, decimal } = numberFormats(language);
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < byteUnits.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${unit === 0 ? integer.format(value) : decimal.format(value)} ${byteUnits[unit]}`;
}
