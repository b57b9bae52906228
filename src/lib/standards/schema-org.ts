import type { DataCatalog, DataDownload, Dataset, Place, PropertyValue, WithContext } from 'schema-dts';
import type { SiteConfig } from '../../site.config.ts';
import { describeLicense, themes } from '../../schemas/vocabularies.ts';
import { buildDay } from '../catalog-day.ts';
import { citationText, versionCitations } from '../citation.ts';
import { slugify } from '../taxonomy.ts';
import { urls } from '../urls.ts';
import { fieldsOf, issuedDate, plainText, type StandardsEntry } from './entry.ts';
import { bboxSchemaOrg, coverage, coverageInterval, datasetStatus, licence, modified, spatialCoverage } from './facts.ts';
import { standardIris } from './iris.ts';

/**
 * schema.org JSON-LD for search engines (Google Dataset Search). Typed with schema-dts, so a
 * property schema.org does not have, or a value of the wrong type, fails `npm run typecheck`.
 */

/** How many versions (the newest) the page's JSON-LD lists as `hasPart`. */
export const HAS_PART_LIMIT = 10;

/** Google asks for 50 to 5000 characters. */
function searchDescription(entry: StandardsEntry): string {
  const text = `${entry.dataset.summary}\n\n${plainText(entry.dataset.description)}`;
  return text.length <= 5000 ? text : `${text.slice(0, 4999).trimEnd()}…`;
}

function catalogRef(site: SiteConfig): DataCatalog {
  const ids = standardIris(site);
  return { '@type': 'DataCatalog', '@id': ids.catalog, name: site.name, url: ids.home };
}

/**
 * The dataset page's JSON-LD. `accessed` is the access date of the citation the page shows (the
 * build day without JavaScript), so `citation` is exactly the page's APA citation.
 */
export function datasetJsonLd(entry: StandardsEntry, site: SiteConfig, accessed = buildDay()): WithContext<Dataset> {
  const { dataset, latest } = entry;
  const ids = standardIris(site);
  const license = licence(entry);
  const department = {
    '@type': 'Organization',
    name: dataset.publisher,
    url: ids.abs(`/publishers/${slugify(dataset.publisher)}/`),
    parentOrganization: { '@type': 'Organization', '@id': ids.organisation, name: site.organisation, url: ids.home },
  } as const;
  const variables: PropertyValue[] = fieldsOf(entry).map((field) => ({
    '@type': 'PropertyValue',
    name: field.name,
    alternateName: field.title,
    description: field.description,
    ...(field.unit ? { unitText: field.unit } : {}),
    ...(field.range?.min !== undefined ? { minValue: field.range.min } : {}),
    ...(field.range?.max !== undefined ? { maxValue: field.range.max } : {}),
  }));
  const downloads: DataDownload[] = latest.files.map((file) => ({
    '@type': 'DataDownload',
    name: `${dataset.title} (${file.format})`,
    contentUrl: ids.file(dataset.id, latest.version, file, 'latest'),
    encodingFormat: file.mediaType,
    contentSize: `${file.bytes} B`,
    sha256: file.sha256,
    dateModified: latest.snapshotAt,
  }));
  const area = spatialCoverage(entry, latest, site);
  const place: Place = {
    '@type': 'Place',
    name: area.name,
    ...(area.bbox ? { geo: { '@type': 'GeoShape', box: bboxSchemaOrg(area.bbox) } } : {}),
  };
  const status = datasetStatus(entry);
  // The newest versions only: a daily dataset has hundreds, and every one would weigh on the page.
  // The full history is in DCAT (the dataset series) and on the page's version history.
  const versions: Dataset[] = entry.versions
    .slice(0, HAS_PART_LIMIT)
    .reverse()
    .map((manifest) => ({
      '@type': 'Dataset',
      '@id': ids.version(dataset.id, manifest.version),
      name: `${dataset.title}, version ${manifest.version}`,
      description: `Version ${manifest.version} of ${dataset.title}: a snapshot of ${manifest.rowCount} rows taken on ${manifest.snapshotAt.slice(0, 10)}; its files never change.`,
      url: ids.abs(urls.version(dataset.id, manifest.version)),
      version: manifest.version,
      datePublished: manifest.snapshotAt,
      isPartOf: { '@type': 'Dataset', '@id': ids.dataset(dataset.id) },
    }));
  return {
    '@context': 'https://schema.org',
    '@type': 'Dataset',
    '@id': ids.dataset(dataset.id),
    name: dataset.title,
    description: searchDescription(entry),
    url: ids.abs(urls.dataset(dataset.id)),
    identifier: dataset.id,
    keywords: [...dataset.keywords, themes[dataset.theme].label],
    license: license.url,
    isAccessibleForFree: true,
    creator: department,
    publisher: department,
    temporalCoverage: coverageInterval(coverage(entry, latest)),
    spatialCoverage: place,
    variableMeasured: variables,
    datePublished: issuedDate(entry),
    dateModified: modified(entry),
    version: latest.version,
    // schema.org's free-text status: a retired dataset is kept online but no longer updated.
    creativeWorkStatus: status.state === 'retired' ? 'Retired' : 'Active',
    inLanguage: site.language,
    citation: citationText(versionCitations(dataset, latest, site).apa, accessed),
    includedInDataCatalog: catalogRef(site),
    hasPart: versions,
    distribution: downloads,
    subjectOf: { '@type': 'CreativeWork', url: ids.abs(urls.dataPackage(dataset.id)), encodingFormat: 'application/json', name: 'Frictionless data package' },
  };
}

/**
 * The home page's catalog: datasets referenced by `@id` and `url` only, so a search engine reads each
 * dataset once, from its own page, rather than a thin duplicate here.
 */
export function dataCatalogJsonLd(entries: readonly StandardsEntry[], site: SiteConfig): WithContext<DataCatalog> {
  const ids = standardIris(site);
  return {
    '@context': 'https://schema.org',
    ...catalogRef(site),
    description: site.tagline,
    inLanguage: site.language,
    license: describeLicense(site.metadataLicense).url,
    publisher: { '@type': 'Organization', '@id': ids.organisation, name: site.organisation },
    dataset: entries.map(({ dataset }) => ({ '@id': ids.dataset(dataset.id), url: ids.abs(urls.dataset(dataset.id)) }) as Dataset),
  };
}

/** JSON for a `<script type="application/ld+json">`: `<` escaped so no value can close the script element. */
export function jsonLdScript(value: object): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}
