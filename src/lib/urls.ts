import { versionFilePath } from '../shared/download-location.ts';

/**
 * The site's stable URL scheme, in one place: pages link with these, the build copies snapshot
 * files to these paths, and the exporters publish them. Changing one breaks every harvester.
 * All paths are site-relative and end in `/` for pages.
 */
export const urls = {
  home: () => '/',
  datasets: () => '/datasets/',
  search: () => '/search/',
  /** What the catalog is, its licences, privacy approach and accessibility statement. */
  about: () => '/about/',
  /** The catalog in numbers: datasets, rows, updates, overdue datasets. */
  numbers: () => '/numbers/',
  /** The yearly open-data reports, and one year's report. */
  reports: () => '/reports/',
  report: (year: number) => `/reports/${year}/`,
  /** Every dataset the catalog knows of, published or planned: the public inventory. */
  inventory: () => '/inventory/',
  inventoryJson: () => '/inventory.json',
  /** What the privacy rules withheld or changed in each published dataset, per build. */
  privacyReport: () => '/privacy-report.json',
  dataset: (id: string) => `/datasets/${id}/`,
  version: (id: string, version: string) => `/datasets/${id}/versions/${version}/`,
  /** Compares two versions of a dataset (rows by key, columns, a sample of changed rows); without both, the two newest. */
  compare: (id: string, from?: string, to?: string) => `/datasets/${id}/compare/${from && to ? `?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}` : ''}`,
  /** A file of one dated version: permanent, never changes. */
  versionFile: (id: string, version: string, file: string) => `/${versionFilePath(id, version, file)}`,
  /** The same file of whatever version is latest: stable, its content changes with each version. */
  latestFile: (id: string, file: string) => `/datasets/${id}/latest/${file}`,
  /** Frictionless Data Package (Table Schema from the field dictionary) of the latest version. */
  dataPackage: (id: string) => `/datasets/${id}/datapackage.json`,
  /** Atom feed of one dataset's new versions. */
  datasetFeed: (id: string) => `/datasets/${id}/feed.xml`,
  /** CSVW metadata, named by CSVW's convention: `<file>-metadata.json` beside the CSV it describes. */
  csvwLatest: (id: string) => `/datasets/${id}/latest/data.csv-metadata.json`,
  csvwVersion: (id: string, version: string) => `/datasets/${id}/versions/${version}/data.csv-metadata.json`,
  /** One dataset's part of the DCAT-AP graph: its versions, their series and distributions. */
  datasetTurtle: (id: string) => `/datasets/${id}/dataset.ttl`,
  datasetJsonLd: (id: string) => `/datasets/${id}/dataset.jsonld`,
  datasetRdfXml: (id: string) => `/datasets/${id}/dataset.rdf`,
  /** Catalog-wide metadata for harvesters. */
  catalogTurtle: () => '/catalog.ttl',
  catalogJsonLd: () => '/catalog.jsonld',
  catalogRdfXml: () => '/catalog.rdf',
  /** DCAT-US in the version `dataJson` in src/site.config.ts chooses; both versions also at their own address. */
  dataJson: () => '/data.json',
  dataJsonUs3: () => '/dcat-us-3.0/data.json',
  dataJsonUs11: () => '/dcat-us-1.1/data.json',
  /** Every dataset, version and distribution with its metadata, in one JSON file. */
  catalogDump: () => '/catalog-dump.json',
  /** The sitemap of machine-readable files (listed in the sitemap index beside the pages' sitemap). */
  metadataSitemap: () => '/sitemap-metadata.xml',
  feed: () => '/feed.xml',
  sitemap: () => '/sitemap-index.xml',
  robots: () => '/robots.txt',
  developers: () => '/developers/',
} as const;

/** Absolute URL on the published site. */
export function absoluteUrl(siteUrl: string, path: string): string {
  return new URL(path, siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`).href;
}
