import type { SiteConfig } from '../../site.config.ts';
import { absoluteUrl, urls } from '../urls.ts';
import { standardIris } from './iris.ts';
import type { StandardsEntry } from './entry.ts';

/**
 * The site as a static API: every stable URL pattern of a metadata or data file, with a working
 * example on this catalog. The developers page renders this list and the e2e test fetches every
 * example, so the documentation cannot drift from the URL scheme in `src/lib/urls.ts`.
 */

const DCAT_AP = { name: 'DCAT-AP 3', url: 'https://semiceu.github.io/DCAT-AP/releases/3.0.1/' };
const DCAT_US_3 = { name: 'DCAT-US 3.0', url: 'https://doi-do.github.io/dcat-us/' };
const DCAT_US_11 = { name: 'DCAT-US 1.1', url: 'https://resources.data.gov/resources/dcat-us/' };
const SITEMAPS = { name: 'Sitemaps', url: 'https://www.sitemaps.org/protocol.html' };

export interface UrlPattern {
  pattern: string;
  what: string;
  /** Where to read the format's definition. */
  standard?: { name: string; url: string };
  example: string;
}

/** The example dataset: the one with the smallest CSV, so examples run quickly. */
export function exampleEntry(entries: readonly StandardsEntry[]): StandardsEntry | undefined {
  const size = (entry: StandardsEntry) => entry.latest.files.find((f) => f.name === 'data.csv')?.bytes ?? Infinity;
  return [...entries].sort((a, b) => size(a) - size(b))[0];
}

export function urlPatterns(entry: StandardsEntry, site: Pick<SiteConfig, 'url' | 'dataJson'>): UrlPattern[] {
  const abs = (path: string) => absoluteUrl(site.url, path);
  const id = entry.dataset.id;
  const version = entry.latest.version;
  const files = entry.latest.files.map((f) => f.name);
  const rows: UrlPattern[] = [
    {
      pattern: urls.catalogTurtle(),
      what: 'The whole catalog in DCAT-AP 3 (Turtle): every dataset, its versions as a dataset series, every distribution',
      standard: DCAT_AP,
      example: abs(urls.catalogTurtle()),
    },
    { pattern: urls.catalogJsonLd(), what: 'The same catalog as JSON-LD', standard: DCAT_AP, example: abs(urls.catalogJsonLd()) },
    { pattern: urls.catalogRdfXml(), what: 'The same catalog as RDF/XML, for harvesters that read only RDF/XML', standard: DCAT_AP, example: abs(urls.catalogRdfXml()) },
    {
      pattern: urls.dataJson(),
      what: `The catalog in DCAT-US ${site.dataJson}, as data.gov harvests it (the version is a setting of the site)`,
      standard: site.dataJson === '1.1' ? DCAT_US_11 : DCAT_US_3,
      example: abs(urls.dataJson()),
    },
    {
      pattern: urls.dataJsonUs3(),
      what: 'The catalog in DCAT-US 3.0: checksums, sizes, access and download URLs, status, versions as a dataset series',
      standard: DCAT_US_3,
      example: abs(urls.dataJsonUs3()),
    },
    { pattern: urls.dataJsonUs11(), what: 'The catalog in DCAT-US 1.1 (Project Open Data), for harvesters not yet on 3.0', standard: DCAT_US_11, example: abs(urls.dataJsonUs11()) },
    { pattern: urls.catalogDump(), what: "The whole catalog's metadata in one JSON file: every dataset with its dictionary, every version, every distribution", example: abs(urls.catalogDump()) },
    { pattern: urls.feed(), what: 'Atom feed of new and updated datasets', standard: { name: 'Atom (RFC 4287)', url: 'https://www.rfc-editor.org/rfc/rfc4287' }, example: abs(urls.feed()) },
    { pattern: urls.sitemap(), what: 'Sitemap index: the pages, and the machine-readable files below', standard: SITEMAPS, example: abs(urls.sitemap()) },
    { pattern: urls.metadataSitemap(), what: 'Sitemap of every machine-readable file, with the date of the data it describes', standard: SITEMAPS, example: abs(urls.metadataSitemap()) },
    {
      pattern: urls.inventoryJson(),
      what: 'Every dataset the catalog knows of, published or planned, with its state (no source, no columns for unpublished ones)',
      example: abs(urls.inventoryJson()),
    },
    { pattern: urls.privacyReport(), what: 'What the privacy rules withheld or changed in each published dataset, and who approved it', example: abs(urls.privacyReport()) },
    {
      pattern: urls.dataset('<id>'),
      what: 'Dataset page, with schema.org Dataset JSON-LD in its head',
      standard: { name: 'schema.org Dataset', url: 'https://schema.org/Dataset' },
      example: abs(urls.dataset(id)),
    },
    {
      pattern: urls.dataPackage('<id>'),
      what: 'Frictionless Data Package: field types, descriptions and constraints of the latest CSV',
      standard: { name: 'Data Package v2', url: 'https://datapackage.org/' },
      example: abs(urls.dataPackage(id)),
    },
    { pattern: urls.datasetTurtle('<id>'), what: 'One dataset in DCAT-AP 3 (Turtle): its versions, their series and distributions', standard: DCAT_AP, example: abs(urls.datasetTurtle(id)) },
    { pattern: urls.datasetJsonLd('<id>'), what: 'The same dataset as JSON-LD', standard: DCAT_AP, example: abs(urls.datasetJsonLd(id)) },
    { pattern: urls.datasetRdfXml('<id>'), what: 'The same dataset as RDF/XML', standard: DCAT_AP, example: abs(urls.datasetRdfXml(id)) },
    { pattern: urls.datasetFeed('<id>'), what: "Atom feed of one dataset's new versions", example: abs(urls.datasetFeed(id)) },
    ...files.map((file) => ({ pattern: urls.latestFile('<id>', file), what: `Latest version's ${file} (changes with each version)`, example: abs(urls.latestFile(id, file)) })),
    { pattern: urls.latestFile('<id>', 'manifest.json'), what: 'Latest version: row count, columns, file sizes and SHA-256 checksums', example: abs(urls.latestFile(id, 'manifest.json')) },
    {
      pattern: urls.csvwLatest('<id>'),
      what: 'CSV on the Web metadata of the latest CSV',
      standard: { name: 'CSVW', url: 'https://www.w3.org/TR/tabular-metadata/' },
      example: abs(urls.csvwLatest(id)),
    },
    { pattern: urls.version('<id>', '<version>'), what: 'Page of one version (permanent)', example: abs(urls.version(id, version)) },
    ...files.map((file) => ({ pattern: urls.versionFile('<id>', '<version>', file), what: `${file} of one version: never changes`, example: abs(urls.versionFile(id, version, file)) })),
    { pattern: urls.versionFile('<id>', '<version>', 'manifest.json'), what: "One version's manifest", example: abs(urls.versionFile(id, version, 'manifest.json')) },
    { pattern: urls.csvwVersion('<id>', '<version>'), what: "CSVW metadata of one version's CSV", example: abs(urls.csvwVersion(id, version)) },
  ];
  return rows;
}

/** Short, runnable examples against this catalog. */
export function codeExamples(entry: StandardsEntry, site: Pick<SiteConfig, 'url'> & Partial<Pick<SiteConfig, 'downloads'>>) {
  const abs = (path: string) => absoluteUrl(site.url, path);
  const ids = standardIris(site);
  const latestFile = (name: string) => {
    const file = entry.latest.files.find((f) => f.name === name);
    return file ? ids.file(entry.dataset.id, entry.latest.version, file, 'latest') : abs(urls.latestFile(entry.dataset.id, name));
  };
  const csv = latestFile('data.csv');
  const json = latestFile('data.json');
  const manifest = abs(urls.latestFile(entry.dataset.id, 'manifest.json'));
  const catalog = abs(urls.dataJsonUs3());
  const dump = abs(urls.catalogDump());
  const pkg = abs(urls.dataPackage(entry.dataset.id));
  return [
    {
      language: 'curl',
      label: 'curl (shell)',
      code: `# Download the latest CSV and check it against the published SHA-256
curl -sSfO ${csv}
curl -sSf ${manifest} | grep -o '"sha256": "[0-9a-f]*"' | head -1
sha256sum data.csv

# The page of every dataset in the catalog, from the one-file metadata dump
curl -sSf ${dump} | grep -o '"page": "[^"]*/datasets/[^/"]*/"'`,
    },
    {
      language: 'python',
      label: 'Python (pandas)',
      code: `import json
import urllib.request

import pandas as pd

# An empty cell is a missing value; the data package lists each column's type.
df = pd.read_csv("${csv}", keep_default_na=False, na_values=[""])
print(df.head())

with urllib.request.urlopen("${pkg}") as response:
    fields = json.load(response)["resources"][0]["schema"]["fields"]
print({f["name"]: f["type"] for f in fields})`,
    },
    {
      language: 'r',
      label: 'R',
      code: `data <- read.csv("${csv}", na.strings = "")
str(data)

# The catalog (needs the jsonlite package)
catalog <- jsonlite::fromJSON("${catalog}")
catalog$dataset$title`,
    },
    {
      language: 'javascript',
      label: 'JavaScript (browser or Node 18+)',
      code: `const rows = await (await fetch("${json}")).json();
console.log(rows.length, rows[0]);

const catalog = await (await fetch("${catalog}")).json();
console.log(catalog.dataset.map((d) => d.title));`,
    },
  ];
}
