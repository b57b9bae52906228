import type { SiteConfig } from '../../site.config.ts';
import type { Manifest } from '../../schemas/manifest.ts';
import { describeLicense, frequencies, themes } from '../../schemas/vocabularies.ts';
import { urls } from '../urls.ts';
import { fieldsOf, issuedDate, type StandardsEntry } from './entry.ts';
import { coverage, datasetStatus, licence, modified, spatialCoverage, versionCoverage } from './facts.ts';
import { standardIris } from './iris.ts';

/**
 * `/catalog-dump.json`: the whole catalog's metadata in one file, for harvesters and researchers who
 * want it all at once: every dataset with its dictionary, every version with what changed, every
 * distribution with its size and SHA-256. Plain JSON in the project's own shape (documented on the
 * developers page), built from the same facts as every standard export. What is not published is not
 * here: no source table, sign-offs, checklist or privacy rules (a row filter is SQL), and no
 * withdrawn version.
 */

const DUMP_FORMAT = 1;

function distributions(manifest: Manifest, url: (file: { name: string; bytes: number }) => string) {
  return manifest.files.map((file) => ({ name: file.name, format: file.format, mediaType: file.mediaType, bytes: file.bytes, sha256: file.sha256, downloadURL: url(file) }));
}

export function catalogDump(entries: readonly StandardsEntry[], site: SiteConfig) {
  const ids = standardIris(site);
  return {
    format: DUMP_FORMAT,
    catalog: {
      name: site.name,
      url: ids.home,
      organisation: site.organisation,
      description: site.tagline,
      language: site.language,
      metadataLicense: describeLicense(site.metadataLicense).url,
      modified: entries.map(modified).sort().at(-1) ?? null,
      datasets: entries.length,
    },
    datasets: entries.map((entry) => {
      const { dataset, latest } = entry;
      return {
        id: dataset.id,
        iri: ids.dataset(dataset.id),
        title: dataset.title,
        summary: dataset.summary,
        description: dataset.description,
        rowMeaning: dataset.rowMeaning,
        keywords: dataset.keywords,
        theme: { id: dataset.theme, label: themes[dataset.theme].label },
        publisher: dataset.publisher,
        contactPoint: dataset.contactPoint,
        license: licence(entry),
        frequency: { id: dataset.frequency, label: frequencies[dataset.frequency].label },
        status: datasetStatus(entry),
        temporal: coverage(entry, latest),
        spatial: spatialCoverage(entry, latest, site),
        ...(dataset.highValue ? { highValue: dataset.highValue } : {}),
        issued: issuedDate(entry),
        modified: modified(entry),
        collectionMethod: dataset.collectionMethod,
        caveats: dataset.caveats,
        related: dataset.related,
        primaryKey: dataset.primaryKey,
        fields: fieldsOf(entry).map(({ transform, scanReviewed, ...field }) => ({ ...field, ...(transform ? { transform: { method: transform.method, reason: transform.reason } } : {}) })),
        urls: {
          page: ids.abs(urls.dataset(dataset.id)),
          dataPackage: ids.abs(urls.dataPackage(dataset.id)),
          turtle: ids.abs(urls.datasetTurtle(dataset.id)),
          jsonLd: ids.abs(urls.datasetJsonLd(dataset.id)),
          rdfXml: ids.abs(urls.datasetRdfXml(dataset.id)),
          feed: ids.abs(urls.datasetFeed(dataset.id)),
        },
        latest: { version: latest.version, distributions: distributions(latest, (file) => ids.file(dataset.id, latest.version, file, 'latest')) },
        versions: [...entry.versions].reverse().map((manifest) => ({
          version: manifest.version,
          iri: ids.version(dataset.id, manifest.version),
          page: ids.abs(urls.version(dataset.id, manifest.version)),
          snapshotAt: manifest.snapshotAt,
          rowCount: manifest.rowCount,
          temporal: versionCoverage(entry, manifest),
          spatial: spatialCoverage(entry, manifest, site),
          columns: manifest.columns.map(({ name, type }) => ({ name, type })),
          ...(manifest.changes ? { changes: manifest.changes } : {}),
          ...(manifest.notWritten ? { notWritten: manifest.notWritten } : {}),
          distributions: distributions(manifest, (file) => ids.file(dataset.id, manifest.version, file, 'version')),
        })),
      };
    }),
  };
}
