import type { SiteConfig } from '../../site.config.ts';
import { frequencies, themes } from '../../schemas/vocabularies.ts';
import { urls } from '../urls.ts';
import { issuedDate, plainText, type StandardsEntry } from './entry.ts';
import { coverage, datasetStatus, licence, modified } from './facts.ts';
import { standardIris } from './iris.ts';

/**
 * `/dcat-us-1.1/data.json` (and `/data.json` when the site configuration chooses 1.1): the catalog in
 * DCAT-US 1.1 (Project Open Data), for harvesters not yet on 3.0. Non-federal publishers validate
 * against data.gov's non-federal schema; with `usFederal` in the site configuration every dataset
 * carries bureauCode/programCode and the official schema applies. 1.1 has no open interval: a period
 * still growing (no end, see `facts.ts`) is left out rather than ended at the build date. 1.1 has no
 * status either: a retired dataset says so at the start of its description and has no update frequency.
 */
export function dataJson(entries: readonly StandardsEntry[], site: SiteConfig) {
  const ids = standardIris(site);
  return {
    '@context': 'https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld',
    '@id': ids.abs(urls.dataJsonUs11()),
    '@type': 'dcat:Catalog',
    conformsTo: 'https://project-open-data.cio.gov/v1.1/schema',
    describedBy: 'https://project-open-data.cio.gov/v1.1/schema/catalog.json',
    dataset: entries.map((entry) => {
      const { dataset, latest } = entry;
      const covered = coverage(entry, latest);
      const status = datasetStatus(entry);
      return {
        '@type': 'dcat:Dataset',
        title: dataset.title,
        description: `${status.state === 'retired' ? `Retired on ${status.since}: no longer updated. ` : ''}${dataset.summary}\n\n${plainText(dataset.description)}`,
        keyword: dataset.keywords,
        modified: modified(entry),
        publisher: {
          '@type': 'org:Organization',
          name: dataset.publisher,
          subOrganizationOf: { '@type': 'org:Organization', name: site.organisation },
        },
        contactPoint: { '@type': 'vcard:Contact', fn: dataset.contactPoint.name, hasEmail: `mailto:${dataset.contactPoint.email}` },
        identifier: ids.dataset(dataset.id),
        accessLevel: 'public',
        ...(site.usFederal ? { bureauCode: [...site.usFederal.bureauCode], programCode: [...site.usFederal.programCode] } : {}),
        license: licence(entry).url,
        spatial: dataset.spatial,
        ...(covered.end ? { temporal: `${covered.start}/${covered.end}` } : {}),
        issued: issuedDate(entry),
        // A retired dataset is no longer updated: it has no update frequency any more.
        ...(status.state === 'retired' ? {} : { accrualPeriodicity: frequencies[dataset.frequency].iso }),
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
          ...(file.mediaType === 'text/csv' ? { describedBy: ids.abs(urls.dataPackage(dataset.id)), describedByType: 'application/json' } : {}),
        })),
      };
    }),
  };
}
