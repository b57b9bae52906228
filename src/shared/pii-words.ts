import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * The word lists the personal-data detectors read: street types per language and given names and
 * surnames per language, one plain-text file per language under `src/shared/pii-words/` so a
 * new language or a missing word is one pull request. Read once per process (and per worker thread).
 * Sources and licences: `src/shared/pii-words/SOURCES.md`.
 */

const DIR = new URL('./pii-words/', import.meta.url);

/** Lines of every `<kind>/<lang>.txt`, without comments and blank lines, by language. */
function readLists(kind: string): Map<string, string[]> {
  const dir = new URL(`${kind}/`, DIR);
  const lists = new Map<string, string[]>();
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.txt'))
    .sort()) {
    const lines = readFileSync(new URL(name, dir), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
    lists.set(name.slice(0, -4), lines);
  }
  return lists;
}

/** Where a street type stands: before the name ("Rue …"), after it as a word ("… Straße") or glued to it ("…straße"). */
export interface StreetWords {
  /** Lower-case words that stand before a street's name: "rue", "via", "calle", "ul.". */
  before: ReadonlySet<string>;
  /** Lower-case words that follow the name, in languages where the house number may follow the street ("straße", "út", "gate"). */
  after: ReadonlySet<string>;
  /** Lower-case words that follow the name in languages that put the house number first ("street", "road"). */
  afterNumberFirst: ReadonlySet<string>;
  /** Lower-case endings of compound street names ("straße", "gasse", "vej", "gatan", "katu", "straat"). */
  suffixes: readonly string[];
  /** Lower-case words that end in a suffix but are not streets ("bahnsteig", "brigade"). */
  notStreets: ReadonlySet<string>;
  /** The same sets as `wordHash`es, for the scan (no string made per word). */
  hashes: { before: ReadonlySet<number>; after: ReadonlySet<number>; afterNumberFirst: ReadonlySet<number>; notStreets: ReadonlySet<number> };
}

let streets: StreetWords | undefined;

/** Street types of every language in `pii-words/streets/`. */
export function streetWords(): StreetWords {
  if (streets) return streets;
  const before = new Set<string>();
  const after = new Set<string>();
  const afterNumberFirst = new Set<string>();
  const suffixes = new Set<string>();
  const notStreets = new Set<string>();
  for (const [lang, lines] of readLists('streets')) {
    const numberFirst = lines.includes('@number first');
    for (const line of lines) {
      if (line.startsWith('@')) continue;
      if (line.startsWith('!')) {
        notStreets.add(line.slice(1).toLowerCase());
        continue;
      }
      const [word, ...kinds] = line.toLowerCase().split(/\s+/);
      if (!word || kinds.length === 0) throw new Error(`pii-words/streets/${lang}.txt: "${line}" needs a kind (before, after or suffix)`);
      for (const kind of kinds) {
        if (kind === 'before') before.add(word);
        else if (kind === 'after') (numberFirst ? afterNumberFirst : after).add(word);
        else if (kind === 'suffix') suffixes.add(word);
        else throw new Error(`pii-words/streets/${lang}.txt: unknown kind "${kind}" in "${line}" (before, after or suffix)`);
      }
    }
  }
  streets = {
    before,
    after,
    afterNumberFirst,
    suffixes: [...suffixes],
    notStreets,
    hashes: { before: hashes(before), after: hashes(after), afterNumberFirst: hashes(afterNumberFirst), notStreets: hashes(notStreets) },
  };
  return streets;
}

const lowerCodes = new Map<number, number>();

/** The lower-case UTF-16 code of `c` (the ASCII range without a look-up). */
export function lowerCode(c: number): number {
  if (c < 128) return c >= 65 && c <= 90 ? c | 32 : c;
  let lower = lowerCodes.get(c);
  if (lower === undefined) {
    lower = String.fromCharCode(c).toLowerCase().charCodeAt(0);
    lowerCodes.set(c, lower);
  }
  return lower;
}

/**
 * A 32-bit hash of `text.slice(start, end)` in lower case, computed without making the string:
 * the scan asks "could this word be a name?" of millions of words, and a number in a set answers
 * without an allocation. A hit is then confirmed on the string itself.
 */
export function wordHash(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ lowerCode(text.charCodeAt(i)), 0x01000193);
  return h;
}

const hashes = (words: Iterable<string>): Set<number> => new Set([...words].map((w) => wordHash(w, 0, w.length)));

/** Given names and surnames, every language together (a name list is multilingual: people move). */
export interface NameWords {
  /** Lower-case, like `surnames`: a name written in capitals is looked up the same way. */
  given: ReadonlySet<string>;
  surnames: ReadonlySet<string>;
  /** `wordHash` of every given name and of every surname. */
  givenHashes: ReadonlySet<number>;
  surnameHashes: ReadonlySet<number>;
}

let names: NameWords | undefined;

export function nameWords(): NameWords {
  if (names) return names;
  const given = new Set<string>();
  const surnames = new Set<string>();
  for (const lines of readLists('given-names').values()) for (const name of lines) given.add(name.toLowerCase());
  for (const lines of readLists('surnames').values()) for (const name of lines) surnames.add(name.toLowerCase());
  names = { given, surnames, givenHashes: hashes(given), surnameHashes: hashes(surnames) };
  return names;
}

/** Languages with a street list, for documentation and tests. */
export function streetLanguages(): string[] {
  return [...readLists('streets').keys()];
}

/**
 * SHA-256 over every word list's name and text: part of the no-change fingerprint, so an edited
 * list (a new street type, a name) re-scans every approved dataset on the next refresh.
 */
export function piiWordsDigest(): string {
  const hash = createHash('sha256');
  for (const kind of ['streets', 'given-names', 'surnames']) {
    const dir = new URL(`${kind}/`, DIR);
    for (const name of readdirSync(dir)
      .filter((n) => n.endsWith('.txt'))
      .sort())
      hash.update(`${kind}/${name}\n`).update(readFileSync(new URL(name, dir)));
  }
  return hash.digest('hex');
}
