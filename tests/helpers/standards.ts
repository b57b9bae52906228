import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readdirSync } from 'node:fs';
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020.js';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import jsonld from 'jsonld';
import type { JsonLd, RemoteDocument } from 'jsonld/jsonld-spec';
import { Parser, Store, type Quad } from 'n3';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import SHACLValidator from 'rdf-validate-shacl';
import { PROJECT_ROOT } from './workspace.ts';

/**
 * Validators built from the official artifacts in tests/fixtures/standards (copied from
 * ../shared/standards, see its SOURCES.md). Each follows the offline recipe proven there:
 * nothing is fetched, every context and schema is a local file.
 */

export const STANDARDS = path.join(PROJECT_ROOT, 'tests/fixtures/standards');
const read = (file: string) => readFileSync(path.join(STANDARDS, file), 'utf8');
const readJson = (file: string) => JSON.parse(read(file)) as Record<string, unknown>;

export function parseTurtle(text: string, baseIRI = 'urn:x-local:'): Quad[] {
  return new Parser({ baseIRI }).parse(text);
}

/** RDF/XML read by rdfxml-streaming-parser: a parser independent of the graphy writer that made it. */
export function parseRdfXml(text: string): Promise<Quad[]> {
  return new Promise((resolve, reject) => {
    const quads: Quad[] = [];
    const parser = new RdfXmlParser();
    parser.on('data', (q: Quad) => quads.push(q));
    parser.on('error', reject);
    parser.on('end', () => resolve(quads));
    parser.write(text);
    parser.end();
  });
}

/** Triples as sorted lines (subject, predicate, object with its language or datatype), to compare two parses. */
export function tripleLines(quads: readonly Quad[] | Store): string[] {
  const lines: string[] = [];
  const list: readonly Quad[] = quads instanceof Store ? quads.getQuads(null, null, null, null) : quads;
  for (const q of list) {
    const o = q.object;
    lines.push(JSON.stringify([q.subject.value, q.predicate.value, o.termType, o.value, o.termType === 'Literal' ? o.language || o.datatype.value : '']));
  }
  return lines.sort();
}

export interface ShaclFinding {
  severity: string;
  constraint: string;
  path: string;
  focus: string;
  message: string;
}

const short = (term: { value: string } | null | undefined) => (term ? term.value.replace(/^.*[#/]/, '') : '-');

let shapesCache: { mandatory: Store; recommended: Store } | undefined;
function shapes() {
  shapesCache ??= {
    // html-shacl/shapes.ttl (cardinalities) + range.ttl (classes of linked nodes): the "done" bar.
    mandatory: new Store([...parseTurtle(read('dcat-ap-3.0.1/html-shacl/shapes.ttl')), ...parseTurtle(read('dcat-ap-3.0.1/html-shacl/range.ttl'))]),
    recommended: new Store(parseTurtle(read('dcat-ap-3.0.1/html-shacl/shapes_recommended.ttl'))),
  };
  return shapesCache;
}

async function validate(shapesGraph: Store, data: Store): Promise<ShaclFinding[]> {
  // No `factory` option: rdf-ext as factory lacks clownface (TypeError); an n3 Store works as the dataset.
  const report = await new SHACLValidator(shapesGraph).validate(data);
  return report.results.map((r) => ({
    severity: short(r.severity),
    constraint: short(r.sourceConstraintComponent),
    path: r.path?.value ?? '-',
    focus: r.focusNode?.value ?? '-',
    message: r.message.map((m) => m.value).join('; '),
  }));
}

/** SHACL against DCAT-AP 3.0.1 shapes + range shapes (must be empty) and the recommended shapes (warnings). */
export async function validateDcatAp(data: Store | string) {
  const store = typeof data === 'string' ? new Store(parseTurtle(data)) : data;
  const { mandatory, recommended } = shapes();
  return { findings: await validate(mandatory, store), recommended: await validate(recommended, store) };
}

/** Reads JSON-LD (offline) into a Store, e.g. /catalog.jsonld for the same SHACL check. */
export async function jsonLdToStore(document: object): Promise<Store> {
  const nquads = (await jsonld.toRDF(document, { format: 'application/n-quads', documentLoader } as jsonld.Options.ToRdf)) as unknown as string;
  return new Store(new Parser({ format: 'N-Quads' }).parse(nquads));
}

/** One line per finding, grouped, for assertion messages a person can read. */
export function summarise(findings: readonly ShaclFinding[]): string[] {
  const counts = new Map<string, number>();
  for (const f of findings) {
    const key = `${f.severity} ${f.constraint} path=${short({ value: f.path })} focus=${f.focus}: ${f.message}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, n]) => (n > 1 ? `${key} (x${n})` : key));
}

/**
 * DCAT-US 1.1 schemas are draft-04: ajv-draft-04, `unicodeRegExp: false` (the vcard e-mail pattern is
 * invalid under the `u` flag), `strict: false`; every file is added so `$ref`s resolve by `id`.
 */
function dcatUsValidator(dir: string, files: string[]) {
  const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  for (const file of files) ajv.addSchema(readJson(path.join(dir, file)));
  const top = readJson(path.join(dir, 'catalog.json'));
  const validator = ajv.getSchema(top.id as string);
  if (!validator) throw new Error(`DCAT-US catalog schema ${String(top.id)} did not compile`);
  return validator;
}

export function dataJsonValidators() {
  return {
    federal: dcatUsValidator('dcat-us-1.1', ['vcard.json', 'organization.json', 'distribution.json', 'dataset.json', 'catalog.json']),
    nonFederal: dcatUsValidator('dcat-us-1.1/non-federal', ['dataset-non-federal.json', 'catalog.json']),
  };
}

const DCAT_US_3 = 'https://resources.data.gov/dcat-us/3.0.0/definitions/';

/**
 * DCAT-US 3.0 as data.gov's harvester checks it: draft 2020-12, every definition registered by its
 * `$id`, formats on (`iri`, `date-time`, `email`…), `unicodeRegExp: false` (the e-mail pattern is
 * invalid under the `u` flag). `catalog` checks a whole data.json, `dataset` one record.
 */
let dcatUs3Cache: ReturnType<typeof buildDcatUs3> | undefined;
function buildDcatUs3() {
  const ajv = new Ajv2020({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  // ajv-formats has no `iri`; the harvester's checker (RFC 3987) wants an absolute IRI: a scheme, no spaces or angle brackets.
  ajv.addFormat('iri', (value: string) => /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]*$/.test(value) && URL.canParse(value));
  const definitions: Record<string, Record<string, unknown>> = {};
  for (const file of readdirSync(path.join(STANDARDS, 'dcat-us-3.0/definitions')).sort()) {
    const schema = readJson(path.join('dcat-us-3.0/definitions', file));
    ajv.addSchema(schema);
    definitions[String(schema.$id).slice(DCAT_US_3.length)] = schema;
  }
  return {
    catalog: ajv.compile({ $ref: `${DCAT_US_3}catalog` }),
    dataset: ajv.compile({ $ref: `${DCAT_US_3}dataset` }),
    definitions,
  };
}
export function dataJsonUs3Validators() {
  dcatUs3Cache ??= buildDcatUs3();
  return dcatUs3Cache;
}

/**
 * Keys the DCAT-US 3.0 schemas do not define, which they let through silently (no
 * `additionalProperties: false`): every object with an `@type` is checked against the properties of
 * its class's definition, so a misspelt key (`acessURL`) fails a test instead of vanishing.
 */
export function dcatUs3UnknownKeys(document: unknown, where = '/'): string[] {
  const { definitions } = dataJsonUs3Validators();
  if (Array.isArray(document)) return (document as unknown[]).flatMap((item, i) => dcatUs3UnknownKeys(item, `${where}${i}/`));
  if (!document || typeof document !== 'object') return [];
  const object = document as Record<string, unknown>;
  const declared = object['@type'];
  const type = typeof declared === 'string' ? declared.toLowerCase() : undefined;
  const definition = type ? definitions[type] : undefined;
  const problems: string[] = [];
  if (type && !definition) problems.push(`${where}: @type ${String(object['@type'])} is not a DCAT-US 3.0 class`);
  const known = definition ? knownProperties(definition) : undefined;
  for (const [key, value] of Object.entries(object)) {
    if (known && !known.has(key) && key !== '@context') problems.push(`${where}${key}: not a property of ${String(object['@type'])}`);
    problems.push(...dcatUs3UnknownKeys(value, `${where}${key}/`));
  }
  return problems;
}

function knownProperties(schema: Record<string, unknown>): Set<string> {
  const keys = new Set<string>(Object.keys((schema.properties as object | undefined) ?? {}));
  for (const branch of (schema.anyOf as Record<string, unknown>[] | undefined) ?? []) for (const key of Object.keys((branch.properties as object | undefined) ?? {})) keys.add(key);
  return keys;
}

/** Frictionless v2 profiles are draft-07; they use non-standard keywords and a `textarea` format. */
export function dataPackageValidators() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addFormat('textarea', true);
  return {
    dataPackage: ajv.compile(readJson('frictionless/v2.0/datapackage.json')),
    tableSchema: ajv.compile(readJson('frictionless/v2.0/tableschema.json')),
  };
}

/** Ajv errors as short lines. */
export function ajvErrors(errors: readonly { instancePath: string; message?: string; params?: unknown }[] | null | undefined): string[] {
  return [...new Set((errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`))];
}

/**
 * A strict schema.org context built from schema-dts (Google's schema.org types, generated from the
 * schema.org vocabulary): a term for every type and property it declares and no `@vocab`, so with
 * jsonld's `safe` mode a misspelt or invented term fails expansion instead of silently becoming
 * `http://schema.org/typo`. schema.org's own context maps terms to `http://schema.org/` too.
 */
let schemaOrgContext: Record<string, unknown> | undefined;
export function localSchemaOrgContext() {
  if (schemaOrgContext) return schemaOrgContext;
  const dts = readFileSync(path.join(PROJECT_ROOT, 'node_modules/schema-dts/dist/schema.d.ts'), 'utf8');
  const terms = new Set<string>();
  for (const m of dts.matchAll(/^\s+"([A-Za-z][A-Za-z0-9]*)"\?: SchemaValue</gm)) terms.add(m[1]!);
  for (const m of dts.matchAll(/"@type": "([A-Za-z][A-Za-z0-9]*)"/g)) terms.add(m[1]!);
  if (terms.size < 2000) throw new Error(`Only ${terms.size} schema.org terms read from schema-dts; has its format changed?`);
  const context: Record<string, unknown> = { schema: 'http://schema.org/' };
  for (const term of [...terms].sort()) context[term] = `schema:${term}`;
  schemaOrgContext = { '@context': context };
  return schemaOrgContext;
}

const localContexts: Record<string, () => unknown> = {
  'https://schema.org': localSchemaOrgContext,
  'https://schema.org/': localSchemaOrgContext,
  'http://schema.org': localSchemaOrgContext,
  'http://schema.org/': localSchemaOrgContext,
  'http://www.w3.org/ns/csvw': () => readJson('csvw/csvw.jsonld'),
};

/** jsonld document loader that serves local copies and refuses the network. */
export function documentLoader(url: string): Promise<RemoteDocument> {
  const local = localContexts[url];
  if (!local) return Promise.reject(new Error(`offline: refusing to fetch ${url}; add a local copy to tests/helpers/standards.ts`));
  return Promise.resolve({ contextUrl: undefined, documentUrl: url, document: local() as JsonLd });
}

/** Expands JSON-LD in safe mode: a term the context does not define is an error, not a dropped property. */
export async function expandStrict(document: object) {
  return jsonld.expand(document, { documentLoader, safe: true } as jsonld.Options.Expand);
}
