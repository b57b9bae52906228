import type { SiteConfig } from '../../site.config.ts';
import type { Field, FieldType } from '../../schemas/field.ts';
import type { Manifest } from '../../schemas/manifest.ts';
import { isOffsite } from '../../shared/download-location.ts';
import { urls } from '../urls.ts';
import { fieldsOf, type StandardsEntry } from './entry.ts';
import { coverageInterval, datasetStatus, licence, modified, versionCoverage } from './facts.ts';
import { standardIris } from './iris.ts';

/**
 * Frictionless Data Package (v2) and CSV on the Web metadata, built from the field dictionary.
 * The published CSV holds PostgreSQL's text output (see scripts/build-data/lib/row-writers.ts),
 * which decides the formats below: booleans are `true`/`false`, timestamps look like
 * `2022-01-01 23:56:59+00` (space, optional zone), NULL is an empty cell.
 */

const PROFILE = 'https://datapackage.org/profiles/2.0/datapackage.json';
const TABLE_SCHEMA = 'https://datapackage.org/profiles/2.0/tableschema.json';

function enumValues(field: Field): (string | number)[] | undefined {
  if (!field.allowedValues) return undefined;
  const numeric = field.type === 'integer' || field.type === 'number';
  return field.allowedValues.map((value) => (numeric ? Number(value) : String(value)));
}

function tableField(field: Field, primaryKey: readonly string[]) {
  const constraints = {
    ...(primaryKey.length === 1 && primaryKey[0] === field.name ? { required: true, unique: true } : {}),
    ...(primaryKey.includes(field.name) ? { required: true } : {}),
    ...(enumValues(field) ? { enum: enumValues(field) } : {}),
    ...(field.range?.min !== undefined ? { minimum: field.range.min } : {}),
    ...(field.range?.max !== undefined ? { maximum: field.range.max } : {}),
  };
  return {
    name: field.name,
    type: field.type,
    // Not ISO 8601 `T`-separated, so the default datetime format would reject every value.
    ...(field.type === 'datetime' ? { format: 'any' } : {}),
    title: field.title,
    description: field.unit ? `${field.description} Unit: ${field.unit}.` : field.description,
    // Table Schema v2 wants the example as it appears in the file, i.e. as text.
    ...(field.example !== undefined ? { example: String(field.example) } : {}),
    ...(Object.keys(constraints).length > 0 ? { constraints } : {}),
  };
}

/** The Table Schema of one version's CSV. */
export function tableSchema(entry: StandardsEntry, manifest: Manifest = entry.latest) {
  const { primaryKey } = entry.dataset;
  return {
    $schema: TABLE_SCHEMA,
    fields: fieldsOf(entry, manifest).map((field) => tableField(field, primaryKey)),
    ...(primaryKey.length > 0 ? { primaryKey: [...primaryKey] } : {}),
    // An empty cell is NULL; an empty string is written as `""` and stays a value.
    missingValues: [''],
  };
}

/** `/datasets/<id>/datapackage.json`: the latest version's CSV, at its permanent URL so the hash always matches. */
export function dataPackage(entry: StandardsEntry, site: SiteConfig) {
  const { dataset, latest } = entry;
  const ids = standardIris(site);
  const license = licence(entry);
  const csv = latest.files.find((file) => file.mediaType === 'text/csv');
  if (!csv) throw new Error(`${dataset.id} version ${latest.version} has no CSV file; its data package needs one.`);
  const parquet = latest.files.find((file) => file.name === 'data.parquet');
  const schema = tableSchema(entry, latest);
  return {
    $schema: PROFILE,
    name: dataset.id,
    id: ids.dataset(dataset.id),
    title: dataset.title,
    description: dataset.summary,
    version: latest.version,
    created: modified(entry),
    // Not a Data Package property (v2 allows others): whether the dataset is still maintained, as every export says it.
    status: datasetStatus(entry).state,
    homepage: ids.abs(urls.dataset(dataset.id)),
    keywords: [...dataset.keywords],
    licenses: [license.spdx ? { name: license.id, path: license.url, title: license.name } : { path: license.url, title: license.name }],
    contributors: [
      { title: dataset.publisher, roles: ['creator', 'publisher'] },
      { title: dataset.contactPoint.name, email: dataset.contactPoint.email, roles: ['contact'] },
    ],
    sources: [{ title: `${site.organisation}, ${dataset.publisher}` }],
    resources: [
      {
        name: dataset.id,
        type: 'table',
        path: ids.file(dataset.id, latest.version, csv, 'version'),
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        bytes: csv.bytes,
        hash: `sha256:${csv.sha256}`,
        schema,
      },
      // The same rows, typed by column (Parquet carries its own types; the schema still describes the fields).
      ...(parquet
        ? [
            {
              name: `${dataset.id}-parquet`,
              type: 'table',
              path: ids.file(dataset.id, latest.version, parquet, 'version'),
              format: 'parquet',
              mediatype: parquet.mediaType,
              bytes: parquet.bytes,
              hash: `sha256:${parquet.sha256}`,
              schema,
            },
          ]
        : []),
    ],
  };
}

const csvwDatatypes: Record<FieldType, string | { base: string; format: string }> = {
  string: 'string',
  integer: 'integer',
  number: 'decimal',
  boolean: { base: 'boolean', format: 'true|false' },
  date: 'date',
  // PostgreSQL's timestamp text is not xsd:dateTime, and the zone is present on some columns only.
  datetime: 'string',
  time: 'time',
  duration: 'duration',
};

/** A CSVW column name is a URI-template variable: letters, digits and `_`, anything else percent-encoded. */
function csvwName(column: string): string {
  return [...new TextEncoder().encode(column)]
    .map((byte) => {
      const char = String.fromCharCode(byte);
      return /[A-Za-z0-9_]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

/** CSVW metadata for one version's `data.csv` (`url` is relative: the file sits beside it). */
export function csvwMetadata(entry: StandardsEntry, manifest: Manifest, site: SiteConfig) {
  const { dataset } = entry;
  const csv = manifest.files.find((file) => file.name === 'data.csv');
  // Beside the CSV on the site (a relative URL), or the CSV's object when it is served from object storage.
  const url = csv && site.downloads && isOffsite(csv, site.downloads) ? standardIris(site).file(dataset.id, manifest.version, csv, 'version') : 'data.csv';
  return {
    '@context': ['http://www.w3.org/ns/csvw', { '@language': site.language }],
    url,
    'dc:title': `${dataset.title}, version ${manifest.version}`,
    'dc:description': dataset.summary,
    'dc:license': { '@id': licence(entry).url },
    'dc:modified': manifest.snapshotAt,
    'dcat:keyword': [...dataset.keywords],
    // The period and area of this file's version, and whether the dataset is still maintained (facts.ts).
    'schema:temporalCoverage': coverageInterval(versionCoverage(entry, manifest)),
    'schema:spatialCoverage': dataset.spatial,
    'schema:creativeWorkStatus': datasetStatus(entry).state === 'retired' ? 'Retired' : 'Active',
    tableSchema: {
      columns: fieldsOf(entry, manifest).map((field) => ({
        name: csvwName(field.name),
        titles: field.name,
        'dc:title': field.title,
        'dc:description': field.description,
        datatype: csvwDatatypes[field.type],
        ...(dataset.primaryKey.includes(field.name) ? { required: true } : {}),
      })),
      ...(dataset.primaryKey.length > 0 ? { primaryKey: [...dataset.primaryKey] } : {}),
    },
  };
}
