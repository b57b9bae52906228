import type { SiteConfig } from '../../site.config.ts';
import { describeLicense, frequencies, themes } from '../../schemas/vocabularies.ts';
import { urls } from '../urls.ts';
import { coverageEnd, issuedDate, plainText, type StandardsEntry } from './entry.ts';
import { standardIris } from './iris.ts';

/**
 * `/data.json`: the catalog in DCAT-US 1.1 (Project Open Data), the format data.gov harvests.
 * Non-federal publishers validate against data.gov's non-federal schema; with `usFederal` in the
 * site configuration every dataset carries bureauCode/programCode and the official schema applies.
 */
export function dataJson(entries: readonly StandardsEntry[], site: SiteConfig) {
  const ids = standardIris(site);
  return {
    '@context': 'https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld',
    '@id': ids.abs(urls.dataJson()),
    '@type': 'dcat:Catalog',
    conformsTo: 'https://project-open-data.cio.gov/v1.1/schema',
    describedBy: 'https://project-open-data.cio.gov/v1.1/schema/catalog.json',
    dataset: entries.map((entry) => {
      const { dataset, latest } = entry;
      return {
        '@type': 'dcat:Dataset',
        title: dataset.title,
        description: `${dataset.summary}\n\n${plainText(dataset.description)}`,
        keyword: dataset.keywords,
        modified: latest.snapshotAt,
        publisher: {
          '@type': 'org:Organization',
          name: dataset.publisher,
          subOrganizationOf: { '@type': 'org:Organization', name: site.organisation },
        },
        contactPoint: { '@type': 'vcard:Contact', fn: dataset.contactPoint.name, hasEmail: `mailto:${dataset.contactPoint.email}` },
        identifier: ids.dataset(dataset.id),
        accessLevel: 'public',
        ...(site.usFederal ? { bureauCode: [...site.usFederal.bureauCode], programCode: [...site.usFederal.programCode] } : {}),
        license: describeLicense(dataset.license).url,
        spatial: dataset.spatial,
        temporal: `${dataset.temporal.start}/${coverageEnd(entry)}`,
        issued: issuedDate(entry),
        accrualPeriodicity: frequencies[dataset.frequency].iso,
        language: [site.language],
        theme: [themes[dataset.theme].label],
        landingPage: ids.abs(urls.dataset(dataset.id)),
        describedBy: ids.abs(urls.dataPackage(dataset.id)),
        describedByType: 'application/json',
        distribution: latest.files.map((file) => ({
          '@type': 'dcat:Distribution',
          title: `${dataset.title} (${file.format}), latest version`,
          description: `${latest.rowCount} rows, version ${latest.version}. SHA-256 ${file.sha256}.`,
          downloadURL: ids.file(dataset.id, latest.version, file, 'latest'),
          mediaType: file.mediaType,
          format: file.format,
          ...(file.mediaType === 'text/csv'
            ? { describedBy: ids.abs(urls.dataPackage(dataset.id)), describedByType: 'application/json' }
            : {}),
        })),
      };
    }),
  };
}
