import jsonld from 'jsonld';
import { Writer, type Store } from 'n3';
import { prefixes } from './dcat-graph.ts';

/** Turtle with the usual DCAT-AP prefixes; quads sorted so the file's diff between builds reads well. */
export function toTurtle(store: Store): Promise<string> {
  const writer = new Writer({ prefixes: { ...prefixes } });
  writer.addQuads(sortedQuads(store));
  return new Promise((resolve, reject) => writer.end((error, result) => (error ? reject(error) : resolve(result))));
}

/**
 * JSON-LD of the same graph, compacted with our own context (the prefixes above, inline). The
 * published DCAT-AP context is not used: jsonld.js rejects it (its `Xsd:*` terms) and it renames
 * properties (`downloadUrl`); an inline context also means a harvester fetches nothing to read it.
 */
export async function toJsonLd(store: Store): Promise<object> {
  const nquads = await new Promise<string>((resolve, reject) => {
    const writer = new Writer({ format: 'N-Quads' });
    writer.addQuads(sortedQuads(store));
    writer.end((error, result) => (error ? reject(error) : resolve(result)));
  });
  const expanded = await jsonld.fromRDF(nquads, { format: 'application/n-quads' });
  return jsonld.compact(expanded, { ...prefixes }, { documentLoader: refuseToFetch });
}

/** Nothing may be fetched at build time; an attempt is a bug worth a clear message. */
export async function refuseToFetch(url: string): Promise<never> {
  throw new Error(`The build must not fetch ${url}: give jsonld a local copy of that context.`);
}

function sortedQuads(store: Store) {
  const key = (q: { subject: { value: string }; predicate: { value: string }; object: { value: string } }) =>
    `${q.subject.value}\u0000${q.predicate.value}\u0000${q.object.value}`;
  return store.getQuads(null, null, null, null).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
