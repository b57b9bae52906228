import { DataFactory, Store } from 'n3';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoCatalog, siteConfig } from '../../../tests/helpers/demo-catalog.ts';
import { jsonLdToStore, summarise, validateDcatAp } from '../../../tests/helpers/standards.ts';
import type { StandardsEntry } from './entry.ts';
import { buildDcatGraph, prefixes } from './dcat-graph.ts';
import jsonld from 'jsonld';
import { Writer } from 'n3';
import { expandedJsonLd, refuseToFetch, sortedQuads, toJsonLd, toTurtle } from './rdf-serialise.ts';

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

  it('leaves only the recommended-shape warnings we know about', async () => {
    const { recommended } = await validateDcatAp(store);
    expect(recommended.every((f) => f.severity === 'Warning')).toBe(true);
    // Licence documents carry no licence type; places have no geometry; open-ended periods have no end.
    const kinds = new Set(recommended.map((f) => f.path.replace(/^.*[#/]/, '')));
    expect([...kinds].sort()).toEqual(['bbox', 'centroid', 'endDate', 'type']);
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
    expect(versions.map((v) => v.value).sort()).toEqual(
      entry.versions.map((m) => `${siteConfig.url}/datasets/${entry.dataset.id}/versions/${m.version}/#dataset`).sort(),
    );
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
});
