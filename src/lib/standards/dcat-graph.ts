import { euFileType, ianaMediaType } from '../../shared/download-formats.ts';
import { DataFactory, Store, type Quad_Object } from 'n3';
import type { SiteConfig } from '../../site.config.ts';
import type { Manifest, SnapshotFile } from '../../schemas/manifest.ts';
import { describeLicense, frequencies, themes } from '../../schemas/vocabularies.ts';
import { slugify } from '../taxonomy.ts';
import { urls } from '../urls.ts';
import { coverageEnd, issuedDate, plainText, type StandardsEntry } from './entry.ts';
import { standardIris } from './iris.ts';

/**
 * The catalog as one DCAT-AP 3 RDF graph; `/catalog.ttl` and `/catalog.jsonld` are two
 * serialisations of it (see `rdf-serialise.ts`). Two rules of the DCAT-AP shapes shape this code:
 * - every node an object property points at carries its `rdf:type` here (the range shapes check
 *   `sh:class`, and harvesters do not load the EU vocabularies for us);
 * - every Distribution has `dcat:accessURL` even when it has a `dcat:downloadURL`.
 */

// eslint-disable-next-line @typescript-eslint/unbound-method -- n3's DataFactory is an object of free functions that never use `this`, typed as methods.
const { namedNode, literal, quad } = DataFactory;

export const prefixes = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  spdx: 'http://spdx.org/rdf/terms#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  adms: 'http://www.w3.org/ns/adms#',
  dcatap: 'http://data.europa.eu/r5r/',
} as const;

type Prefix = keyof typeof prefixes;
type CURIE = `${Prefix}:${string}`;

const EU = 'http://publications.europa.eu/resource/authority/';
/** BCP 47 → the EU language authority (ISO 639-3) code. Extend when a catalog uses another language. */
const EU_LANGUAGE: Record<string, string> = { en: 'ENG', fr: 'FRA', de: 'DEU', nl: 'NLD', es: 'SPA', it: 'ITA', pt: 'POR', da: 'DAN', sv: 'SWE', fi: 'FIN' };

function iri(value: string) {
  const match = /^([a-z]+):(.*)$/.exec(value);
  const base = match && prefixes[match[1] as Prefix];
  return namedNode(base ? base + match[2] : value);
}

/** A tiny builder over an n3 Store that keeps the mapping code readable: `add(s, 'dct:title', text(...))`. */
function graphBuilder() {
  const store = new Store();
  const typed = new Set<string>();
  const add = (subject: string, predicate: CURIE, object: Quad_Object | string | undefined) => {
    if (object === undefined) return;
    store.addQuad(quad(iri(subject), iri(predicate), typeof object === 'string' ? iri(object) : object));
  };
  /** Declares a node's class once, however many datasets link to it. */
  const type = (subject: string, ...classes: CURIE[]) => {
    for (const cls of classes) {
      const key = `${subject} ${cls}`;
      if (typed.has(key)) continue;
      typed.add(key);
      add(subject, 'rdf:type', cls);
    }
    return subject;
  };
  return { store, add, type };
}

type Graph = ReturnType<typeof graphBuilder>;

/** The catalog: its own node, then each dataset with its versions and their distributions. */
export function buildDcatGraph(entries: readonly StandardsEntry[], site: SiteConfig): Store {
  const g = graphBuilder();
  const terms = commonTerms(g, site);
  const catalog = addCatalog(g, terms, entries, site);
  for (const entry of entries) addDataset(g, terms, catalog, entry);
  return g.store;
}

/** Literal makers and the vocabulary nodes every dataset points at, typed for the range shapes. */
function commonTerms(g: Graph, site: SiteConfig) {
  const ids = standardIris(site);
  const lang = site.language;
  const text = (value: string) => literal(value, lang);
  const date = (value: string) => literal(value.slice(0, 10), iri('xsd:date'));
  const dateTime = (value: string) => literal(value, iri('xsd:dateTime'));
  const languageIri = EU_LANGUAGE[lang.split('-')[0]!.toLowerCase()];
  const language = languageIri ? g.type(`${EU}language/${languageIri}`, 'dct:LinguisticSystem') : undefined;
  const themeScheme = g.type(`${EU}data-theme`, 'skos:ConceptScheme');
  g.add(themeScheme, 'dct:title', literal('Data theme', 'en'));
  const license = (id: string) => {
    const described = describeLicense(id);
    const node = g.type(described.euCode ? `${EU}licence/${described.euCode}` : described.url, 'dct:LicenseDocument');
    g.add(node, 'dct:title', literal(described.name, 'en'));
    return node;
  };
  const localAuthority = g.type('http://purl.org/adms/publishertype/LocalAuthority', 'skos:Concept');
  g.add(localAuthority, 'skos:prefLabel', literal('Local Authority', 'en'));
  const stable = g.type(`${prefixes.dcatap}availability/stable`, 'skos:Concept');
  g.add(stable, 'skos:prefLabel', literal('Stable', 'en'));
  const sha256 = g.type('spdx:checksumAlgorithm_sha256', 'spdx:ChecksumAlgorithm');
  const agent = (iriValue: string, name: string) => {
    g.type(iriValue, 'foaf:Agent');
    g.add(iriValue, 'foaf:name', text(name));
    g.add(iriValue, 'dct:type', localAuthority);
    return iriValue;
  };
  const document = (url: string) => g.type(url, 'foaf:Document');
  return { ids, text, date, dateTime, language, themeScheme, license, stable, sha256, agent, document };
}

type Terms = ReturnType<typeof commonTerms>;

/** The catalog node: publisher, home page, licence of the metadata, first issue and last change. */
function addCatalog(g: Graph, t: Terms, entries: readonly StandardsEntry[], site: SiteConfig): string {
  const organisation = t.agent(t.ids.organisation, site.organisation);
  const catalog = g.type(t.ids.catalog, 'dcat:Catalog');
  g.add(catalog, 'dct:title', t.text(site.name));
  g.add(catalog, 'dct:description', t.text(site.tagline));
  g.add(catalog, 'dct:publisher', organisation);
  g.add(catalog, 'foaf:homepage', t.document(t.ids.home));
  g.add(catalog, 'dct:language', t.language);
  g.add(catalog, 'dct:license', t.license(site.metadataLicense));
  g.add(catalog, 'dcat:themeTaxonomy', t.themeScheme);
  const issued = entries.map(issuedDate).sort()[0];
  const modified = entries.map((e) => e.latest.snapshotAt).sort().at(-1);
  if (issued) g.add(catalog, 'dct:issued', t.date(issued));
  if (modified) g.add(catalog, 'dct:modified', t.dateTime(modified));
  return catalog;
}

/** One dataset: its node, what it shares with its versions, the latest version's distributions, then each version. */
function addDataset(g: Graph, t: Terms, catalog: string, entry: StandardsEntry): void {
  const { dataset, latest } = entry;
  const { ids } = t;
  const node = g.type(ids.dataset(dataset.id), 'dcat:Dataset');
  g.add(catalog, 'dcat:dataset', node);
  g.add(node, 'dct:title', t.text(dataset.title));
  g.add(node, 'dct:description', t.text(plainText(dataset.description)));
  g.add(node, 'dct:identifier', literal(dataset.id));
  const describe = sharedFacts(g, t, catalog, entry);
  describe(node);
  g.add(node, 'dct:issued', t.date(issuedDate(entry)));
  g.add(node, 'dct:modified', t.dateTime(latest.snapshotAt));
  g.add(node, 'dcat:landingPage', t.document(ids.abs(urls.dataset(dataset.id))));
  g.add(node, 'dcat:version', literal(latest.version));
  // The field dictionary, as a Frictionless Table Schema: what every CSV distribution of the latest version conforms to.
  const dictionary = g.type(ids.abs(urls.dataPackage(dataset.id)), 'dct:Standard');
  g.add(dictionary, 'dct:title', t.text(`Data package and table schema of ${dataset.title}`));
  addDistributions(g, t, entry, {
    owner: node,
    manifest: latest,
    base: ids.abs(urls.dataset(dataset.id)),
    fileUrl: (file) => ids.abs(urls.latestFile(dataset.id, file.name)),
    label: 'latest version',
    dictionary,
  });
  for (const manifest of entry.versions) addVersion(g, t, entry, { node, manifest, describe, dictionary });
}

/**
 * The dataset's theme, publisher, contact, place, period and frequency; returns the function that
 * states them on a subject, so the dataset and each version stand alone for a harvester.
 */
function sharedFacts(g: Graph, t: Terms, catalog: string, entry: StandardsEntry): (subject: string) => void {
  const { dataset } = entry;
  const { ids } = t;
  const theme = g.type(`${EU}data-theme/${themes[dataset.theme].euCode}`, 'skos:Concept');
  g.add(theme, 'skos:prefLabel', literal(themes[dataset.theme].label, 'en'));
  g.add(theme, 'skos:inScheme', t.themeScheme);
  const publisher = `${ids.abs(`/publishers/${slugify(dataset.publisher)}/`)}#agent`;
  t.agent(publisher, dataset.publisher);
  const contact = g.type(`${ids.dataset(dataset.id).replace(/#dataset$/, '')}#contact`, 'vcard:Kind');
  g.add(contact, 'vcard:fn', literal(dataset.contactPoint.name));
  g.add(contact, 'vcard:hasEmail', `mailto:${dataset.contactPoint.email}`);
  const frequency = g.type(`${EU}frequency/${frequencies[dataset.frequency].euCode}`, 'dct:Frequency');
  g.add(frequency, 'skos:prefLabel', literal(frequencies[dataset.frequency].label, 'en'));
  const place = g.type(`${ids.home}#place-${slugify(dataset.spatial)}`, 'dct:Location');
  g.add(place, 'skos:prefLabel', t.text(dataset.spatial));
  g.add(catalog, 'dct:spatial', place);
  const period = g.type(`${ids.abs(urls.dataset(dataset.id))}#temporal`, 'dct:PeriodOfTime');
  g.add(period, 'dcat:startDate', t.date(dataset.temporal.start));
  if (dataset.temporal.end) g.add(period, 'dcat:endDate', t.date(coverageEnd(entry)));
  return (subject) => {
    for (const keyword of dataset.keywords) g.add(subject, 'dcat:keyword', t.text(keyword));
    g.add(subject, 'dcat:theme', theme);
    g.add(subject, 'dct:publisher', publisher);
    g.add(subject, 'dcat:contactPoint', contact);
    g.add(subject, 'dct:spatial', place);
    g.add(subject, 'dct:temporal', period);
    g.add(subject, 'dct:accrualPeriodicity', frequency);
  };
}

/**
 * One snapshot as a dataset of its own with permanent files. DCAT 3's dcat:hasVersion is a
 * sub-property of dct:hasVersion; both are stated because the range shapes (no inference) check the latter.
 */
function addVersion(g: Graph, t: Terms, entry: StandardsEntry, version: { node: string; manifest: Manifest; describe: (subject: string) => void; dictionary: string }): void {
  const { dataset } = entry;
  const { node, manifest, describe } = version;
  const { ids } = t;
  const versionNode = g.type(ids.version(dataset.id, manifest.version), 'dcat:Dataset');
  g.add(node, 'dcat:hasVersion', versionNode);
  g.add(node, 'dct:hasVersion', versionNode);
  g.add(versionNode, 'dcat:isVersionOf', node);
  describe(versionNode);
  g.add(versionNode, 'dct:title', t.text(`${dataset.title}, version ${manifest.version}`));
  g.add(versionNode, 'dct:description', t.text(`Snapshot of ${dataset.title} taken ${manifest.snapshotAt}: ${manifest.rowCount} rows.`));
  g.add(versionNode, 'dcat:version', literal(manifest.version));
  g.add(versionNode, 'dct:issued', t.dateTime(manifest.snapshotAt));
  g.add(versionNode, 'dcat:landingPage', t.document(ids.abs(urls.version(dataset.id, manifest.version))));
  addDistributions(g, t, entry, {
    owner: versionNode,
    manifest,
    base: ids.abs(urls.version(dataset.id, manifest.version)),
    fileUrl: (file) => ids.abs(urls.versionFile(dataset.id, manifest.version, file.name)),
    label: `version ${manifest.version}`,
    dictionary: version.dictionary,
  });
}

/** A manifest's files as distributions of `owner`, with format, media type, size, checksum and licence. */
function addDistributions(
  g: Graph,
  t: Terms,
  entry: StandardsEntry,
  of: { owner: string; manifest: Manifest; base: string; fileUrl: (file: SnapshotFile) => string; label: string; dictionary: string },
): void {
  const { dataset, latest } = entry;
  const { manifest, base } = of;
  for (const file of manifest.files) {
    const dist = g.type(`${base}#distribution-${slugify(file.name)}`, 'dcat:Distribution');
    g.add(dist, 'dct:title', t.text(`${dataset.title}, ${of.label} (${file.format})`));
    g.add(dist, 'dct:description', t.text(`${manifest.rowCount} rows as ${file.format}, snapshot of ${manifest.snapshotAt}.`));
    g.add(dist, 'dcat:accessURL', t.document(base));
    g.add(dist, 'dcat:downloadURL', of.fileUrl(file));
    g.add(dist, 'dct:format', g.type(`${EU}file-type/${euFileType(file)}`, 'dct:MediaTypeOrExtent'));
    g.add(dist, 'dcat:mediaType', g.type(ianaMediaType(file), 'dct:MediaType'));
    g.add(dist, 'dct:license', t.license(dataset.license));
    g.add(dist, 'dcat:byteSize', literal(String(file.bytes), iri('xsd:nonNegativeInteger')));
    g.add(dist, 'dct:modified', t.dateTime(manifest.snapshotAt));
    g.add(dist, 'dcatap:availability', t.stable);
    const checksum = g.type(`${base}#checksum-${slugify(file.name)}`, 'spdx:Checksum');
    g.add(checksum, 'spdx:algorithm', t.sha256);
    g.add(checksum, 'spdx:checksumValue', literal(file.sha256, iri('xsd:hexBinary')));
    g.add(dist, 'spdx:checksum', checksum);
    if (file.mediaType === 'text/csv' && manifest === latest) g.add(dist, 'dct:conformsTo', of.dictionary);
    g.add(of.owner, 'dcat:distribution', dist);
  }
}
