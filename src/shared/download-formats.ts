/**
 * The files each snapshot version may hold, in the order the site lists them: the pipeline writes
 * them under these names and the site describes them. `data.csv` is always written and defines
 * the version's content hash; the others are derived from the same rows in the same pass.
 */
export const downloadFormats = {
  csv: { name: 'data.csv', format: 'CSV', mediaType: 'text/csv' },
  excelCsv: { name: 'data-excel.csv', format: 'CSV for Excel', mediaType: 'text/csv' },
  json: { name: 'data.json', format: 'JSON', mediaType: 'application/json' },
  xlsx: { name: 'data.xlsx', format: 'XLSX', mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  xml: { name: 'data.xml', format: 'XML', mediaType: 'application/xml' },
} as const;

/** Codes of the EU file-type vocabulary (http://publications.europa.eu/resource/authority/file-type/), by file name. */
const euFileTypes: Record<string, string> = {
  'data.csv': 'CSV',
  'data-excel.csv': 'CSV',
  'data.json': 'JSON',
  'data.xlsx': 'XLSX',
  'data.xml': 'XML',
};

/** The EU file-type code of a published file: labels such as "CSV for Excel" are for readers, not IRIs. */
export function euFileType(file: { name: string; format: string }): string {
  return euFileTypes[file.name] ?? file.format.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
}

/** One line for readers on what each file is for, by file name. */
export const formatDescriptions: Record<string, string> = {
  'data.csv': 'Comma-separated values, UTF-8, one header row: for any tool.',
  'data-excel.csv': 'The same CSV with a byte order mark, so Excel reads accented letters correctly when you double-click it.',
  'data.json': 'An array of objects, one per row, with numbers and true/false typed: for programmers.',
  'data.xlsx': 'An Excel workbook with one sheet, numbers and dates typed.',
  'data.xml': 'XML: one <row> per row, one <value name="…"> per column, column types declared at the top.',
};

const order: string[] = Object.values(downloadFormats).map((f) => f.name);

/** A version's files in the order above (versions that gained formats later list them last in the manifest). */
export function inDisplayOrder<T extends { name: string }>(files: readonly T[]): T[] {
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  return [...files].sort((a, b) => rank(a.name) - rank(b.name));
}

/** The formats a version offers, as readers browse them: the CSV for Excel is a CSV like the other. */
export function formatFamilies(files: readonly { name: string; format: string }[]): string[] {
  return [...new Set(files.map(euFileType))];
}
