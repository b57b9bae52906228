import type { DataCatalog, DataDownload, Dataset, PropertyValue, WithContext } from 'schema-dts';
import type { SiteConfig } from '../../site.config.ts';
import { describeLicense, themes } from '../../schemas/vocabularies.ts';
import { urls } from '../urls.ts';
import { coverageEnd, fieldsOf, issuedDate, plainText, type StandardsEntry } from './entry.ts';
import { standardIris } from './iris.ts';

/**
 * schema.org JSON-LD for search engines (Google Dataset Search). Typed with schema-dts, so a
 * property schema.org does not have, or a value of the wrong type, fails `npm run typecheck`.
 */

/** Google asks for 50 to 5000 characters. */
function searchDescription(entry: StandardsEntry): string {
  const text = `${entry.dataset.summary}\n\n${plainText(entry.dataset.description)}`;
  return text.length <= 5000 ? text : `${text.slice(0, 4999).trimEnd()}…`;
}

function catalogRef(site: SiteConfig): DataCatalog {
  const ids = standardIris(site);
  return { '@type': 'DataCatalog', '@id': ids.catalog, name: site.name, url: ids.home };
}

export function datasetJsonLd(entry: StandardsEntry, site: SiteConfig): WithContext<Dataset> {
  const { dataset, latest } = entry;
  const ids = standardIris(site);
  const license = describeLicense(dataset.license);
  const department = {
    '@type': 'Organization',
    name: dataset.publisher,
    parentOrganization: { '@type': 'Organization', '@id': ids.organisation, name: site.organisation },
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
    temporalCoverage: `${dataset.temporal.start}/${dataset.temporal.end ? coverageEnd(entry) : '..'}`,
    spatialCoverage: { '@type': 'Place', name: dataset.spatial },
    variableMeasured: variables,
    datePublished: issuedDate(entry),
    dateModified: latest.snapshotAt,
    version: latest.version,
    inLanguage: site.language,
    includedInDataCatalog: catalogRef(site),
    distribution: downloads,
    subjectOf: { '@type': 'CreativeWork', url: ids.abs(urls.dataPackage(dataset.id)), encodingFormat: 'application/json', name: 'Frictionless data package' },
  };
}

export function dataCatalogJsonLd(entries: readonly StandardsEntry[], site: SiteConfig): WithContext<DataCatalog> {
  const ids = standardIris(site);
  return {
    '@context': 'https://schema.org',
    ...catalogRef(site),
    description: site.tagline,
    inLanguage: site.language,
    license: describeLicense(site.metadataLicense).url,
    publisher: { '@type': 'Organization', '@id': ids.organisation, name: site.organisation },
    dataset: entries.map(({ dataset }) => ({
      '@type': 'Dataset',
      '@id': ids.dataset(dataset.id),
      name: dataset.title,
      description: dataset.summary,
      url: ids.abs(urls.dataset(dataset.id)),
    })),
  };
}

/** JSON for a `<script type="application/ld+json">`: `<` escaped so no value can close the script element. */
export function jsonLdScript(value: object): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}
