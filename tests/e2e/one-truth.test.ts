import { DataFactory, Store } from 'n3';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { readAllMetadata } from '../../src/shared/metadata.ts';
import { siteConfig } from '../../src/site.config.ts';
import { parseTurtle } from '../helpers/standards.ts';
import { PROJECT_ROOT } from '../helpers/workspace.ts';

/**
 * One truth: the period a dataset covers, whether it is retired, its licence, when its data last
 * changed and the area it covers, read back from every output of the built site (the page and its
 * JSON-LD, DCAT-AP, DCAT-US 3.0 and 1.1, the data package, CSVW, the feed and the sitemap) and
 * compared. They all come from `src/lib/standards/facts.ts`; this test catches any output that
 * computes a fact of its own again.
 */

const siteUrl = inject('siteUrl');
const production = siteConfig.url.replace(/\/$/, '');
const local = (url: string) => (url.startsWith(production) ? siteUrl + url.slice(production.length) : new URL(url, siteUrl).href);
async function text(path: string) {
  const response = await fetch(local(path));
  expect(response.status, path).toBe(200);
  return response.text();
}
const json = async <T>(path: string) => JSON.parse(await text(path)) as T;

/** The parts of each output this test reads. */
interface JsonLdDataset {
  temporalCoverage: string;
  creativeWorkStatus: string;
  license: string;
  dateModified: string;
  spatialCoverage: { name: string; geo?: { box: string } };
}
interface DataJsonUs3 {
  dataset: {
    '@id': string;
    temporal: { startDate: string; endDate?: string }[];
    status?: { altLabel: string };
    distribution: { license: string }[];
    modified: string;
    spatial: { prefLabel: string; bbox?: string }[];
  }[];
}
interface DataJsonUs11 {
  dataset: { landingPage: string; temporal?: string; description: string; license: string; modified: string; spatial: string }[];
}
interface DataPackage {
  status: string;
  created: string;
  licenses: { path: string; title: string }[];
}
interface Csvw {
  'schema:temporalCoverage': string;
  'schema:creativeWorkStatus': string;
  'schema:spatialCoverage': string;
  'dc:modified': string;
  'dc:license': { '@id': string };
}
interface Dump {
  datasets: {
    id: string;
    temporal: { start: string; end: string | null };
    status: { state: string };
    license: { url: string };
    modified: string;
    spatial: { name: string; bbox: number[] | null; bboxSource: string | null };
    fields: { name: string; role?: string }[];
  }[];
}
interface ManifestProfile {
  profile: { name: string; min: string | null; max: string | null }[];
}

const namedNode = (iri: string) => DataFactory.namedNode(iri);
const NS = {
  dct: 'http://purl.org/dc/terms/',
  dcat: 'http://www.w3.org/ns/dcat#',
  adms: 'http://www.w3.org/ns/adms#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
};

/** One dataset's facts as one output states them; `undefined` where that output cannot say it. */
interface Facts {
  period?: string;
  retired?: boolean;
  licence?: string;
  modified?: string;
  place?: string;
  /** West, south, east, north. */
  box?: number[] | null;
}

const wktBox = (wkt: string | undefined) => {
  if (!wkt) return null;
  const numbers = wkt.match(/-?\d+(\.\d+)?/g)!.map(Number);
  const xs = numbers.filter((_, i) => i % 2 === 0);
  const ys = numbers.filter((_, i) => i % 2 === 1);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
};

let ids: string[];
let catalog: Store;
let us3: DataJsonUs3;
let us11: DataJsonUs11;
let dump: Dump;
let sitemap: string;

beforeAll(async () => {
  const metadata = await readAllMetadata(PROJECT_ROOT);
  ids = metadata.filter((m) => m.dataset.status === 'approved' || m.dataset.status === 'retired').map((m) => m.dataset.id);
  catalog = new Store(parseTurtle(await text('/catalog.ttl')));
  us3 = await json<DataJsonUs3>('/dcat-us-3.0/data.json');
  us11 = await json<DataJsonUs11>('/dcat-us-1.1/data.json');
  dump = await json<Dump>('/catalog-dump.json');
  sitemap = await text('/sitemap-0.xml');
});

async function fromPage(id: string): Promise<{ page: Facts; schemaOrg: Facts }> {
  const html = await text(`/datasets/${id}/`);
  const period = /data-period="([^"]+)"/.exec(html)?.[1];
  const licence = /<a href="([^"]+)" rel="license">/.exec(html)?.[1];
  const changed = /<dt>Data last changed<\/dt>\s*<dd>\s*<time datetime="([^"]+)"/.exec(html)?.[1];
  const page: Facts = { period, retired: html.includes('This dataset is retired'), licence, modified: changed };
  const ld = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!) as JsonLdDataset;
  const box = ld.spatialCoverage.geo?.box.split(' ').map(Number);
  const schemaOrg: Facts = {
    period: ld.temporalCoverage,
    retired: ld.creativeWorkStatus === 'Retired',
    licence: ld.license,
    modified: ld.dateModified,
    place: ld.spatialCoverage.name,
    box: box ? [box[1]!, box[0]!, box[3]!, box[2]!] : null,
  };
  return { page, schemaOrg };
}

function fromDcatAp(id: string): Facts & { licenceTitle?: string } {
  const node = namedNode(`${production}/datasets/${id}/#dataset`);
  const one = (subject: Parameters<Store['getObjects']>[0], predicate: string) => catalog.getObjects(subject, namedNode(predicate), null)[0];
  const period = one(node, `${NS.dct}temporal`)!;
  const start = one(period, `${NS.dcat}startDate`)?.value;
  const end = one(period, `${NS.dcat}endDate`)?.value;
  const place = one(node, `${NS.dct}spatial`)!;
  const distributions = catalog.getObjects(node, namedNode(`${NS.dcat}distribution`), null);
  const licences = new Set(distributions.map((d) => one(d, `${NS.dct}license`)!.value));
  expect(licences.size, `${id}: one licence on every distribution`).toBe(1);
  const licenceNode = namedNode([...licences][0]!);
  return {
    period: `${start}/${end ?? '..'}`,
    retired: one(node, `${NS.adms}status`)?.value === 'http://purl.org/adms/status/Completed',
    licenceTitle: one(licenceNode, `${NS.dct}title`)?.value,
    modified: one(node, `${NS.dct}modified`)?.value,
    place: one(place, `${NS.skos}prefLabel`)?.value,
    box: wktBox(one(place, `${NS.dcat}bbox`)?.value),
  };
}

function fromDcatUs3(id: string): Facts {
  const record = us3.dataset.find((d) => d['@id'] === `${production}/datasets/${id}/#dataset`)!;
  const licences = new Set(record.distribution.map((d) => d.license));
  expect(licences.size, `${id}: one licence on every DCAT-US 3.0 distribution`).toBe(1);
  return {
    period: `${record.temporal[0]!.startDate}/${record.temporal[0]!.endDate ?? '..'}`,
    retired: record.status?.altLabel === 'Retired',
    licence: [...licences][0],
    modified: record.modified,
    place: record.spatial[0]!.prefLabel,
    box: wktBox(record.spatial[0]!.bbox),
  };
}

function fromDcatUs11(id: string): Facts {
  const record = us11.dataset.find((d) => d.landingPage === `${production}/datasets/${id}/`)!;
  // 1.1 has no open interval: a period still growing is left out rather than ended at some date.
  return {
    period: record.temporal ?? 'open',
    retired: record.description.startsWith('Retired on '),
    licence: record.license,
    modified: record.modified,
    place: record.spatial,
  };
}

describe('one truth across every output of the built site', () => {
  it('states the same period, status, licence, last change and area for every dataset everywhere', async () => {
    for (const id of ids) {
      const { page, schemaOrg } = await fromPage(id);
      const dcat = fromDcatAp(id);
      const us3Facts = fromDcatUs3(id);
      const us11Facts = fromDcatUs11(id);
      const pkg = await json<DataPackage>(`/datasets/${id}/datapackage.json`);
      const csvw = await json<Csvw>(`/datasets/${id}/latest/data.csv-metadata.json`);
      const feed = await text(`/datasets/${id}/feed.xml`);
      const dumped = dump.datasets.find((d) => d.id === id)!;

      // The period: the page's "Records from X to Y" (or "Since X" while the data grows).
      expect(page.period, `${id} page period`).toMatch(/^\d{4}-\d{2}-\d{2}\/(\d{4}-\d{2}-\d{2}|\.\.)$/);
      for (const [output, facts] of [
        ['schema.org', schemaOrg],
        ['DCAT-AP', dcat],
        ['DCAT-US 3.0', us3Facts],
      ] as const)
        expect(facts.period, `${id} ${output} period`).toBe(page.period);
      expect(us11Facts.period, `${id} DCAT-US 1.1 period`).toBe(page.period!.endsWith('/..') ? 'open' : page.period);
      expect(`${dumped.temporal.start}/${dumped.temporal.end ?? '..'}`, `${id} dump period`).toBe(page.period);
      // CSVW describes a version's file: the same start, and the same end unless the data is still growing (then the snapshot day).
      const [start, end] = page.period!.split('/');
      expect(csvw['schema:temporalCoverage'], `${id} CSVW period`).toBe(end === '..' ? `${start}/${csvw['dc:modified'].slice(0, 10)}` : page.period);

      // Status: retired or maintained.
      const retired = page.retired!;
      const states = {
        'schema.org': schemaOrg.retired,
        'DCAT-AP': dcat.retired,
        'DCAT-US 3.0': us3Facts.retired,
        'DCAT-US 1.1': us11Facts.retired,
        'data package': pkg.status === 'retired',
        CSVW: csvw['schema:creativeWorkStatus'] === 'Retired',
        feed: feed.includes(`/datasets/${id}/#retired</id>`),
        dump: dumped.status.state === 'retired',
      };
      for (const [output, state] of Object.entries(states)) expect(state, `${id} ${output} status`).toBe(retired);

      // Licence: the page's licence link everywhere; DCAT-AP names the EU authority's node for it, with the same title.
      for (const [output, licence] of [
        ['schema.org', schemaOrg.licence],
        ['DCAT-US 3.0', us3Facts.licence],
        ['DCAT-US 1.1', us11Facts.licence],
        ['data package', pkg.licenses[0]!.path],
        ['CSVW', csvw['dc:license']['@id']],
        ['dump', dumped.license.url],
      ] as const) {
        expect(licence, `${id} ${output} licence`).toBe(page.licence);
      }
      expect(dcat.licenceTitle, `${id} DCAT-AP licence`).toBe(pkg.licenses[0]!.title);

      // When the data last changed: the latest version's instant (the page shows its day).
      const modified = schemaOrg.modified!;
      expect(modified.slice(0, 10), `${id} page last change`).toBe(page.modified);
      for (const [output, value] of [
        ['DCAT-AP', dcat.modified],
        ['DCAT-US 3.0', us3Facts.modified],
        ['DCAT-US 1.1', us11Facts.modified],
        ['data package', pkg.created],
        ['CSVW', csvw['dc:modified']],
        ['dump', dumped.modified],
      ] as const) {
        expect(value, `${id} ${output} last change`).toBe(modified);
      }
      expect(feed, `${id} feed entry of the latest version`).toContain(`<updated>${new Date(modified).toISOString()}</updated>`);
      expect(sitemap, `${id} sitemap lastmod`).toContain(`<loc>${production}/datasets/${id}/</loc><lastmod>${new Date(modified).toISOString()}</lastmod>`);

      // The area: one name, and one box (from the data's coordinates, or the configured area) or none.
      for (const [output, place] of [
        ['DCAT-AP', dcat.place],
        ['DCAT-US 3.0', us3Facts.place],
        ['DCAT-US 1.1', us11Facts.place],
        ['CSVW', csvw['schema:spatialCoverage']],
        ['dump', dumped.spatial.name],
      ] as const) {
        expect(place, `${id} ${output} place`).toBe(schemaOrg.place);
      }
      for (const [output, box] of [
        ['DCAT-AP', dcat.box],
        ['DCAT-US 3.0', us3Facts.box],
        ['dump', dumped.spatial.bbox],
      ] as const)
        expect(box, `${id} ${output} box`).toEqual(schemaOrg.box);
    }
  });

  it('gives the datasets with coordinates the box of their own data', async () => {
    const withCoordinates = dump.datasets.filter((d) => d.fields.some((f) => f.role === 'coordinate'));
    expect(withCoordinates.length).toBeGreaterThan(0);
    for (const dataset of withCoordinates) {
      const manifest = await json<ManifestProfile>(`/datasets/${dataset.id}/latest/manifest.json`);
      const range = (name: string) => manifest.profile.find((p) => p.name === name)!;
      const lat = range('latitude');
      const lon = range('longitude');
      expect(dataset.spatial.bboxSource, dataset.id).toBe('data');
      expect(dataset.spatial.bbox, dataset.id).toEqual([Number(lon.min), Number(lat.min), Number(lon.max), Number(lat.max)]);
    }
  });
});
