import { euFileType, ianaMediaType } from '../../shared/download-formats.ts';
import { DataFactory, Store, type Quad, type Quad_Object } from 'n3';
import type { SiteConfig } from '../../site.config.ts';
import type { Manifest, SnapshotFile } from '../../schemas/manifest.ts';
import { describeLicense, frequencies, HVD_LEGISLATION, hvdCategories, themes } from '../../schemas/vocabularies.ts';
import { slugify } from '../taxonomy.ts';
import { urls } from '../urls.ts';
import { issuedDate, plainText, type StandardsEntry } from './entry.ts';
import { bboxWkt, centroidWkt, coverage, datasetStatus, licence, modified, spatialCoverage, versionCoverage } from './facts.ts';
import { standardIris } from './iris.ts';

/**
 * The catalog as one DCAT-AP 3 RDF graph; `/catalog.ttl`, `/catalog.jsonld` and `/catalog.rdf` are
 * three serialisations of it, and each dataset's `dataset.ttl`, `.jsonld` and `.rdf` serialise the
 * part of it that describes that dataset (collected while the graph is built: no second pass, no
 * search through the whole graph per dataset). Rules of the DCAT-AP shapes that shape this code:
 * - every node an object property points at carries its `rdf:type` here (the range shapes check
 *   `sh:class`, and harvesters do not load the EU vocabularies for us); each dataset's own graph
 *   repeats the types of the vocabulary nodes it uses, so it validates on its own;
 * - every Distribution has `dcat:accessURL` even when it has a `dcat:downloadURL`;
 * - a dataset's versions are members of a `dcat:DatasetSeries` (`dcat:inSeries`, `dcat:first`,
 *   `dcat:last`, `dcat:prev`) and versions of the dataset (`dcat:hasVersion`, `dcat:hasCurrentVersion`).
 * The facts every output shares (period, status, licence, last change, area) come from `facts.ts`.
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
  gsp: 'http://www.opengis.net/ont/geosparql#',
  eli: 'http://data.europa.eu/eli/ontology#',
} as const;

type Prefix = keyof typeof prefixes;
type CURIE = `${Prefix}:${string}`;

const EU = 'http://publications.europa.eu/resource/authority/';
/** BCP 47 → the EU language authority (ISO 639-3) code. Extend when a catalog uses another language. */
const EU_LANGUAGE: Record<string, string> = { en: 'ENG', fr: 'FRA', de: 'DEU', nl: 'NLD', es: 'SPA', it: 'ITA', pt: 'POR', da: 'DAN', sv: 'SWE', fi: 'FIN' };
/** Characters XML 1.0 cannot hold: left out of every literal, so the RDF/XML holds the same triples as the Turtle. */
// eslint-disable-next-line no-control-regex -- these are exactly the control characters XML 1.0 cannot hold.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const NOT_XML_ALL = new RegExp(NOT_XML.source, 'g');

/** Named nodes by the text they were made from: each node is stated many times, one object is enough. */
const named = new Map<string, ReturnType<typeof namedNode>>();
function iri(value: string) {
  let node = named.get(value);
  if (!node) {
    const match = /^([a-z]+):(.*)$/.exec(value);
    const base = match && prefixes[match[1] as Prefix];
    node = namedNode(base ? base + match[2] : value);
    if (named.size > 100_000) named.clear();
    named.set(value, node);
  }
  return node;
}

/**
 * A tiny builder over an n3 Store that keeps the mapping code readable: `add(s, 'dct:title', text(...))`.
 * Every quad goes into the catalog's store and, while a dataset is being described (`within`), onto
 * that dataset's list too. The store holds each quad once, so a vocabulary node typed by every
 * dataset is stated once in the catalog; a dataset's list may repeat a quad, which the serialisers
 * drop (`sortedQuads`). Lists, not a Store per dataset: a thousand Stores with their own indexes
 * spent most of a large build collecting garbage.
 */
function graphBuilder() {
  const store = new Store();
  let scope: Quad[] | undefined;
  const add = (subject: string, predicate: CURIE, object: Quad_Object | string | undefined) => {
    if (object === undefined) return;
    let value = typeof object === 'string' ? iri(object) : object;
    if (value.termType === 'Literal' && NOT_XML.test(value.value)) {
      value = literal(value.value.replace(NOT_XML_ALL, ''), value.language || value.datatype);
    }
    const q = quad(iri(subject), iri(predicate), value);
    store.addQuad(q);
    scope?.push(q);
  };
  const type = (subject: string, ...classes: CURIE[]) => {
    for (const cls of classes) add(subject, 'rdf:type', cls);
    return subject;
  };
  /** Runs `describe` with every quad also added to `target`. */
  const within = (target: Quad[], describe: () => void) => {
    scope = target;
    try {
      describe();
    } finally {
      scope = undefined;
    }
  };
  return { store, add, type, within };
}

type Graph = ReturnType<typeof graphBuilder>;

/** The catalog graph and, by dataset id, the quads of it that describe each dataset (may repeat one). */
export interface DcatGraphs {
  catalog: Store;
  datasets: Map<string, readonly Quad[]>;
}

/** The catalog: its own node, then each dataset with its versions, their series and their distributions. */
export function buildDcatGraphs(entries: readonly StandardsEntry[], site: SiteConfig): DcatGraphs {
  const g = graphBuilder();
  const terms = commonTerms(g, site);
  const catalog = addCatalog(g, terms, entries, site);
  const datasets = new Map<string, readonly Quad[]>();
  for (const entry of entries) {
    const own: Quad[] = [];
    g.within(own, () => addDataset(g, terms, entry));
    g.add(catalog, 'dcat:dataset', terms.ids.dataset(entry.dataset.id));
    datasets.set(entry.dataset.id, own);
  }
  return { catalog: g.store, datasets };
}

/** The whole catalog graph (see `buildDcatGraphs`). */
export function buildDcatGraph(entries: readonly StandardsEntry[], site: SiteConfig): Store {
  return buildDcatGraphs(entries, site).catalog;
}

/** Literal makers and the vocabulary nodes datasets point at, typed for the range shapes each time they are used. */
function commonTerms(g: Graph, site: SiteConfig) {
  const ids = standardIris(site);
  const lang = site.language;
  const text = (value: string) => literal(value, lang);
  const date = (value: string) => literal(value.slice(0, 10), iri('xsd:date'));
  const dateTime = (value: string) => literal(value, iri('xsd:dateTime'));
  const wkt = (value: string) => literal(value, iri('gsp:wktLiteral'));
  const languageCode = EU_LANGUAGE[lang.split('-')[0]!.toLowerCase()];
  const language = () => (languageCode ? g.type(`${EU}language/${languageCode}`, 'dct:LinguisticSystem') : undefined);
  const themeScheme = () => {
    const scheme = g.type(`${EU}data-theme`, 'skos:ConceptScheme');
    g.add(scheme, 'dct:title', literal('Data theme', 'en'));
    return scheme;
  };
  const concept = (node: string, label: string) => {
    g.type(node, 'skos:Concept');
    g.add(node, 'skos:prefLabel', literal(label, 'en'));
    return node;
  };
  const license = (id: string) => {
    const described = describeLicense(id);
    const node = g.type(described.euCode ? `${EU}licence/${described.euCode}` : described.url, 'dct:LicenseDocument');
    g.add(node, 'dct:title', literal(described.name, 'en'));
    for (const kind of described.types) g.add(node, 'dct:type', concept(`http://purl.org/adms/licencetype/${kind}`, kind.replace(/(?<=[a-z])(?=[A-Z])/g, ' ')));
    return node;
  };
  const stable = () => concept(`${prefixes.dcatap}availability/stable`, 'Stable');
  const sha256 = () => g.type('spdx:checksumAlgorithm_sha256', 'spdx:ChecksumAlgorithm');
  const agent = (iriValue: string, name: string) => {
    g.type(iriValue, 'foaf:Agent');
    g.add(iriValue, 'foaf:name', text(name));
    g.add(iriValue, 'dct:type', concept('http://purl.org/adms/publishertype/LocalAuthority', 'Local Authority'));
    return iriValue;
  };
  const document = (url: string) => g.type(url, 'foaf:Document');
  /** A period as a node of its own: start, and end unless the data is still growing (`facts.ts`). */
  const period = (node: string, covered: { start: string; end: string | null }) => {
    g.type(node, 'dct:PeriodOfTime');
    g.add(node, 'dcat:startDate', date(covered.start));
    if (covered.end) g.add(node, 'dcat:endDate', date(covered.end));
    return node;
  };
  /** A place: its own node when its box comes from the data, else the shared node of its name (with the configured area's box). */
  const place = (ownNode: string, area: ReturnType<typeof spatialCoverage>) => {
    const node = g.type(area.bboxSource === 'data' ? ownNode : `${ids.home}#place-${slugify(area.name)}`, 'dct:Location');
    g.add(node, 'skos:prefLabel', text(area.name));
    if (area.bbox) {
      g.add(node, 'dcat:bbox', wkt(bboxWkt(area.bbox)));
      g.add(node, 'dcat:centroid', wkt(centroidWkt(area.bbox)));
    }
    return node;
  };
  return { ids, site, text, date, dateTime, language, themeScheme, concept, license, stable, sha256, agent, document, period, place };
}

type Terms = ReturnType<typeof commonTerms>;

/** The catalog node: publisher, home page, licence of the metadata, area, first issue and last change. */
function addCatalog(g: Graph, t: Terms, entries: readonly StandardsEntry[], site: SiteConfig): string {
  const organisation = t.agent(t.ids.organisation, site.organisation);
  const catalog = g.type(t.ids.catalog, 'dcat:Catalog');
  g.add(catalog, 'dct:title', t.text(site.name));
  g.add(catalog, 'dct:description', t.text(site.tagline));
  g.add(catalog, 'dct:publisher', organisation);
  g.add(catalog, 'foaf:homepage', t.document(t.ids.home));
  g.add(catalog, 'dct:language', t.language());
  g.add(catalog, 'dct:license', t.license(site.metadataLicense));
  g.add(catalog, 'dcat:themeTaxonomy', t.themeScheme());
  // The area the catalog covers: the configured one, else every place its datasets name.
  const names = site.area ? [site.area.name] : [...new Set(entries.map((e) => e.dataset.spatial))];
  for (const name of names) g.add(catalog, 'dct:spatial', t.place('', { name, bbox: site.area?.name === name ? site.area.bbox : null, bboxSource: site.area?.name === name ? 'area' : null }));
  const issued = entries.map(issuedDate).sort()[0];
  const changed = entries.map(modified).sort().at(-1);
  if (issued) g.add(catalog, 'dct:issued', t.date(issued));
  if (changed) g.add(catalog, 'dct:modified', t.dateTime(changed));
  return catalog;
}

/** One dataset: its node, its series of versions, the latest version's distributions, then each version. */
function addDataset(g: Graph, t: Terms, entry: StandardsEntry): void {
  const { dataset, latest } = entry;
  const { ids } = t;
  const page = ids.abs(urls.dataset(dataset.id));
  const node = g.type(ids.dataset(dataset.id), 'dcat:Dataset');
  g.add(node, 'dct:title', t.text(dataset.title));
  g.add(node, 'dct:description', t.text(plainText(dataset.description)));
  g.add(node, 'dct:identifier', literal(dataset.id));
  const describe = sharedFacts(g, t, entry);
  describe(node);
  g.add(node, 'dct:spatial', t.place(`${page}#spatial`, spatialCoverage(entry, latest, t.site)));
  g.add(node, 'dct:temporal', t.period(`${page}#temporal`, coverage(entry, latest)));
  g.add(node, 'dct:issued', t.date(issuedDate(entry)));
  g.add(node, 'dct:modified', t.dateTime(modified(entry)));
  g.add(node, 'dcat:landingPage', t.document(page));
  g.add(node, 'dcat:version', literal(latest.version));
  // The field dictionary, as a Frictionless Table Schema: what every CSV distribution of the latest version conforms to.
  const dictionary = g.type(ids.abs(urls.dataPackage(dataset.id)), 'dct:Standard');
  g.add(dictionary, 'dct:title', t.text(`Data package and table schema of ${dataset.title}`));
  addDistributions(g, t, entry, {
    owner: node,
    manifest: latest,
    base: page,
    fileUrl: (file) => ids.file(dataset.id, latest.version, file, 'latest'),
    label: 'latest version',
    dictionary,
  });
  const series = addSeries(g, t, entry, describe);
  const oldestFirst = [...entry.versions].reverse();
  oldestFirst.forEach((manifest, index) => addVersion(g, t, entry, { node, series, manifest, previous: oldestFirst[index - 1], describe, dictionary }));
  g.add(node, 'dcat:hasCurrentVersion', ids.version(dataset.id, latest.version));
}

/**
 * What the dataset, its series and each version share: keywords, theme, publisher, contact,
 * frequency, status and the high-value category; returns the function that states them on a
 * subject, so each stands alone for a harvester.
 */
function sharedFacts(g: Graph, t: Terms, entry: StandardsEntry): (subject: string, kind?: 'dataset' | 'series') => void {
  const { dataset } = entry;
  const { ids } = t;
  const status = datasetStatus(entry);
  return (subject, kind = 'dataset') => {
    const publisher = t.agent(`${ids.abs(`/publishers/${slugify(dataset.publisher)}/`)}#agent`, dataset.publisher);
    const contact = g.type(`${ids.abs(urls.dataset(dataset.id))}#contact`, 'vcard:Kind');
    g.add(contact, 'vcard:fn', literal(dataset.contactPoint.name));
    g.add(contact, 'vcard:hasEmail', `mailto:${dataset.contactPoint.email}`);
    const frequency = g.type(`${EU}frequency/${frequencies[dataset.frequency].euCode}`, 'dct:Frequency');
    g.add(frequency, 'skos:prefLabel', literal(frequencies[dataset.frequency].label, 'en'));
    g.add(subject, 'dct:publisher', publisher);
    g.add(subject, 'dcat:contactPoint', contact);
    g.add(subject, 'dct:accrualPeriodicity', frequency);
    if (status.state === 'retired') g.add(subject, 'adms:status', t.concept('http://purl.org/adms/status/Completed', 'Completed'));
    if (dataset.highValue) g.add(subject, 'dcatap:applicableLegislation', g.type(HVD_LEGISLATION, 'eli:LegalResource'));
    if (kind === 'series') return;
    const theme = t.concept(`${EU}data-theme/${themes[dataset.theme].euCode}`, themes[dataset.theme].label);
    g.add(theme, 'skos:inScheme', t.themeScheme());
    for (const keyword of dataset.keywords) g.add(subject, 'dcat:keyword', t.text(keyword));
    g.add(subject, 'dcat:theme', theme);
    if (dataset.highValue) {
      const category = hvdCategories[dataset.highValue.category];
      g.add(subject, 'dcatap:hvdCategory', t.concept(`http://data.europa.eu/bna/${category.code}`, category.label));
    }
  };
}

/** The dataset's history as a `dcat:DatasetSeries`: every version is a member, first and last named. */
function addSeries(g: Graph, t: Terms, entry: StandardsEntry, describe: (subject: string, kind?: 'dataset' | 'series') => void): string {
  const { dataset, latest } = entry;
  const { ids } = t;
  const page = ids.abs(urls.dataset(dataset.id));
  const series = g.type(ids.series(dataset.id), 'dcat:DatasetSeries');
  g.add(series, 'dct:title', t.text(`${dataset.title}: every version`));
  g.add(series, 'dct:description', t.text(`Every published version of ${dataset.title}, oldest first; each is a snapshot whose files never change.`));
  describe(series, 'series');
  g.add(series, 'dct:spatial', t.place(`${page}#spatial`, spatialCoverage(entry, latest, t.site)));
  g.add(series, 'dct:temporal', t.period(`${page}#temporal`, coverage(entry, latest)));
  g.add(series, 'dct:issued', t.date(issuedDate(entry)));
  g.add(series, 'dct:modified', t.dateTime(modified(entry)));
  g.add(series, 'dcat:first', ids.version(dataset.id, entry.versions.at(-1)!.version));
  g.add(series, 'dcat:last', ids.version(dataset.id, latest.version));
  return series;
}

/**
 * One snapshot as a dataset of its own with permanent files, a member of the series. DCAT 3's
 * dcat:hasVersion is a sub-property of dct:hasVersion; both are stated because the range shapes (no
 * inference) check the latter. Its period and area are its own, from its own profile.
 */
function addVersion(
  g: Graph,
  t: Terms,
  entry: StandardsEntry,
  version: { node: string; series: string; manifest: Manifest; previous: Manifest | undefined; describe: (subject: string) => void; dictionary: string },
): void {
  const { dataset } = entry;
  const { node, manifest, describe } = version;
  const { ids } = t;
  const page = ids.abs(urls.version(dataset.id, manifest.version));
  const versionNode = g.type(ids.version(dataset.id, manifest.version), 'dcat:Dataset');
  g.add(node, 'dcat:hasVersion', versionNode);
  g.add(node, 'dct:hasVersion', versionNode);
  g.add(versionNode, 'dcat:isVersionOf', node);
  g.add(versionNode, 'dcat:inSeries', version.series);
  if (version.previous) {
    const previous = ids.version(dataset.id, version.previous.version);
    g.add(versionNode, 'dcat:prev', previous);
    g.add(versionNode, 'dcat:previousVersion', previous);
  }
  describe(versionNode);
  g.add(versionNode, 'dct:title', t.text(`${dataset.title}, version ${manifest.version}`));
  g.add(versionNode, 'dct:description', t.text(`Snapshot of ${dataset.title} taken ${manifest.snapshotAt}: ${manifest.rowCount} rows.`));
  g.add(versionNode, 'dct:identifier', literal(`${dataset.id}/${manifest.version}`));
  g.add(versionNode, 'dcat:version', literal(manifest.version));
  g.add(versionNode, 'dct:issued', t.dateTime(manifest.snapshotAt));
  g.add(versionNode, 'dct:modified', t.dateTime(manifest.snapshotAt));
  g.add(versionNode, 'dct:spatial', t.place(`${page}#spatial`, spatialCoverage(entry, manifest, t.site)));
  g.add(versionNode, 'dct:temporal', t.period(`${page}#temporal`, versionCoverage(entry, manifest)));
  g.add(versionNode, 'dcat:landingPage', t.document(page));
  addDistributions(g, t, entry, {
    owner: versionNode,
    manifest,
    base: page,
    fileUrl: (file) => ids.file(dataset.id, manifest.version, file, 'version'),
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
  const licenceNode = t.license(licence(entry).id);
  for (const file of manifest.files) {
    const dist = g.type(`${base}#distribution-${slugify(file.name)}`, 'dcat:Distribution');
    g.add(dist, 'dct:title', t.text(`${dataset.title}, ${of.label} (${file.format})`));
    g.add(dist, 'dct:description', t.text(`${manifest.rowCount} rows as ${file.format}, snapshot of ${manifest.snapshotAt}.`));
    g.add(dist, 'dcat:accessURL', t.document(base));
    g.add(dist, 'dcat:downloadURL', of.fileUrl(file));
    g.add(dist, 'dct:format', g.type(`${EU}file-type/${euFileType(file)}`, 'dct:MediaTypeOrExtent'));
    g.add(dist, 'dcat:mediaType', g.type(ianaMediaType(file), 'dct:MediaType'));
    g.add(dist, 'dct:license', licenceNode);
    g.add(dist, 'dcat:byteSize', literal(String(file.bytes), iri('xsd:nonNegativeInteger')));
    g.add(dist, 'dct:modified', t.dateTime(manifest.snapshotAt));
    g.add(dist, 'dcatap:availability', t.stable());
    if (dataset.highValue) g.add(dist, 'dcatap:applicableLegislation', g.type(HVD_LEGISLATION, 'eli:LegalResource'));
    const checksum = g.type(`${base}#checksum-${slugify(file.name)}`, 'spdx:Checksum');
    g.add(checksum, 'spdx:algorithm', t.sha256());
    g.add(checksum, 'spdx:checksumValue', literal(file.sha256, iri('xsd:hexBinary')));
    g.add(dist, 'spdx:checksum', checksum);
    if (file.mediaType === 'text/csv' && manifest === latest) g.add(dist, 'dct:conformsTo', of.dictionary);
    g.add(of.owner, 'dcat:distribution', dist);
  }
}
