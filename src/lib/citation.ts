import type { Dataset } from '../schemas/dataset.ts';
import type { Manifest } from '../schemas/manifest.ts';
import { absoluteUrl, urls } from './urls.ts';

/**
 * Ready-made citations of one dataset version: APA style (7th edition, "Data set") and BibTeX.
 * The access date is a part of its own, so the page can show the build date without JavaScript
 * and today's date with it, and copy exactly what is shown.
 */

export interface CitationInput {
  /** The publishing department, e.g. "Public Works Department". */
  publisher: string;
  /** The organisation running the catalog, e.g. "City of Riverton". */
  organisation: string;
  /** The catalog's name, the publisher in APA terms, e.g. "Riverton Open Data". */
  siteName: string;
  title: string;
  datasetId: string;
  version: string;
  /** ISO instant of the version's snapshot: its year is the publication year. */
  snapshotAt: string;
  /** Absolute URL of the cited version. */
  url: string;
}

/** A piece of citation text: plain text, text in italics (APA titles), or the access date in a format. */
export type CitationPart = string | { italic: string } | { accessed: 'long' | 'iso' };

export interface Citations {
  apa: CitationPart[];
  bibtex: CitationPart[];
}

const longDate = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "2026-11-25" → "November 25, 2026" (long) or itself (iso). */
export function formatAccessDate(isoDay: string, style: 'long' | 'iso'): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDay)) throw new Error(`access date must be YYYY-MM-DD, not "${isoDay}"`);
  return style === 'iso' ? isoDay : longDate.format(new Date(`${isoDay}T00:00:00Z`));
}

/** BibTeX's special characters, escaped so LaTeX prints them as written. */
export function bibtexEscape(text: string): string {
  return text.replace(/[\\{}&%$#_~^]/g, (c) => (c === '\\' ? '\\textbackslash{}' : c === '~' ? '\\textasciitilde{}' : c === '^' ? '\\textasciicircum{}' : `\\${c}`));
}

/** A citation key of letters, digits and dashes: `riverton-311-service-requests-2026`. */
function bibtexKey(input: CitationInput, year: string): string {
  const org = input.organisation
    .replace(/^city of /i, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return [org, input.datasetId, year]
    .filter(Boolean)
    .join('-')
    .replace(/[^A-Za-z0-9-]/g, '');
}

export function citations(input: CitationInput): Citations {
  const year = input.snapshotAt.slice(0, 4);
  const author = `${input.organisation}, ${input.publisher}`;
  const apa: CitationPart[] = [`${author}. (${year}). `, { italic: input.title }, ` (Version ${input.version}) [Data set]. ${input.siteName}. Retrieved `, { accessed: 'long' }, `, from ${input.url}`];
  const field = (name: string, value: string) => `  ${name.padEnd(12)} = {${value}},\n`;
  const bibtex: CitationPart[] = [
    `@misc{${bibtexKey(input, year)},\n`,
    // Double braces: a corporate author is one name, not "Last, First".
    field('author', `{${bibtexEscape(author)}}`),
    field('title', `{${bibtexEscape(input.title)}}`),
    field('year', year),
    field('version', bibtexEscape(input.version)),
    field('publisher', bibtexEscape(input.siteName)),
    field('howpublished', `\\url{${input.url}}`),
    field('url', input.url),
    '  urldate      = {',
    { accessed: 'iso' },
    '},\n',
    '  note         = {Data set, accessed ',
    { accessed: 'iso' },
    '}\n}',
  ];
  return { apa, bibtex };
}

/** The citation as plain text with the given access date (YYYY-MM-DD). */
export function citationText(parts: readonly CitationPart[], accessed: string): string {
  return parts.map((part) => (typeof part === 'string' ? part : 'italic' in part ? part.italic : formatAccessDate(accessed, part.accessed))).join('');
}

/**
 * The citations of one version of a dataset, as the page shows them and its schema.org `citation`
 * states them (one function, so the two cannot differ).
 */
export function versionCitations(
  dataset: Pick<Dataset, 'publisher' | 'title' | 'id'>,
  manifest: Pick<Manifest, 'version' | 'snapshotAt'>,
  site: { organisation: string; name: string; url: string },
): Citations {
  return citations({
    publisher: dataset.publisher,
    organisation: site.organisation,
    siteName: site.name,
    title: dataset.title,
    datasetId: dataset.id,
    version: manifest.version,
    snapshotAt: manifest.snapshotAt,
    url: absoluteUrl(site.url, urls.version(dataset.id, manifest.version)),
  });
}
