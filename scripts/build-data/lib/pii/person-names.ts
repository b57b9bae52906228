import { nameWords, streetWords, wordHash, type NameWords } from '../../../../src/shared/pii-words.ts';

/**
 * A person's name in free text: a given name followed by a surname ("Maria Schmidt", "JEAN
 * DUPONT", "Anna van der Berg"), a surname, a comma and a given name ("Schmidt, Maria"), or a
 * courtesy title and a surname ("Mrs. Schmidt", "Herr Müller"), each word checked against the
 * multilingual name lists in `src/shared/pii-words/` (given names and surnames, one file per
 * language). Capitalised pairs alone are not enough: both words must be names of the right kind.
 *
 * Names are also words and places, so a pair is not a person when it names a place or a thing:
 * followed by a street type or a landmark word ("Grace Church", "Victoria Park", "Albert Hall"),
 * or after a word that makes it a place ("St. Paul", "Mount Pleasant", "Lake Louise").
 */

// Words after a name that make it a building, place, event or organisation rather than a person.
const PLACE_AFTER = new Set(
  (
    'park hall church chapel cathedral abbey station bridge school college university academy hospital clinic library museum gallery theatre theater ' +
    'centre center stadium arena field fields gardens garden hotel house tower castle palace court square street road avenue lane way drive ' +
    'place bay beach lake river island islands mountain mountains valley falls springs creek airport harbour harbor port pier market mall ' +
    'building estate farm manor lodge memorial monument fountain cemetery day trophy cup prize award foundation institute trust fund ' +
    'company corporation inc ltd llc gmbh ag sa bv co group bank hotel restaurant cafe café bar pub inn shop store studios records ' +
    'kirche schule platz brücke bahnhof krankenhaus gymnasium église école gare hôpital chiesa scuola stazione ospedale iglesia escuela ' +
    'hospital estación igreja escola kerk school station ziekenhuis kirke skole kyrka skola kirkko koulu kościół szkoła kostel škola templom iskola'
  ).split(' '),
);
// Words before a name that make it a place or a saint: "St. Paul", "Mount Vernon", "Port Elizabeth".
const PLACE_BEFORE = new Set(
  'st st. saint sankt san santa santo são sainte ste ste. mount mt mt. lake fort port cape cap glen loch lough lake bad villa hotel the der die das le la el il lo los las'.split(' '),
);
const TITLES = new Set('mr mr. mrs mrs. ms ms. miss dr dr. herr frau mme mme. mlle monsieur madame m. sig. sig sig.ra signor signora sr. sra. señor señora sr sra pan pani hr. fr. fru'.split(' '));
const PARTICLES = new Set("de da di del della van von der den ten ter le la du dos das do mac mc o’ o' af zu".split(' '));

// Titles are matched with and without their dot ("Mrs", "Mrs."), the first pass reads words without it.
const TITLE_HASHES = new Set([...TITLES].map((t) => t.replace(/\.$/, '')).map((t) => wordHash(t, 0, t.length)));
const PARTICLE_HASHES = new Set([...PARTICLES].map((p) => wordHash(p, 0, p.length)));

interface Token {
  start: number;
  end: number;
  text: string;
  lower: string;
}

const isSpace = (c: number): boolean => c === 32 || c === 0xa0 || c === 9;
function isLetter(c: number): boolean {
  if (c < 128) return (c | 32) >= 97 && (c | 32) <= 122;
  return c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && !(c >= 0x2000 && c <= 0x206f);
}
function isUpper(ch: string): boolean {
  return ch !== ch.toLowerCase();
}

/** Capitalised ("Maria") or all capitals ("MARIA") and at least two letters. */
function nameCase(text: string): 'title' | 'upper' | null {
  if (text.length < 2 || !isUpper(text[0]!)) return null;
  const rest = text.slice(1);
  if (rest === rest.toLowerCase()) return 'title';
  if (rest === rest.toUpperCase()) return 'upper';
  // "McDonald", "O'Brien", "DiCaprio", "Jean-Luc": one more capital inside.
  return /^\p{Lu}\p{Ll}*(?:['’-]?\p{Lu}\p{Ll}+)+$/u.test(text) ? 'title' : null;
}

/** The words of `value` with their positions (letters, apostrophes, hyphens and a trailing dot). */
function tokens(value: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < value.length) {
    if (!isLetter(value.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < value.length) {
      const c = value.charCodeAt(i);
      if (isLetter(c) || ((c === 39 || c === 0x2019 || c === 45) && i + 1 < value.length && isLetter(value.charCodeAt(i + 1)))) i++;
      else break;
    }
    let end = i;
    if (i < value.length && value.charCodeAt(i) === 46) end = i + 1; // "Dr.", "St."
    const text = value.slice(start, end);
    out.push({ start, end, text, lower: text.toLowerCase() });
    i = end;
  }
  return out;
}

/** Only spaces (or one comma and spaces when `comma`) between two tokens. */
function adjacent(value: string, a: Token, b: Token, comma = false): boolean {
  let seenComma = false;
  for (let i = a.end; i < b.start; i++) {
    const c = value.charCodeAt(i);
    if (c === 44 && comma && !seenComma) seenComma = true;
    else if (!isSpace(c)) return false;
  }
  return b.start > a.end && (!comma || seenComma);
}

/**
 * A value is read further only when it has a given name before a surname or a particle ("Maria
 * Schmidt", "Anna van …"), a surname, a comma and a given name, or a courtesy title: one pass, and
 * look-ups only for capitalised words followed by a word. Nearly every value stops here; the
 * tokens and the place rules run on the rest.
 */
function mayHoldName(value: string, names: NameWords, from: number): boolean {
  const { givenHashes, surnameHashes } = names;
  const n = value.length;
  let i = from;
  while (i < n) {
    const c = value.charCodeAt(i);
    if (!isLetter(c)) {
      i++;
      continue;
    }
    const start = i;
    const capital = c < 128 ? c >= 65 && c <= 90 : isUpper(value[i]!);
    while (i < n) {
      const d = value.charCodeAt(i);
      if (isLetter(d) || ((d === 39 || d === 0x2019 || d === 45) && i + 1 < n && isLetter(value.charCodeAt(i + 1)))) i++;
      else break;
    }
    if (!capital || i - start < 2) continue;
    let j = i;
    if (j < n && value.charCodeAt(j) === 46) j++;
    const comma = j < n && value.charCodeAt(j) === 44;
    if (comma) j++;
    if (!(j < n && isSpace(value.charCodeAt(j)))) continue;
    while (j < n && isSpace(value.charCodeAt(j))) j++;
    const next = j;
    while (j < n && (isLetter(value.charCodeAt(j)) || value.charCodeAt(j) === 39 || value.charCodeAt(j) === 0x2019 || value.charCodeAt(j) === 45)) j++;
    if (j - next < 2) continue;
    // A name's next word starts with a capital, or is a short particle ("van", "de", "von").
    const nextCapital = isUpper(value[next]!);
    if (!nextCapital && j - next > 3) continue;
    const word = wordHash(value, start, i);
    if (TITLE_HASHES.has(word)) return true;
    const following = wordHash(value, next, j);
    if (!comma && givenHashes.has(word) && (surnameHashes.has(following) || PARTICLE_HASHES.has(following))) return true;
    if (comma && surnameHashes.has(word) && givenHashes.has(following)) return true;
  }
  return false;
}

// The shape every hit has: a capitalised word (or a title with its dot, or a surname with its
// comma), spaces, then a capital or a lower-case particle. One native regex turns most values away
// before any word is looked up. Latin script only: the name lists are Latin (Ā-ſ mixes capitals
// and small letters, which only lets a few more values through).
const NAME_SHAPE = /[A-ZÀ-ÖØ-ÞĀ-ſ][A-Za-zÀ-ÖØ-öø-ɏ'’-]*\.?,?[ \u00A0\t]+(?:[A-ZÀ-ÖØ-ÞĀ-ſ]|(?:van|von|de|da|di|del|della|der|den|du|la|le|ter|ten|zu|af|dos|das|do|mac|mc)[ \u00A0])/;

/** The first person's name in `value`, or null. */
export function findPersonName(value: string): string | null {
  // Every hit has a space (or a no-break space or tab) between its words: most codes and labels have none.
  if (value.indexOf(' ') < 0 && value.indexOf('\u00a0') < 0 && value.indexOf('\t') < 0) return null;
  const shape = NAME_SHAPE.exec(value);
  if (shape === null) return null;
  const names = nameWords();
  // Nothing before the first name-shaped pair can start a hit.
  if (!mayHoldName(value, names, shape.index)) return null;
  const { given, surnames } = names;
  const streets = streetWords();
  const words = tokens(value);
  const placeAfter = (k: number): boolean => {
    const next = words[k];
    return next !== undefined && (PLACE_AFTER.has(next.lower) || streets.afterNumberFirst.has(next.lower) || streets.after.has(next.lower));
  };
  const placeBefore = (k: number): boolean => k >= 0 && (PLACE_BEFORE.has(words[k]!.lower) || streets.before.has(words[k]!.lower));
  for (let k = 0; k + 1 < words.length; k++) {
    const first = words[k]!;
    const firstCase = nameCase(first.text);
    // Courtesy title and surname: "Mrs. Schmidt", "Herr Müller".
    // Capitalised, as every hit's words are (the byte prefilter in row-measures.ts counts on it).
    if (TITLES.has(first.lower) && nameCase(first.text.replace(/\.$/, '')) !== null) {
      const next = words[k + 1]!;
      if (adjacent(value, first, next) && nameCase(next.text) && surnames.has(next.lower) && !placeAfter(k + 2)) return value.slice(first.start, next.end);
      continue;
    }
    if (!firstCase || first.text.endsWith('.')) continue;
    // Given name, particles, surname: "Maria Schmidt", "Anna van der Berg", "JEAN DUPONT".
    if (given.has(first.lower) && !placeBefore(k - 1) && !PLACE_BEFORE.has(first.lower)) {
      let j = k + 1;
      while (j < words.length && j <= k + 3 && PARTICLES.has(words[j]!.lower) && adjacent(value, words[j - 1]!, words[j]!)) j++;
      const last = words[j];
      if (last && adjacent(value, words[j - 1]!, last) && nameCase(last.text) === firstCase && !last.text.endsWith('.') && surnames.has(last.lower) && !placeAfter(j + 1)) {
        return value.slice(first.start, last.end);
      }
    }
    // Surname, given name: "Schmidt, Maria".
    const second = words[k + 1]!;
    if (surnames.has(first.lower) && adjacent(value, first, second, true) && nameCase(second.text) === firstCase && given.has(second.lower) && !placeBefore(k - 1) && !placeAfter(k + 2)) {
      return value.slice(first.start, second.end);
    }
  }
  return null;
}
