import xmlScriber from '@graphy/content.xml.scribe';
import jsonld from 'jsonld';
import type { JsonLdDocument } from 'jsonld';
import { Store, Writer, type Quad } from 'n3';
import { prefixes } from './dcat-graph.ts';

/** Turtle with the usual DCAT-AP prefixes; quads sorted so the file's diff between builds reads well. */
export function toTurtle(store: Graph): Promise<string> {
  const writer = new Writer({ prefixes: { ...prefixes } });
  writer.addQuads(sortedQuads(store));
  return new Promise((resolve, reject) => writer.end((error, result: string) => (error ? reject(error) : resolve(result))));
}

/**
 * RDF/XML of the same graph (what many EU national harvesters read), written by graphy's RDF/XML
 * scriber: one `rdf:Description` per subject, in the same sorted order as the Turtle. The graph's
 * literals hold no character XML 1.0 cannot (`dcat-graph.ts` leaves them out), so it parses back to
 * exactly the Turtle's triples; a test holds the two equal with an independent parser.
 */
export function toRdfXml(store: Graph): Promise<string> {
  return new Promise((resolve, reject) => {
    const writer = xmlScriber({ prefixes: { ...prefixes } });
    const chunks: string[] = [];
    writer.on('data', (chunk: string | Buffer) => chunks.push(String(chunk)));
    writer.on('error', reject);
    writer.on('end', () => resolve(`${chunks.join('')}\n`));
    for (const q of sortedQuads(store)) writer.write(q);
    writer.end();
  });
}

/**
 * JSON-LD of the same graph, compacted with our own context (the prefixes above, inline). The
 * published DCAT-AP context is not used: jsonld.js rejects it (its `Xsd:*` terms) and it renames
 * properties (`downloadUrl`); an inline context also means a harvester fetches nothing to read it.
 */
export async function toJsonLd(store: Graph): Promise<object> {
  return jsonld.compact(expandedJsonLd(sortedQuads(store)) as JsonLdDocument, { ...prefixes }, { documentLoader: refuseToFetch });
}

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
const RDF_LANG_STRING = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString';

type Term = Quad['subject'] | Quad['object'];
type ExpandedNode = Record<string, unknown[]> & { '@id'?: string };

/**
 * The graph in expanded, flattened JSON-LD, as the W3C "Serialize RDF as JSON-LD" algorithm makes
 * it (https://www.w3.org/TR/json-ld11-api/#serialize-rdf-as-json-ld-algorithm) with its default
 * options (rdf:type as @type, literals as strings with their datatype, no native types), for a
 * default graph without rdf:List chains (the catalog graph has none). Written here because
 * jsonld.js's fromRDF takes minutes on a catalog of 1,000 datasets (it grows with the square of
 * the graph); this is one pass. A test holds the two to the same compacted document.
 */
export function expandedJsonLd(quads: readonly Quad[]): object[] {
  const nodes = new Map<string, ExpandedNode>();
  const node = (id: string): ExpandedNode => {
    let found = nodes.get(id);
    if (!found) nodes.set(id, (found = { '@id': id } as ExpandedNode));
    return found;
  };
  for (const q of quads) {
    const subject = node(termId(q.subject));
    const { object } = q;
    if (q.predicate.value === RDF_TYPE && object.termType !== 'Literal') {
      push(subject, '@type', termId(object));
      continue;
    }
    let value: unknown;
    if (object.termType === 'Literal') {
      const datatype = object.datatype.value;
      value = object.language
        ? { '@value': object.value, '@language': object.language }
        : datatype === XSD_STRING || datatype === RDF_LANG_STRING
          ? { '@value': object.value }
          : { '@value': object.value, '@type': datatype };
    } else {
      value = { '@id': termId(object) };
      node(termId(object));
    }
    push(subject, q.predicate.value, value);
  }
  // Nodes that are only referred to (no property of their own) are not listed, and subjects are sorted by @id.
  return [...nodes.keys()]
    .sort()
    .map((id) => nodes.get(id)!)
    .filter((n) => Object.keys(n).length > 1);
}

function termId(term: Term): string {
  return term.termType === 'BlankNode' ? `_:${term.value}` : term.value;
}

/** Adds a value (a store holds each quad once, so there is no duplicate to skip, as the algorithm would). */
function push(node: ExpandedNode, key: string, value: unknown): void {
  (node[key] ??= []).push(value);
}

/** Nothing may be fetched at build time; an attempt is a bug worth a clear message. */
export function refuseToFetch(url: string): Promise<never> {
  return Promise.reject(new Error(`The build must not fetch ${url}: give jsonld a local copy of that context.`));
}

/** A graph: an n3 Store, or a list of quads that may repeat one (a dataset's part of the catalog graph). */
export type Graph = Store | readonly Quad[];

/** Every quad of the graph once, in a stable order (subject, predicate, object with its language or datatype). */
export function sortedQuads(graph: Graph): Quad[] {
  const quads: readonly Quad[] = graph instanceof Store ? graph.getQuads(null, null, null, null) : graph;
  const keyed = quads.map((q) => {
    const o = q.object;
    const tag = o.termType === 'Literal' ? `${o.language}\u0001${o.datatype.value}` : o.termType;
    return { q, key: `${q.subject.value}\u0000${q.predicate.value}\u0000${o.value}\u0000${tag}` };
  });
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.filter((item, i) => i === 0 || item.key !== keyed[i - 1]!.key).map((item) => item.q);
}
