import { DataFactory, Store } from 'n3';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoCatalog, siteConfig } from '../../../tests/helpers/demo-catalog.ts';
import { jsonLdToStore, parseRdfXml, summarise, tripleLines, validateDcatAp } from '../../../tests/helpers/standards.ts';
import type { StandardsEntry } from './entry.ts';
import { buildDcatGraph, buildDcatGraphs, prefixes } from './dcat-graph.ts';
import jsonld from 'jsonld';
import { Parser, Writer } from 'n3';
import { coverage } from './facts.ts';
import { expandedJsonLd, refuseToFetch, sortedQuads, toJsonLd, toRdfXml, toTurtle } from './rdf-serialise.ts';

// eslint-disable-next-line @typescript-eslint/unbound-method -- n3's DataFactory is an object of free functions that never use `this`, typed as methods.
const { namedNode } = DataFactory;
let catalog: StandardsEntry[];
let store: Store;

beforeAll(async () => {
  catalog = await demoCatalog();
  store = buildDcatGraph(catalog, siteConfig);
});

describe('the DCAT-AP 3 catalog graph', () => {
  it('has zero violations of the DCAT-AP 3.0.1 shapes and range shapes, as Turtle', async () => {
    const { findings } = await validateDcatAp(await toTurtle(store));
    expect(summarise(findings)).toEqual([]);
  });

  it('has zero violations as JSON-LD too (the same graph, our own inline context)', async () => {
    const document = await toJsonLd(store);
    const reread = await jsonLdToStore(document);
    expect(reread.size).toBe(store.size);
    const { findings } = await validateDcatAp(reread);
    expect(summarise(findings)).toEqual([]);
  });

  it('serialises to the same JSON-LD as jsonld.js fromRDF (which our linear conversion replaces)', async () => {
    const quads = sortedQuads(store);
    const nquads = await new Promise<string>((resolve, reject) => {
      const writer = new Writer({ format: 'N-Quads' });
      writer.addQuads(quads);
      writer.end((error, result: string) => (error ? reject(error) : resolve(result)));
    });
    const reference = await jsonld.fromRDF(nquads, { format: 'application/n-quads' });
    expect(expandedJsonLd(quads)).toEqual(reference);
    expect(await toJsonLd(store)).toEqual(await jsonld.compact(reference, { ...prefixes }, { documentLoader: refuseToFetch }));
  });

  it('leaves no recommended-shape warning but the end date of a period still open (data growing with no date column)', async () => {
    const { recommended } = await validateDcatAp(store);
    const open = catalog.filter((entry) => coverage(entry, entry.latest).end === null).map((entry) => `${siteConfig.url}/datasets/${entry.dataset.id}/#temporal`);
    expect(open.length).toBeGreaterThan(0);
    expect(summarise(recommended)).toEqual(open.map((focus) => `Warning MinCountConstraintComponent path=endDate focus=${focus}: Less than 1 values`));
  });

  it('fails the shapes when a mandatory property is missing (the validator is really running)', async () => {
    const broken = new Store(store.getQuads(null, null, null, null));
    const dataset = namedNode(`${siteConfig.url}/datasets/${catalog[0]!.dataset.id}/#dataset`);
    broken.removeQuads(broken.getQuads(dataset, namedNode(`${prefixes.dct}title`), null, null));
    const { findings } = await validateDcatAp(broken);
    expect(findings.some((f) => f.path === `${prefixes.dct}title` && f.focus === dataset.value)).toBe(true);
  });

  it('gives every distribution an accessURL as well as a downloadURL, a checksum and a byte size', () => {
    const distributions = store.getSubjects(namedNode(`${prefixes.rdf}type`), namedNode(`${prefixes.dcat}Distribution`), null);
    expect(distributions.length).toBe(catalog.reduce((n, e) => n + e.latest.files.length * (1 + e.versions.length), 0));
    for (const dist of distributions) {
      for (const property of ['dcat:accessURL', 'dcat:downloadURL', 'spdx:checksum', 'dcat:byteSize', 'dcat:mediaType', 'dct:license']) {
        const [prefix, local] = property.split(':') as [keyof typeof prefixes, string];
        expect(store.getObjects(dist, namedNode(prefixes[prefix] + local), null), `${dist.value} ${property}`).toHaveLength(1);
      }
    }
  });

  it('links each snapshot version as a dataset of its own with permanent download URLs', () => {
    const entry = catalog[0]!;
    const dataset = namedNode(`${siteConfig.url}/datasets/${entry.dataset.id}/#dataset`);
    const versions = store.getObjects(dataset, namedNode(`${prefixes.dcat}hasVersion`), null);
    expect(versions.map((v) => v.value).sort()).toEqual(entry.versions.map((m) => `${siteConfig.url}/datasets/${entry.dataset.id}/versions/${m.version}/#dataset`).sort());
    const downloads = store.getObjects(null, namedNode(`${prefixes.dcat}downloadURL`), null).map((o) => o.value);
    expect(downloads).toContain(`${siteConfig.url}/datasets/${entry.dataset.id}/versions/${entry.versions.at(-1)!.version}/data.csv`);
  });

  it('uses the EU vocabularies for theme, frequency, language, file type and licence', async () => {
    const turtle = await toTurtle(store);
    for (const scheme of ['data-theme/ENVI', 'frequency/MONTHLY', 'language/ENG', 'file-type/CSV', 'licence/CC_BY_4_0']) {
      expect(turtle).toContain(`<http://publications.europa.eu/resource/authority/${scheme}>`);
    }
    expect(turtle).toContain('<http://www.iana.org/assignments/media-types/text/csv>');
  });

  it("describes each dataset's versions as a dcat:DatasetSeries: members in order, first and last", () => {
    const entry = catalog[0]!;
    const id = (version: string) => `${siteConfig.url}/datasets/${entry.dataset.id}/versions/${version}/#dataset`;
    const series = namedNode(`${siteConfig.url}/datasets/${entry.dataset.id}/#series`);
    const p = (curie: string) => namedNode(prefixes[curie.split(':')[0] as keyof typeof prefixes] + curie.split(':')[1]);
    expect(store.has(DataFactory.quad(series, p('rdf:type'), p('dcat:DatasetSeries')))).toBe(true);
    expect(
      store
        .getSubjects(p('dcat:inSeries'), series, null)
        .map((s) => s.value)
        .sort(),
    ).toEqual(entry.versions.map((m) => id(m.version)).sort());
    expect(store.getObjects(series, p('dcat:first'), null).map((o) => o.value)).toEqual([id(entry.versions.at(-1)!.version)]);
    expect(store.getObjects(series, p('dcat:last'), null).map((o) => o.value)).toEqual([id(entry.latest.version)]);
    expect(store.getObjects(namedNode(id(entry.versions[0]!.version)), p('dcat:prev'), null).map((o) => o.value)).toEqual([id(entry.versions[1]!.version)]);
  });

  it('says a retired dataset is completed (adms:status) and a maintained one has no status', () => {
    const status = namedNode(`${prefixes.adms}status`);
    for (const entry of catalog) {
      const node = namedNode(`${siteConfig.url}/datasets/${entry.dataset.id}/#dataset`);
      const expected = entry.dataset.status === 'retired' ? ['http://purl.org/adms/status/Completed'] : [];
      expect(
        store.getObjects(node, status, null).map((o) => o.value),
        entry.dataset.id,
      ).toEqual(expected);
    }
  });

  it('states the high-value category and the HVD regulation when the metadata declares one, and still validates', async () => {
    const entries = catalog.map((entry, i) => (i === 0 ? { ...entry, dataset: { ...entry.dataset, highValue: { category: 'mobility' as const } } } : entry));
    const graph = buildDcatGraph(entries, siteConfig);
    const node = namedNode(`${siteConfig.url}/datasets/${entries[0]!.dataset.id}/#dataset`);
    expect(graph.getObjects(node, namedNode(`${prefixes.dcatap}hvdCategory`), null).map((o) => o.value)).toEqual(['http://data.europa.eu/bna/c_b79e35eb']);
    expect(graph.getObjects(node, namedNode(`${prefixes.dcatap}applicableLegislation`), null).map((o) => o.value)).toEqual(['http://data.europa.eu/eli/reg_impl/2023/138/oj']);
    expect(summarise((await validateDcatAp(graph)).findings)).toEqual([]);
  });

  it("gives each dataset a graph of its own, part of the catalog's, that validates alone and names no other dataset", async () => {
    const { catalog: whole, datasets } = buildDcatGraphs(catalog, siteConfig);
    expect([...datasets.keys()].sort()).toEqual(catalog.map((e) => e.dataset.id).sort());
    for (const [id, quads] of datasets) {
      for (const q of quads) expect(whole.has(q)).toBe(true);
      const { findings } = await validateDcatAp(new Store([...quads]));
      expect(summarise(findings), id).toEqual([]);
      const others = catalog.filter((e) => e.dataset.id !== id).map((e) => `${siteConfig.url}/datasets/${e.dataset.id}/`);
      const mentioned = quads.flatMap((q) => [q.subject.value, q.object.value]);
      expect(mentioned.filter((value) => others.some((other) => value.startsWith(other)))).toEqual([]);
    }
  });

  it('writes RDF/XML that an independent parser reads back to exactly the Turtle triples', async () => {
    const hostile = catalog.map((entry, i) => (i === 0 ? { ...entry, dataset: { ...entry.dataset, title: 'Trees <&> "quotes"\u0001 ]]> élan' } } : entry));
    const graph = buildDcatGraph(hostile, siteConfig);
    const fromTurtle = new Parser().parse(await toTurtle(graph));
    const fromXml = await parseRdfXml(await toRdfXml(graph));
    expect(fromXml.length).toBe(graph.size);
    expect(tripleLines(fromXml)).toEqual(tripleLines(fromTurtle));
    expect(fromXml.some((q) => q.object.value === 'Trees <&> "quotes" ]]> élan')).toBe(true);
  });
});
