import type { SiteConfig } from '../../site.config.ts';
import type { Manifest } from '../../schemas/manifest.ts';
import { describeLicense, frequencies, themes } from '../../schemas/vocabularies.ts';
import { slugify } from '../taxonomy.ts';
import { urls } from '../urls.ts';
import { issuedDate, plainText, type StandardsEntry } from './entry.ts';
import { bboxWkt, centroidWkt, coverage, datasetStatus, licence, modified, spatialCoverage, versionCoverage, type Coverage, type SpatialCoverage } from './facts.ts';
import { standardIris } from './iris.ts';

/**
 * `/dcat-us-3.0/data.json` (and `/data.json` unless the site configuration chooses 1.1): the catalog
 * in DCAT-US 3.0, the JSON Schemas data.gov's harvester validates each record with. Where 1.1 has
 * strings, 3.0 has objects and lists (a Standard, a Document, Locations, PeriodsOfTime); licence,
 * access URL, byte size and checksum sit on each Distribution; each dataset's versions are its
 * `hasVersion` records, members of one `DatasetSeries` (`inSeries`). Node ids are the same IRIs as in
 * the DCAT-AP graph, so both describe the same things. The facts shared by every output (period,
 * status, licence, last change, area) come from `facts.ts`.
 */

const EU = 'http://publications.europa.eu/resource/authority/';
export const DCAT_US_3 = 'https://resources.data.gov/dcat-us/3.0.0/';

type Ids = ReturnType<typeof standardIris>;

/** DCAT-US 3.0 takes two-letter language codes only: the site's primary language subtag when it is one. */
function languages(site: Pick<SiteConfig, 'language'>) {
  const primary = site.language.split('-')[0]!.toLowerCase();
  return primary.length === 2 ? { language: [primary] } : {};
}

function kind(entry: StandardsEntry) {
  const { contactPoint } = entry.dataset;
  return { '@type': 'Kind', fn: contactPoint.name, hasEmail: `mailto:${contactPoint.email}` };
}

function location(ids: Ids, node: string, area: SpatialCoverage) {
  const id = area.bboxSource === 'data' ? node : `${ids.home}#place-${slugify(area.name)}`;
  return {
    '@id': id,
    '@type': 'Location',
    prefLabel: area.name,
    ...(area.bbox ? { bbox: bboxWkt(area.bbox), centroid: centroidWkt(area.bbox) } : {}),
  };
}

function period(node: string, covered: Coverage) {
  return { '@id': node, '@type': 'PeriodOfTime', startDate: covered.start, ...(covered.end ? { endDate: covered.end } : {}) };
}

function documentOf(url: string, title: string) {
  return { '@id': url, '@type': 'Document', title, accessURL: url };
}

/** A manifest's files as Distributions: access and download URL, media type, size, SHA-256 and licence. */
function distributions(entry: StandardsEntry, ids: Ids, manifest: Manifest, page: string, fileUrl: (file: { name: string; bytes: number }) => string, label: string) {
  const { dataset } = entry;
  return manifest.files.map((file) => ({
    '@id': `${page}#distribution-${slugify(file.name)}`,
    '@type': 'Distribution',
    title: `${dataset.title}, ${label} (${file.format})`,
    description: `${manifest.rowCount} rows as ${file.format}, snapshot of ${manifest.snapshotAt}.`,
    accessURL: page,
    downloadURL: fileUrl(file),
    mediaType: file.mediaType,
    format: file.format,
    byteSize: String(file.bytes),
    checksum: { '@type': 'Checksum', algorithm: 'SHA-256', checksumValue: file.sha256 },
    license: licence(entry).url,
    modified: manifest.snapshotAt,
    ...(file.mediaType === 'text/csv' && manifest === entry.latest ? { describedBy: dataDictionary(entry, ids) } : {}),
  }));
}

/** The field dictionary: the Frictionless data package of the latest version. */
function dataDictionary(entry: StandardsEntry, ids: Ids) {
  const url = ids.abs(urls.dataPackage(entry.dataset.id));
  return {
    '@id': url,
    '@type': 'Distribution',
    title: `Data package and table schema of ${entry.dataset.title}`,
    downloadURL: url,
    mediaType: 'application/json',
    conformsTo: [{ '@id': 'https://datapackage.org/profiles/2.0/datapackage.json', '@type': 'Standard', title: 'Frictionless Data Package 2.0' }],
  };
}

function seriesOf(entry: StandardsEntry, ids: Ids) {
  const { dataset } = entry;
  return {
    '@id': ids.series(dataset.id),
    '@type': 'DatasetSeries',
    title: `${dataset.title}: every version`,
    description: `Every published version of ${dataset.title}, oldest first; each is a snapshot whose files never change.`,
  };
}

/** The status concept of a retired dataset (ADMS "Completed": no more changes planned); none while maintained. */
function status(entry: StandardsEntry) {
  const state = datasetStatus(entry);
  if (state.state !== 'retired') return {};
  return { status: { '@id': 'http://purl.org/adms/status/Completed', '@type': 'Concept', prefLabel: 'Completed', altLabel: 'Retired', definition: `Retired on ${state.since}: ${state.reason}` } };
}

function versionRecord(entry: StandardsEntry, ids: Ids, site: SiteConfig, manifest: Manifest) {
  const { dataset } = entry;
  const page = ids.abs(urls.version(dataset.id, manifest.version));
  return {
    '@id': ids.version(dataset.id, manifest.version),
    '@type': 'Dataset',
    title: `${dataset.title}, version ${manifest.version}`,
    description: `Snapshot of ${dataset.title} taken ${manifest.snapshotAt}: ${manifest.rowCount} rows.`,
    identifier: ids.version(dataset.id, manifest.version),
    contactPoint: [kind(entry)],
    version: manifest.version,
    issued: manifest.snapshotAt,
    modified: manifest.snapshotAt,
    landingPage: documentOf(page, `${dataset.title}, version ${manifest.version}`),
    spatial: [location(ids, `${page}#spatial`, spatialCoverage(entry, manifest, site))],
    temporal: [period(`${page}#temporal`, versionCoverage(entry, manifest))],
    inSeries: [seriesOf(entry, ids)],
    distribution: distributions(entry, ids, manifest, page, (file) => ids.file(dataset.id, manifest.version, file, 'version'), `version ${manifest.version}`),
  };
}

/** One dataset record, as the harvester checks it: the dataset, its latest files, its series and every version. */
export function dataJsonUs3Record(entry: StandardsEntry, site: SiteConfig) {
  const { dataset, latest } = entry;
  const ids = standardIris(site);
  const page = ids.abs(urls.dataset(dataset.id));
  const theme = themes[dataset.theme];
  const oldestFirst = [...entry.versions].reverse();
  return {
    '@id': ids.dataset(dataset.id),
    '@type': 'Dataset',
    title: dataset.title,
    description: `${dataset.summary}\n\n${plainText(dataset.description)}`,
    identifier: ids.dataset(dataset.id),
    contactPoint: [kind(entry)],
    publisher: {
      '@id': `${ids.abs(`/publishers/${slugify(dataset.publisher)}/`)}#agent`,
      '@type': 'Organization',
      name: dataset.publisher,
      subOrganizationOf: [{ '@id': ids.organisation, '@type': 'Organization', name: site.organisation }],
    },
    keyword: [...dataset.keywords],
    theme: [{ '@id': `${EU}data-theme/${theme.euCode}`, '@type': 'Concept', prefLabel: theme.label, inScheme: { '@id': `${EU}data-theme`, '@type': 'ConceptScheme', title: 'Data theme' } }],
    issued: issuedDate(entry),
    modified: modified(entry),
    accrualPeriodicity: frequencies[dataset.frequency].iso,
    ...languages(site),
    accessRights: 'Public: anyone may download the data and reuse it under its licence.',
    landingPage: documentOf(page, dataset.title),
    describedBy: dataDictionary(entry, ids),
    spatial: [location(ids, `${page}#spatial`, spatialCoverage(entry, latest, site))],
    temporal: [period(`${page}#temporal`, coverage(entry, latest))],
    ...status(entry),
    version: latest.version,
    inSeries: [
      {
        ...seriesOf(entry, ids),
        contactPoint: [kind(entry)],
        accrualPeriodicity: frequencies[dataset.frequency].iso,
        issued: issuedDate(entry),
        modified: modified(entry),
        seriesMember: oldestFirst.map((manifest) => ({
          '@id': ids.version(dataset.id, manifest.version),
          '@type': 'Dataset',
          title: `${dataset.title}, version ${manifest.version}`,
          description: `Version ${manifest.version} of ${dataset.title}.`,
          identifier: ids.version(dataset.id, manifest.version),
          contactPoint: [kind(entry)],
        })),
      },
    ],
    distribution: distributions(entry, ids, latest, page, (file) => ids.file(dataset.id, latest.version, file, 'latest'), 'latest version'),
    hasVersion: oldestFirst.map((manifest) => versionRecord(entry, ids, site, manifest)),
  };
}

export function dataJsonUs3(entries: readonly StandardsEntry[], site: SiteConfig) {
  const ids = standardIris(site);
  const changed = entries.map(modified).sort().at(-1);
  const issued = entries.map(issuedDate).sort()[0];
  return {
    '@id': ids.abs(urls.dataJsonUs3()),
    '@type': 'Catalog',
    conformsTo: { '@id': DCAT_US_3, '@type': 'Standard', title: 'DCAT-US 3.0' },
    title: site.name,
    description: site.tagline,
    publisher: { '@id': ids.organisation, '@type': 'Agent', name: site.organisation },
    homepage: documentOf(ids.home, site.name),
    ...languages(site),
    license: describeLicense(site.metadataLicense).url,
    ...(issued ? { issued } : {}),
    ...(changed ? { modified: changed } : {}),
    ...(site.area ? { spatial: [location(ids, '', { name: site.area.name, bbox: site.area.bbox, bboxSource: 'area' })] } : {}),
    themeTaxonomy: [{ '@id': `${EU}data-theme`, '@type': 'ConceptScheme', title: 'Data theme' }],
    dataset: entries.map((entry) => dataJsonUs3Record(entry, site)),
  };
}
