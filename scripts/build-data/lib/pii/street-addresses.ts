import { lowerCode, streetWords, wordHash, type StreetWords } from '../../../../src/shared/pii-words.ts';

/**
 * Street addresses with a house number, in the word orders of the countries the catalog serves.
 * The street types come from the per-language lists in `src/shared/pii-words/streets/`. An
 * address is found from its house number outwards (a value without one is not read further):
 *
 * - number first, type after the name: "1428 Elm Street", "221B Baker St", "4/12 George St";
 * - number first, type before the name: "12, rue de la Paix", "12 Rue Neuve";
 * - type before the name, number after: "Via Roma, 43", "Calle Mayor 5", "ul. Długa 5", "Rua Augusta 53";
 * - compound name, number after: "Hauptstraße 34", "Vesterbrogade 14", "Drottninggatan 5", "Mannerheimintie 12";
 * - name, type word, number: "Berliner Straße 34", "Andrássy út 12", "Karl Johans gate 22", "Václavské náměstí 1";
 * - any name and number followed by a postcode and a locality: "Národní 1009/3, 110 00 Praha 1".
 *
 * The number is required: "Elm Street" alone is a place, not where someone lives. Units, floors
 * and stairs after the number ("34/2/5", "5, 3º izq.", "12 A 3") are part of what people write and
 * do not stop a match; the reported substring runs from the street to the house number.
 */

const MAX_NAME_WORDS = 4;
// Words that may stand inside a street's name in lower case: "Rue de la Paix", "Via dei Mille".
const PARTICLES = hashSet("de la le les du des d’ d' di del della dei degli delle da do dos das van der den ten ter von zu zum zur am an im of the y i e et och og und and à al");
// After a number these make it a measure, not a house number: "Hauptstraße 3 km", "Route 12 %".
const UNITS = hashSet('km m cm mm kg g t l ha min h s mph kmh jahre years ans anni años år vuotta lat let éves x');

function hashSet(words: string): Set<number> {
  return new Set(words.split(' ').map((w) => wordHash(w, 0, w.length)));
}

/** A word of the value, by position; its `wordHash` stands for its text (no string is made). */
interface Word {
  start: number;
  /** After the word, including a final '.' or '/' ("St.", "c/"). */
  end: number;
  /** `wordHash` of the word as written, and without its final '.' or '/'. */
  hash: number;
  bare: number;
  capital: boolean;
  /** The word is an ordinal: "42nd", "3º". */
  ordinal: boolean;
}

function word(value: string, start: number, end: number, ordinal = false): Word {
  const last = value.charCodeAt(end - 1);
  const hash = wordHash(value, start, end);
  return { start, end, hash, bare: last === 46 || last === 47 ? wordHash(value, start, end - 1) : hash, capital: isCapital(value, start), ordinal };
}

/** The word is in `set`, as written ("st.", "ul.") or without a sentence's full stop ("Avenue."). */
function listed(set: ReadonlySet<number>, w: Word): boolean {
  return set.has(w.hash) || (w.bare !== w.hash && set.has(w.bare));
}

const endsWithDot = (value: string, w: Word): boolean => value.charCodeAt(w.end - 1) === 46;
const endsWithMark = (value: string, w: Word): boolean => value.charCodeAt(w.end - 1) === 46 || value.charCodeAt(w.end - 1) === 47;
const ORDINAL = /^\d{1,3}(?:st|nd|rd|th|e|er|ème|º|ª)$/i;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
// Letters: ASCII and everything from Latin-1 on except the punctuation blocks and no-break space.
function isLetter(c: number): boolean {
  if (c < 128) return (c | 32) >= 97 && (c | 32) <= 122;
  return c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && !(c >= 0x2000 && c <= 0x206f);
}
const isSpace = (c: number): boolean => c === 32 || c === 0xa0 || (c >= 9 && c <= 13);

function isCapital(value: string, at: number): boolean {
  const c = value.charCodeAt(at);
  if (c < 128) return c >= 65 && c <= 90;
  const ch = value[at]!;
  return ch !== ch.toLowerCase();
}

/** The word ending right before `end` (spaces skipped), with an abbreviation's dot: "St.", "ul.", "nám.". */
function wordBefore(value: string, end: number): Word | null {
  let i = end;
  while (i > 0 && isSpace(value.charCodeAt(i - 1))) i--;
  const wordEnd = i;
  if (i > 0 && (value.charCodeAt(i - 1) === 46 || value.charCodeAt(i - 1) === 47)) i--; // "St.", "c/"
  const lettersEnd = i;
  while (i > 0) {
    const c = value.charCodeAt(i - 1);
    if (isLetter(c) || ((c === 39 || c === 0x2019 || c === 45 || c === 46) && i - 1 > 0 && isLetter(value.charCodeAt(i - 2)))) i--;
    else break;
  }
  if (i === lettersEnd) return null;
  if (i > 0 && isDigit(value.charCodeAt(i - 1))) return null;
  return word(value, i, wordEnd);
}

/** The word starting at or after `start` (spaces skipped), with an abbreviation's dot. */
function wordAfter(value: string, start: number): Word | null {
  let i = start;
  while (i < value.length && isSpace(value.charCodeAt(i))) i++;
  const wordStart = i;
  // An ordinal is a word of a street's name: "W 42nd St", "3rd Avenue".
  while (i < value.length && isDigit(value.charCodeAt(i)) && i - wordStart < 3) i++;
  if (i > wordStart && !(i < value.length && isLetter(value.charCodeAt(i)))) return null;
  const digitsEnd = i;
  while (i < value.length) {
    const c = value.charCodeAt(i);
    if (isLetter(c) || ((c === 39 || c === 0x2019 || c === 45) && i + 1 < value.length && isLetter(value.charCodeAt(i + 1)))) i++;
    else break;
  }
  if (i === wordStart) return null;
  if (i < value.length && (value.charCodeAt(i) === 46 || value.charCodeAt(i) === 47)) i++; // "St.", "c/"
  return word(value, wordStart, i, digitsEnd > wordStart && ORDINAL.test(value.slice(wordStart, i)));
}

/** Words (not numbers) following `from`, up to `max`, stopping at anything else but spaces. */
function wordsAfter(value: string, from: number, max: number): Word[] {
  const words: Word[] = [];
  let at = from;
  while (words.length < max) {
    const word = wordAfter(value, at);
    if (!word) break;
    words.push(word);
    at = word.end;
  }
  return words;
}

// Suffixes by their last letter, so a word is compared with a handful of them, not all.
let suffixesByLast: Map<number, string[]> | undefined;

/** A compound street name: the word ends in a street suffix after a name of three letters or more ("Spring" is not "Sp-ring"). */
function hasSuffix(words: StreetWords, value: string, w: Word): boolean {
  if (!suffixesByLast) {
    suffixesByLast = new Map();
    for (const suffix of words.suffixes) {
      const last = suffix.charCodeAt(suffix.length - 1);
      suffixesByLast.set(last, [...(suffixesByLast.get(last) ?? []), suffix]);
    }
  }
  const end = endsWithDot(value, w) ? w.end - 1 : w.end;
  const candidates = suffixesByLast.get(lowerCode(value.charCodeAt(end - 1)));
  if (!candidates || words.hashes.notStreets.has(w.bare)) return false;
  for (const suffix of candidates) {
    if (end - w.start < suffix.length + 3) continue;
    let k = 0;
    while (k < suffix.length && lowerCode(value.charCodeAt(end - suffix.length + k)) === suffix.charCodeAt(k)) k++;
    if (k === suffix.length) return true;
  }
  return false;
}

const nameLike = (w: Word): boolean => w.capital || w.ordinal || PARTICLES.has(w.hash);

/** End of a house number starting at `start` ("12", "12B", "12-14", "34/2/5", "12 bis"), or -1. */
function houseNumberEnd(value: string, start: number): number {
  let i = start;
  let digits = 0;
  while (i < value.length && isDigit(value.charCodeAt(i))) {
    i++;
    digits++;
  }
  if (digits === 0 || digits > 5) return -1;
  // One letter glued to the number ("221B"), not a word ("12th", "3km").
  if (i < value.length && isLetter(value.charCodeAt(i)) && !(i + 1 < value.length && isLetter(value.charCodeAt(i + 1)))) i++;
  while (i + 1 < value.length && (value.charCodeAt(i) === 47 || value.charCodeAt(i) === 45) && isDigit(value.charCodeAt(i + 1))) {
    i++;
    while (i < value.length && isDigit(value.charCodeAt(i))) i++;
  }
  if (i < value.length && (isDigit(value.charCodeAt(i)) || (value.charCodeAt(i) === 46 && i + 1 < value.length && isDigit(value.charCodeAt(i + 1))))) return -1;
  if (i < value.length && isLetter(value.charCodeAt(i))) return -1;
  // "3 bis", "12 ter": the French and Italian repeat numbers (looked at only after a space and a b, t or q).
  const next = value.charCodeAt(i + 1) | 32;
  if (value.charCodeAt(i) !== 32 || (next !== 98 && next !== 116 && next !== 113)) return i;
  const repeat = /^ (?:bis|ter|quater)\b/i.exec(value.slice(i, i + 8));
  return repeat ? i + repeat[0].length : i;
}

// Postcodes of the countries above: 4–5 digits, "110 00", "00-950", "1100-148", "1234 AB",
// "SW1A 1AA", "K1A 0B1", "D02 X285", or with a country letter ("D-10115", "CH-8001").
const POSTCODE = /^,?\s*(?:[A-Z]{1,2}-)?(?:\d{5}|\d{4}(?:\s?[A-Z]{2}\b|-\d{3})?|\d{3}\s\d{2}|\d{2}-\d{3}|[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}|[A-Z]\d[A-Z]\s\d[A-Z]\d|[A-Z]\d{2}\s[A-Z\d]{4})\s+\p{Lu}/u;

/** A postcode and a locality right after `end` (a year is not a postcode: "Windows 10, 2021 Edition"). */
function postcodeFollows(value: string, end: number): boolean {
  // Cheap first: a comma or a space, then a digit or a capital, as every postcode starts.
  let i = end;
  if (value.charCodeAt(i) === 44) i++;
  if (!isSpace(value.charCodeAt(i))) return false;
  while (isSpace(value.charCodeAt(i))) i++;
  const c = value.charCodeAt(i);
  if (!(isDigit(c) || (c >= 65 && c <= 90))) return false;
  const after = value.slice(end, end + 24);
  return POSTCODE.test(after) && !/^,?\s*(?:19|20)\d\d\s/.test(after);
}

/** Nothing after the house number but the end of the value, a comma, a full stop, a dash or a postcode. */
function addressEnds(value: string, end: number): boolean {
  let i = end;
  while (i < value.length && isSpace(value.charCodeAt(i))) i++;
  if (i === value.length) return true;
  const c = value.charCodeAt(i);
  return c === 44 || c === 59 || c === 46 || c === 45 || c === 0x2013 || c === 41 || postcodeFollows(value, end);
}

/** After a number: is it a measure ("3 km") rather than a house number? */
function unitFollows(value: string, end: number): boolean {
  const next = wordAfter(value, end);
  if (next && next.start <= end + 1 && UNITS.has(next.bare)) return true;
  const c = value.charCodeAt(end);
  const after = value.charCodeAt(end + 1);
  return c === 37 || c === 0x20ac || c === 36 || c === 0xa3 || (c === 32 && (after === 37 || after === 0x20ac));
}

/** The first street address in `value`, from the street's first word to the house number, or null. */
export function findStreetAddress(value: string): string | null {
  const words = streetWords();
  for (let i = 0; i < value.length; i++) {
    if (!isDigit(value.charCodeAt(i))) continue;
    const start = i;
    while (i < value.length && isDigit(value.charCodeAt(i))) i++;
    // A house number stands alone: not glued to a word, a decimal or another number before it.
    const prev = start > 0 ? value.charCodeAt(start - 1) : 32;
    if (isLetter(prev) || prev === 46 || prev === 45 || prev === 43 || prev === 95) continue;
    if (prev === 47 && !(start > 1 && isDigit(value.charCodeAt(start - 2)))) continue;
    const end = houseNumberEnd(value, start);
    if (end < 0) continue;
    const hit = numberFirst(value, start, end, words) ?? (prev !== 47 && !unitFollows(value, end) ? numberLast(value, start, end, words) : null);
    if (hit !== null) return hit;
  }
  return null;
}

// "1428 Elm Street", "12, rue de la Paix": the number, then the street.
function numberFirst(value: string, start: number, end: number, words: StreetWords): string | null {
  let at = end;
  if (value.charCodeAt(at) === 44) at++;
  // The word right after the number decides cheaply: a street type, or the first word of a name.
  const first = wordAfter(value, at);
  const { before, after, afterNumberFirst } = words.hashes;
  if (!first || first.start > at + 2 || !(first.capital || listed(before, first))) return null;
  const following = [first, ...wordsAfter(value, first.end, MAX_NAME_WORDS + 1)];
  if (listed(before, first) && first.end - first.start > 2 && following.slice(1, 4).some((w) => w.capital && !listed(before, w))) {
    const last = following.slice(1).find((w) => w.capital)!;
    return value.slice(start, last.end);
  }
  // Type after one to four capitalised words (or ordinals: "W 42nd Street").
  const nameWord = (w: Word): boolean => w.capital || w.ordinal;
  for (let k = 1; k < following.length; k++) {
    const w = following[k]!;
    if (listed(afterNumberFirst, w) || listed(after, w)) {
      if (!following.slice(0, k).every(nameWord) || !w.capital) return null;
      // The type word is whole ("Drive-Thru" is not a street).
      if (w.end < value.length && value.charCodeAt(w.end) === 45) return null;
      return value.slice(start, afterNumberFirst.has(w.hash) || after.has(w.hash) ? w.end : w.end - 1);
    }
    if (!nameWord(w)) return null;
  }
  return null;
}

// "Via Roma, 43", "Hauptstraße 34", "Berliner Straße 34": the street, then the number.
function numberLast(value: string, start: number, end: number, words: StreetWords): string | null {
  let at = start;
  while (at > 0 && isSpace(value.charCodeAt(at - 1))) at--;
  if (at > 0 && value.charCodeAt(at - 1) === 44) at--;
  if (at === start && start > 0) return null;
  const nearest = wordBefore(value, at);
  if (!nearest) return null;
  const { before, after } = words.hashes;
  // Compound: "Hauptstraße 34", "Gamle Kongevej 1".
  if (nearest.capital && hasSuffix(words, value, nearest)) return value.slice(nearest.start, end);
  // Separate type word after a name: "Berliner Straße 34", "Andrássy út 12".
  if (listed(after, nearest)) {
    const name = wordBefore(value, nearest.start);
    if (name && name.capital && !listed(before, name)) return value.slice(name.start, end);
  }
  // Type word before the name: "Via Roma, 43", "Calle de Alcalá 23", "ul. Długa 5".
  let w: Word | null = nearest;
  let sawName = false;
  for (let k = 0; k <= MAX_NAME_WORDS && w; k++) {
    // A type word in lower case ("via Garibaldi 7", "náměstí Míru 15") is also an ordinary word
    // ("sent via Amazon 2 days"): then the number must end the address (end, comma, postcode).
    if (sawName && listed(before, w) && (w.capital || endsWithMark(value, w) || addressEnds(value, end))) return value.slice(w.start, end);
    if (!nameLike(w)) break;
    if (w.capital) sawName = true;
    w = wordBefore(value, w.start);
  }
  // A name and number followed by a postcode and a locality: "Národní 1009/3, 110 00 Praha 1".
  if (nearest.capital && postcodeFollows(value, end)) return value.slice(nearest.start, end);
  return null;
}
