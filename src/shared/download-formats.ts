/**
 * The download-format registry: one record per file a snapshot version may hold, in the order the
 * site lists them. The pipeline writes each registered format with the sink registered under the
 * same id (scripts/build-data/formats/sinks.ts); the pages, the exports and the formats page read
 * everything else they say about a file from here. `data.csv` is always written and defines the
 * version's content hash; the others are derived from the same rows in the same pass.
 *
 * Adding a format: one record below, and its sink (see CONTRIBUTING.md, "Adding a download format").
 */

/** How readers browse formats (`/formats/<slug>/`): files of one family are one choice, e.g. both CSV files. */
export interface FormatFamily {
  /** The reader label, e.g. `CSV`: the browse page's heading and search filter. */
  label: string;
  /** One or two sentences for the family's browse page, for a reader who may not know the format. */
  explanation: string;
}

export interface DownloadFormat {
  /** Identifies the format in code; the pipeline registers its sink under this id. */
  id: string;
  /** File name in every version folder and at the stable URLs. */
  name: string;
  /** Format label, as the manifest records it and links say it ("Download CSV for Excel"). */
  format: string;
  /** Media type, as the manifest records it (link `type`, schema.org `encodingFormat`, data.json `mediaType`). */
  mediaType: string;
  /** IANA media type IRI, for DCAT's `dcat:mediaType`. */
  ianaMediaType: string;
  /** Code in the EU file-type vocabulary (http://publications.europa.eu/resource/authority/file-type/), for DCAT's `dct:format`. */
  euFileType: string;
  family: FormatFamily;
  /** One line for readers on what the file is for, shown beside its download link. */
  explanation: string;
  /**
   * `spreadsheet`: written only for versions of at most the spreadsheet row limit
   * (`downloads.spreadsheetRowLimit` in src/site.config.ts); `none`: always written.
   */
  rowLimit: 'none' | 'spreadsheet';
  /** The most data rows the format can hold at all, when it has such a limit (the row limit may not exceed it). */
  maxRows?: number;
  /**
   * True when the file is written as the rows arrive, in memory that does not grow with the table.
   * A format that needs every row before it can write (false) must be row-limited.
   */
  streams: boolean;
  /**
   * The encoding's version: change it whenever a change to the code changes this file's bytes for
   * the same rows. The no-change fingerprint includes it (scripts/build-data/steps/fingerprint.ts),
   * so the next refresh rewrites the file instead of trusting a fingerprint taken with the old code.
   */
  encoding: string;
}

const IANA = 'http://www.iana.org/assignments/media-types/';

const csvFamily: FormatFamily = {
  label: 'CSV',
  explanation: 'CSV files open in any spreadsheet program and in every data tool: one line per row, values separated by commas.',
};

const records = [
  {
    id: 'csv',
    name: 'data.csv',
    format: 'CSV',
    mediaType: 'text/csv',
    ianaMediaType: `${IANA}text/csv`,
    euFileType: 'CSV',
    family: csvFamily,
    explanation: 'Comma-separated values, UTF-8, one header row: for any tool.',
    rowLimit: 'none',
    streams: true,
    encoding: 'csv/1: RFC 4180, UTF-8, CRLF, one header row; NULL an empty cell, an empty string ""; booleans true/false; text that a spreadsheet would run as a formula gets an apostrophe',
  },
  {
    id: 'excel-csv',
    name: 'data-excel.csv',
    format: 'CSV for Excel',
    mediaType: 'text/csv',
    ianaMediaType: `${IANA}text/csv`,
    euFileType: 'CSV',
    family: csvFamily,
    explanation: 'The same CSV with a byte order mark, so Excel reads accented letters correctly when you double-click it.',
    rowLimit: 'none',
    streams: true,
    encoding: 'excel-csv/1: a UTF-8 byte order mark, then the bytes of data.csv',
  },
  {
    id: 'json',
    name: 'data.json',
    format: 'JSON',
    mediaType: 'application/json',
    ianaMediaType: `${IANA}application/json`,
    euFileType: 'JSON',
    family: { label: 'JSON', explanation: 'JSON files suit programmers and web applications: each row is an object with the column names as keys.' },
    explanation: 'An array of objects, one per row, with numbers and true/false typed: for programmers.',
    rowLimit: 'none',
    streams: true,
    encoding: 'json/1: an array of row objects, one per line; numbers and booleans typed, NaN and infinities as strings',
  },
  {
    id: 'parquet',
    name: 'data.parquet',
    format: 'Parquet',
    mediaType: 'application/vnd.apache.parquet',
    ianaMediaType: `${IANA}application/vnd.apache.parquet`,
    euFileType: 'PARQUET',
    family: {
      label: 'Parquet',
      explanation: 'Parquet files are compressed and typed column by column: data tools such as pandas, R (arrow), DuckDB and Spark read them quickly, and a browser can read just the parts it needs.',
    },
    explanation: 'Compressed, with typed columns: for data tools such as pandas, R, DuckDB and Spark; the table explorer on this page reads it.',
    rowLimit: 'none',
    streams: true,
    encoding:
      'parquet/2: types as scripts/build-data/lib/parquet-schema.ts maps them (numeric(p,s) DECIMAL, timestamps in microseconds, intervals as ISO 8601 text); row groups of 65,536 rows; data pages v2 of 2,048 rows, Zstandard level 1 or dictionary-encoded; min/max statistics; column and offset indexes after each row group',
  },
  {
    id: 'xlsx',
    name: 'data.xlsx',
    format: 'XLSX',
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ianaMediaType: `${IANA}application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`,
    euFileType: 'XLSX',
    family: { label: 'XLSX', explanation: 'XLSX files open directly in Excel and LibreOffice Calc.' },
    explanation: 'An Excel workbook with one sheet, numbers and dates typed.',
    rowLimit: 'spreadsheet',
    // Excel's sheet holds 1,048,576 rows; the header takes one.
    maxRows: 1_048_575,
    streams: true,
    encoding: 'xlsx/1: one sheet with a frozen header, inline strings; numbers of up to 15 digits, booleans and dates typed; dated at the snapshot',
  },
  {
    id: 'xml',
    name: 'data.xml',
    format: 'XML',
    mediaType: 'application/xml',
    ianaMediaType: `${IANA}application/xml`,
    euFileType: 'XML',
    family: { label: 'XML', explanation: 'XML files suit systems that exchange data as XML documents.' },
    explanation: 'XML: one <row> per row, one <value name="…"> per column, column types declared at the top.',
    rowLimit: 'spreadsheet',
    streams: true,
    encoding: 'xml/1: <dataset><columns/><rows/>, null="true" for NULL, booleans true/false, characters XML cannot carry as U+FFFD',
  },
] as const satisfies readonly DownloadFormat[];

export type DownloadFormatId = (typeof records)[number]['id'];

export type RegisteredFormat = DownloadFormat & { id: DownloadFormatId };

/** Every registered format, in the order the site lists them. */
export const downloadFormats: readonly RegisteredFormat[] = records;

const byName = new Map<string, DownloadFormat>(downloadFormats.map((f) => [f.name, f]));

/** The registered format of a published file, by its file name; undefined for a file no longer registered. */
export function formatOf(file: { name: string }): DownloadFormat | undefined {
  return byName.get(file.name);
}

/** What a manifest records for a file of this format, before its size and hash. */
export function manifestFields(format: DownloadFormat): { name: string; format: string; mediaType: string } {
  return { name: format.name, format: format.format, mediaType: format.mediaType };
}

/** The EU file-type code of a published file: labels such as "CSV for Excel" are for readers, not IRIs. */
export function euFileType(file: { name: string; format: string }): string {
  return formatOf(file)?.euFileType ?? file.format.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
}

/** The IANA media type IRI of a published file. */
export function ianaMediaType(file: { name: string; mediaType: string }): string {
  return formatOf(file)?.ianaMediaType ?? `${IANA}${file.mediaType}`;
}

/** The reader's line on what a file is for, or undefined for a file no longer registered. */
export function formatExplanation(file: { name: string }): string | undefined {
  return formatOf(file)?.explanation;
}

/** A version's files in registry order (versions that gained formats later list them last in the manifest). */
export function inDisplayOrder<T extends { name: string }>(files: readonly T[]): T[] {
  const rank = (file: { name: string }) => {
    const format = formatOf(file);
    return format ? downloadFormats.findIndex((f) => f === format) : downloadFormats.length;
  };
  return [...files].sort((a, b) => rank(a) - rank(b));
}

/** The format families a version offers, by reader label: the CSV for Excel is a CSV like the other. */
export function formatFamilies(files: readonly { name: string; format: string }[]): string[] {
  return [...new Set(files.map((file) => formatOf(file)?.family.label ?? euFileType(file)))];
}

/** The browse page's explanation of a family, by reader label, or undefined for a family no longer registered. */
export function familyExplanation(label: string): string | undefined {
  return downloadFormats.find((f) => f.family.label === label)?.family.explanation;
}
