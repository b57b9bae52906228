import { createHash } from 'node:crypto';
import Papa from 'papaparse';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { readAllMetadata } from '../../src/shared/metadata.ts';
import { siteConfig } from '../../src/site.config.ts';
import { Store } from 'n3';
import {
  ajvErrors,
  dataJsonUs3Validators,
  dataJsonValidators,
  dataPackageValidators,
  dcatUs3UnknownKeys,
  expandStrict,
  jsonLdToStore,
  parseRdfXml,
  parseTurtle,
  summarise,
  tripleLines,
  validateDcatAp,
} from '../helpers/standards.ts';
import { pageSitemaps } from '../helpers/site-pages.ts';
import { PROJECT_ROOT } from '../helpers/workspace.ts';

/**
 * The built site's machine-readable metadata, checked against the official artifacts in
 * tests/fixtures/standards. Absolute URLs in the output name the production site; they are
 * fetched from the local server instead.
 */

const siteUrl = inject('siteUrl');
const production = siteConfig.url.replace(/\/$/, '');
const local = (url: string) => (url.startsWith(production) ? siteUrl + url.slice(production.length) : new URL(url, siteUrl).href);

async function get(path: string) {
  const response = await fetch(local(path));
  expect(response.status, `${path}`).toBe(200);
  return response;
}
const text = async (path: string) => (await get(path)).text();
const json = async <T = Record<string, unknown>>(path: string) => (await get(path)).json() as Promise<T>;

/** The parts of the harvested documents these tests read; the validators check the rest. */
interface DataJson {
  dataset: { landingPage: string; distribution: { downloadURL: string }[] }[];
}
interface DataPackage {
  resources: { path: string; bytes: number; hash: string; schema: { fields: { name: string; type: string; constraints?: { enum?: unknown[]; minimum?: number; maximum?: number } }[] } }[];
}
interface CsvwMetadata {
  tableSchema: { columns: { titles: string }[] };
}
interface DataJsonUs3 {
  dataset: {
    identifier: string;
    landingPage: { accessURL: string };
    distribution: { downloadURL: string; accessURL: string; byteSize: string; checksum: { checksumValue: string } }[];
  }[];
}
interface CatalogDump {
  datasets: { id: string; versions: { version: string; rowCount: number; distributions: { name: string; bytes: number; sha256: string; downloadURL: string }[] }[] }[];
}
interface Manifest {
  rowCount: number;
  files: { name: string; bytes: number; sha256: string }[];
}
interface SchemaOrgDataset {
  distribution: { contentUrl: string }[];
}

let publishedIds: string[];

beforeAll(async () => {
  const metadata = await readAllMetadata(PROJECT_ROOT);
  publishedIds = metadata.filter((m) => m.dataset.status === 'approved' || m.dataset.status === 'retired').map((m) => m.dataset.id);
});

/**
 * The only recommended-shape warning allowed: the end date of a period still open (a dataset whose data
 * grows and has no date column, like street trees: its page says "Since 1980"). Giving it an end would
 * be the build date, which is not a fact about the data. Every other warning is a failure.
 */
async function openPeriods(ids: readonly string[]): Promise<string[]> {
  const open: string[] = [];
  for (const id of ids) if (/data-period="[^"]*\/\.\."/.test(await text(`/datasets/${id}/`))) open.push(`${production}/datasets/${id}/#temporal`);
  return open;
}
const endDateWarnings = (focuses: string[]) => focuses.map((focus) => `Warning MinCountConstraintComponent path=endDate focus=${focus}: Less than 1 values`).sort();

describe('DCAT-AP 3 (/catalog.ttl, /catalog.jsonld, /catalog.rdf)', () => {
  it('has zero violations of the DCAT-AP 3.0.1 shapes and range shapes, and no recommended-shape warning but open periods', async () => {
    const turtle = await text('/catalog.ttl');
    const { findings, recommended } = await validateDcatAp(turtle);
    expect(summarise(findings)).toEqual([]);
    console.info(`catalog.ttl: ${recommended.length} recommended-shape warning(s):\n  ${summarise(recommended).join('\n  ')}`);
    expect(summarise(recommended).sort()).toEqual(endDateWarnings(await openPeriods(publishedIds)));
    for (const id of publishedIds) expect(turtle).toContain(`<${production}/datasets/${id}/#dataset>`);
  });

  it('publishes the same graph as JSON-LD, which reads offline and passes the same shapes', async () => {
    const fromJsonLd = await jsonLdToStore(await json('/catalog.jsonld'));
    const { findings } = await validateDcatAp(fromJsonLd);
    expect(summarise(findings)).toEqual([]);
    expect(tripleLines(fromJsonLd)).toEqual(tripleLines(parseTurtle(await text('/catalog.ttl'))));
  });

  it('publishes the same graph as RDF/XML, which an independent parser reads back to exactly the Turtle triples', async () => {
    const fromXml = await parseRdfXml(await text('/catalog.rdf'));
    const fromTurtle = parseTurtle(await text('/catalog.ttl'));
    expect(fromXml.length).toBe(fromTurtle.length);
    expect(tripleLines(fromXml)).toEqual(tripleLines(fromTurtle));
  });

  it("gives every dataset its own Turtle, JSON-LD and RDF/XML: the same triples, part of the catalog's, zero violations", async () => {
    const catalog = new Set(tripleLines(parseTurtle(await text('/catalog.ttl'))));
    for (const id of publishedIds) {
      const turtle = parseTurtle(await text(`/datasets/${id}/dataset.ttl`));
      const lines = tripleLines(turtle);
      expect(
        lines.filter((line) => !catalog.has(line)),
        id,
      ).toEqual([]);
      expect(tripleLines(await parseRdfXml(await text(`/datasets/${id}/dataset.rdf`))), `${id} RDF/XML`).toEqual(lines);
      expect(tripleLines(await jsonLdToStore(await json(`/datasets/${id}/dataset.jsonld`))), `${id} JSON-LD`).toEqual(lines);
      const { findings, recommended } = await validateDcatAp(new Store(turtle));
      expect(summarise(findings), id).toEqual([]);
      expect(summarise(recommended).sort(), id).toEqual(endDateWarnings(await openPeriods([id])));
      expect(
        lines.some((line) => line.includes(`"${production}/datasets/${id}/#series"`)),
        `${id} has its series`,
      ).toBe(true);
    }
  });
});

describe('DCAT-US 3.0 (/data.json, /dcat-us-3.0/data.json)', () => {
  it("validates as a catalog and record by record against data.gov's DCAT-US 3.0 schemas (formats on), with no key the schemas do not define", async () => {
    const validators = dataJsonUs3Validators();
    const document = await json<DataJsonUs3>('/dcat-us-3.0/data.json');
    if (siteConfig.dataJson === '3.0') expect(await json('/data.json')).toEqual(document);
    expect(validators.catalog(document), ajvErrors(validators.catalog.errors).join('\n')).toBe(true);
    for (const record of document.dataset) expect(validators.dataset(record), `${record.identifier}: ${ajvErrors(validators.dataset.errors).join('\n')}`).toBe(true);
    expect(dcatUs3UnknownKeys(document)).toEqual([]);
    expect(document.dataset.map((d) => d.landingPage.accessURL).sort()).toEqual(publishedIds.map((id) => `${production}/datasets/${id}/`).sort());
    for (const dataset of document.dataset) {
      for (const dist of dataset.distribution) {
        const bytes = Buffer.from(await (await get(dist.downloadURL)).arrayBuffer());
        expect(String(bytes.length), dist.downloadURL).toBe(dist.byteSize);
        expect(createHash('sha256').update(bytes).digest('hex'), dist.downloadURL).toBe(dist.checksum.checksumValue);
        await get(dist.accessURL);
      }
    }
  });
});

describe('DCAT-US 1.1 (/dcat-us-1.1/data.json)', () => {
  it(`validates against ${siteConfig.usFederal ? 'the official federal' : "data.gov's non-federal"} schema`, async () => {
    const document = await json<DataJson>('/dcat-us-1.1/data.json');
    if (siteConfig.dataJson === '1.1') expect(await json('/data.json')).toEqual(document);
    const validators = dataJsonValidators();
    const validate = siteConfig.usFederal ? validators.federal : validators.nonFederal;
    expect(validate(document), ajvErrors(validate.errors).join('\n')).toBe(true);
    expect(document.dataset.map((d) => d.landingPage).sort()).toEqual(publishedIds.map((id) => `${production}/datasets/${id}/`).sort());
    for (const dataset of document.dataset) for (const dist of dataset.distribution) await get(dist.downloadURL);
  });
});

describe('the one-file metadata dump (/catalog-dump.json)', () => {
  it('holds every dataset, every version and every distribution, each as its manifest says', async () => {
    const dump = await json<CatalogDump>('/catalog-dump.json');
    expect(dump.datasets.map((d) => d.id).sort()).toEqual([...publishedIds].sort());
    for (const dataset of dump.datasets) {
      for (const version of dataset.versions) {
        const manifest = await json<Manifest>(`/datasets/${dataset.id}/versions/${version.version}/manifest.json`);
        expect(version.rowCount).toBe(manifest.rowCount);
        expect(version.distributions.map((d) => [d.name, d.bytes, d.sha256])).toEqual(manifest.files.map((f) => [f.name, f.bytes, f.sha256]));
        for (const dist of version.distributions) await get(dist.downloadURL);
      }
      expect(dataset).not.toHaveProperty('source');
      expect(dataset).not.toHaveProperty('approvals');
    }
  });
});

describe('Frictionless data packages and CSVW', () => {
  it('validate for every dataset, and describe the CSV they point at byte for byte', async () => {
    const validators = dataPackageValidators();
    for (const id of publishedIds) {
      const pkg = await json<DataPackage>(`/datasets/${id}/datapackage.json`);
      expect(validators.dataPackage(pkg), `${id}: ${ajvErrors(validators.dataPackage.errors).join('\n')}`).toBe(true);
      const resource = pkg.resources[0]!;
      expect(validators.tableSchema(resource.schema), ajvErrors(validators.tableSchema.errors).join('\n')).toBe(true);

      const bytes = Buffer.from(await (await get(resource.path)).arrayBuffer());
      expect(bytes.length).toBe(resource.bytes);
      expect(`sha256:${createHash('sha256').update(bytes).digest('hex')}`).toBe(resource.hash);

      // The values obey the schema: the header is the field list, enums and ranges hold.
      const { data } = Papa.parse<string[]>(bytes.toString('utf8'), { skipEmptyLines: true });
      const [header, ...rows] = data;
      const fields = resource.schema.fields;
      expect(header).toEqual(fields.map((f) => f.name));
      const broken: string[] = [];
      // Each Table Schema type's default format (datetime is declared `any`), as a frictionless reader applies it.
      const formats: Record<string, RegExp> = {
        integer: /^-?\d+$/,
        number: /^-?\d+(\.\d+)?$/,
        boolean: /^(t|f|true|false)$/,
        date: /^\d{4}-\d{2}-\d{2}$/,
        time: /^\d{2}:\d{2}:\d{2}(\.\d+)?$/,
        duration: /^-?P/,
      };
      fields.forEach((field, column) => {
        const format = formats[field.type];
        const { enum: allowed, minimum, maximum } = field.constraints ?? {};
        const allowedText = allowed && new Set(allowed.map(String));
        for (const row of rows) {
          const value = row[column] ?? '';
          if (value === '') continue;
          const outside =
            (format && !format.test(value)) || (allowedText && !allowedText.has(value)) || (minimum !== undefined && Number(value) < minimum) || (maximum !== undefined && Number(value) > maximum);
          if (outside && broken.length < 10) broken.push(`${id}.${field.name}: ${value}`);
        }
      });
      expect(broken).toEqual([]);

      const csvw = await json<CsvwMetadata>(`/datasets/${id}/latest/data.csv-metadata.json`);
      await expandStrict(csvw);
      expect(csvw.tableSchema.columns.map((c) => c.titles)).toEqual(header);
    }
  });
});

describe('pages', () => {
  async function sitemapPages(): Promise<string[]> {
    const index = await text('/sitemap-index.xml');
    const sitemaps = pageSitemaps(index);
    const pages: string[] = [];
    for (const sitemap of sitemaps) pages.push(...[...(await text(sitemap)).matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!));
    return pages;
  }

  it('every page in the sitemap has canonical, Open Graph, Twitter and feed tags, and JSON-LD that expands', async () => {
    const pages = await sitemapPages();
    expect(pages).toContain(`${production}/developers/`);
    let jsonLdCount = 0;
    for (const page of pages) {
      const html = await text(page);
      const head = html.slice(0, html.indexOf('</head>'));
      expect(head, page).toContain(`<link rel="canonical" href="${page}">`);
      for (const tag of ['og:title', 'og:description', 'og:url', 'og:type']) expect(head, `${page} ${tag}`).toContain(`property="${tag}"`);
      expect(head, page).toContain('name="twitter:card"');
      expect(head, page).toMatch(/<link rel="alternate" type="application\/atom\+xml"[^>]*href="\/feed\.xml"/);
      for (const match of html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)) {
        const expanded = await expandStrict(JSON.parse(match[1]!) as object);
        expect(expanded.length, page).toBeGreaterThan(0);
        jsonLdCount++;
      }
    }
    expect(jsonLdCount).toBe(publishedIds.length + 1);
  });

  it('the home page links the catalog in every RDF serialisation and data.json, each dataset page its own RDF files (rel=alternate)', async () => {
    const home = await text('/');
    const head = home.slice(0, home.indexOf('</head>'));
    for (const [type, href] of [
      ['text/turtle', '/catalog.ttl'],
      ['application/ld+json', '/catalog.jsonld'],
      ['application/rdf+xml', '/catalog.rdf'],
      ['application/json', '/data.json'],
    ]) {
      expect(head).toMatch(new RegExp(`<link rel="alternate" type="${type!.replace('+', '\\+')}"[^>]*href="${href}"`));
      await get(href!);
    }
    for (const id of publishedIds) {
      const html = await text(`/datasets/${id}/`);
      const own = html.slice(0, html.indexOf('</head>'));
      for (const [type, file] of [
        ['text/turtle', 'dataset.ttl'],
        ['application/ld+json', 'dataset.jsonld'],
        ['application/rdf+xml', 'dataset.rdf'],
      ]) {
        expect(own, `${id} ${file}`).toMatch(new RegExp(`<link rel="alternate" type="${type!.replace('+', '\\+')}"[^>]*href="/datasets/${id}/${file}"`));
        await get(`/datasets/${id}/${file}`);
      }
    }
  });

  it('each dataset page embeds its schema.org Dataset and links its own feed', async () => {
    for (const id of publishedIds) {
      const html = await text(`/datasets/${id}/`);
      const [, raw] = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html) ?? [];
      const dataset = JSON.parse(raw!) as SchemaOrgDataset;
      expect(dataset).toMatchObject({ '@type': 'Dataset', url: `${production}/datasets/${id}/` });
      for (const download of dataset.distribution) await get(download.contentUrl);
      expect(html).toContain(`href="/datasets/${id}/feed.xml"`);
    }
    const home = await text('/');
    expect(home).toContain('"@type":"DataCatalog"');
  });
});

describe('feeds, robots.txt and the developers page', () => {
  it('serves an Atom feed of the catalog and one per dataset', async () => {
    const feed = await text('/feed.xml');
    expect(feed).toMatch(/^<\?xml[^>]*\?>\s*<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"[^>]*>/);
    for (const id of publishedIds) {
      expect(feed).toContain(`${production}/datasets/${id}/versions/`);
      const own = await text(`/datasets/${id}/feed.xml`);
      expect(own).toContain(`<link rel="self" type="application/atom+xml" href="${production}/datasets/${id}/feed.xml"/>`);
      expect(own.match(/<entry>/g)?.length ?? 0).toBeGreaterThan(0);
    }
  });

  it('robots.txt points at the sitemap', async () => {
    const robots = await text('/robots.txt');
    expect(robots).toContain(`Sitemap: ${production}/sitemap-index.xml`);
    await get('/sitemap-index.xml');
  });

  it('the sitemap index lists the machine-readable files in a sitemap of their own, each answering 200, none as a page', async () => {
    const index = await text('/sitemap-index.xml');
    expect(index).toContain(`<loc>${production}/sitemap-metadata.xml</loc>`);
    const files = [...(await text('/sitemap-metadata.xml')).matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
    for (const id of publishedIds) for (const file of ['dataset.ttl', 'dataset.jsonld', 'dataset.rdf', 'datapackage.json']) expect(files).toContain(`${production}/datasets/${id}/${file}`);
    for (const path of ['/catalog.ttl', '/catalog.jsonld', '/catalog.rdf', '/data.json', '/dcat-us-3.0/data.json', '/dcat-us-1.1/data.json', '/catalog-dump.json'])
      expect(files).toContain(`${production}${path}`);
    for (const file of files) await get(file);
    const pages = (await text('/sitemap-0.xml')).match(/<loc>[^<]+<\/loc>/g) ?? [];
    expect(pages.filter((loc) => /\.(ttl|jsonld|rdf|json)</.test(loc))).toEqual([]);
  });

  it('every URL the developers page documents answers 200 on the built site', async () => {
    const html = await text('/developers/');
    const examples = [...html.matchAll(/<a href="([^"]+)" data-url-example/g)].map((m) => m[1]!);
    const inCode = [...html.matchAll(/<pre[^>]*>([\s\S]*?)<\/pre>/g)].flatMap((m) => [...m[1]!.matchAll(/https?:\/\/[^\s"'<)&]+/g)].map((u) => u[0])).filter((url) => url.startsWith(production));
    expect(examples.length).toBeGreaterThanOrEqual(15);
    expect(inCode.length).toBeGreaterThanOrEqual(4);
    for (const url of new Set([...examples, ...inCode])) await get(url);
  });
});
