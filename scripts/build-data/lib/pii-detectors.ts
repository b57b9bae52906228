import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { isIPv6 } from 'node:net';
import { piiDetectorIds, piiDetectorLabels, type PiiDetectorId } from '../../../src/schemas/pii.ts';
import { piiWordsDigest } from '../../../src/shared/pii-words.ts';
import { siteConfig } from '../../../src/site.config.ts';
import { findPersonName } from './pii/person-names.ts';
import { amountOrCode, findPhoneNumber, PHONE_METADATA_VERSION } from './pii/phone-numbers.ts';
import { findStreetAddress } from './pii/street-addresses.ts';

/**
 * Detectors for personal data in published text values. They run on every text value of every
 * table, so each one is a regex compiled once plus, where a standard defines one, a checksum, and
 * `detectPii` first reads the value once, character by character, and runs a detector's regex only
 * when the value has what every hit of that detector needs (see `Gate`): on ordinary text no regex runs.
 * They aim at few false positives on ordinary open data: bare digit runs are not phone numbers
 * (they are ids far more often), dates, times, coordinates and amounts never match. Phone numbers,
 * street addresses and names have modules of their own in `pii/` (numbering plans, word lists).
 */

/**
 * The detectors' version: change it whenever a detector finds more or fewer values than before (a
 * new pattern, a stricter check). The no-change fingerprint includes it with `piiDetectorIds`
 * (steps/fingerprint.ts, via OUTPUT_VERSION and `piiScannerIdentity`), so a refresh after a change
 * here re-reads and re-scans every approved table, including those already published.
 * The word lists' contents and the detectors' source are hashed into the fingerprint too
 * (`piiScannerIdentity`), so an edited list or pattern re-scans even when nobody bumps this.
 */
export const PII_DETECTORS_VERSION = 'pii/2: libphonenumber plans, streets in 14 languages, person names';

/**
 * Everything that decides what the scan finds, as one string for the no-change fingerprint: the
 * version above, the detector ids, the word lists' digest, the countries whose national phone
 * formats are read and the numbering-plan metadata's version. Any of them changing means a table
 * read under the old scanner must be read again.
 */
export function piiScannerIdentity(): string {
  return JSON.stringify([PII_DETECTORS_VERSION, piiDetectorIds, piiWordsDigest(), detectorSourceDigest(), siteConfig.countries, PHONE_METADATA_VERSION]);
}

/**
 * SHA-256 of the detectors' own source files (this module and `pii/`): a change to a pattern
 * re-scans every approved table even if nobody bumps PII_DETECTORS_VERSION. A change that cannot
 * alter a hit (a comment) costs one full refresh, which is the safe side.
 */
function detectorSourceDigest(): string {
  const hash = createHash('sha256');
  const dir = new URL('./pii/', import.meta.url);
  for (const file of [
    new URL(import.meta.url),
    ...readdirSync(dir)
      .filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts'))
      .sort()
      .map((n) => new URL(n, dir)),
  ]) {
    hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

/** One kind of personal data the snapshot refuses to publish unless a person reviewed the column. */
export interface PiiDetector {
  id: PiiDetectorId;
  /** Plain-language name for messages, without an article: "e-mail address". */
  label: string;
  /** The first substring of `value` that is this kind of personal data, or null. */
  find(value: string): string | null;
}

/** One detector that hit a value, with the substring it matched (mask it before printing). */
export interface PiiHit {
  detector: PiiDetectorId;
  match: string;
}

/**
 * What `detectPii`'s single pass over a value found, one bit each. Every bit is a condition that
 * every hit of some detector satisfies, argued from its regex beside the regex; a detector whose
 * gate bits are all clear cannot hit, so its regex is not run. Over-approximating is safe (the
 * regex decides); a bit that could be clear on a value a detector hits would lose hits, which is
 * what the equivalence test in pii-detectors.test.ts hunts for.
 */
const Gate = {
  email: 1 << 0,
  phone: 1 << 1,
  /** Shared by us-ssn and ca-sin: nine digits in three groups or in one run. */
  nineDigits: 1 << 2,
  nino: 1 << 3,
  iban: 1 << 4,
  card: 1 << 5,
  ipv4: 1 << 6,
  ipv6: 1 << 7,
  street: 1 << 8,
} as const;

interface Detector extends PiiDetector {
  /** `Gate` bits: the detector runs when at least one of them is set for the value. */
  gate: number;
  /** `find`, told the value's gate bits (ip-address uses them to skip one of its two regexes). */
  scan?: (value: string, gates: number) => string | null;
}

// Runs `re` (global) over `value` and returns the first candidate that `accept` keeps. Regexes are
// shared, module-level and synchronous, so resetting lastIndex here is enough.
function firstAccepted(re: RegExp, value: string, accept: (m: RegExpExecArray) => string | null): string | null {
  re.lastIndex = 0;
  for (let m = re.exec(value); m !== null; m = re.exec(value)) {
    const hit = accept(m);
    if (hit !== null) return hit;
  }
  return null;
}

// After a keyword ("SSN: 512347789") an SSN or SIN match reports the number alone: group 2.
const numberOf = (m: RegExpExecArray): string => m[2] ?? m[0];

function countDigits(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) n++;
  return n;
}

/** Luhn mod-10 check over the digits of `s`, ignoring separators: https://en.wikipedia.org/wiki/Luhn_algorithm */
function luhnValid(s: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = s.length - 1; i >= 0; i--) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) continue;
    sum += double ? (d > 4 ? d * 2 - 9 : d * 2) : d;
    double = !double;
  }
  return sum % 10 === 0;
}

// Local part starts at the start of its run (the lookbehind keeps the scan linear on long text).
const EMAIL = /(?<![\w.%+-])[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])/;

// SSA rules, https://www.ssa.gov/employer/randomization.html : area not 000, 666 or 9xx, group not
// 00, serial not 0000. One separator used throughout; nine bare digits only after "SSN".
const SSN = new RegExp(
  String.raw`(?<![\w-])(?!000|666|9)\d{3}([- ])(?!00)\d{2}\1(?!0000)\d{4}(?![\w-])` + String.raw`|\b(?:ssn|social security(?: number| no)?)\b\W{0,4}((?!000|666|9)\d{3}(?!00)\d{2}(?!0000)\d{4})(?!\d)`,
  'gi',
);

// Three groups of three passing Luhn, https://en.wikipedia.org/wiki/Social_insurance_number .
// First digit 8 is never issued. 0 is "not used except for fictitious numbers", and that fictitious
// example (046 454 286) is the one that ends up in test and demo data, so it is flagged too.
const SIN = new RegExp(String.raw`(?<![\w-])[0-79]\d\d([- ])\d{3}\1\d{3}(?![\w-])|\b(?:sin|social insurance(?: number| no)?)\b\W{0,4}([0-79]\d{8})(?!\d)`, 'gi');
// A Luhn-valid 3-3-3 group is also one amount in ten written with space thousands ("632 976 346
// Kč") and one article number in ten: a currency, unit or code name next to it decides.
const sinOrNull = (m: RegExpExecArray, value: string): string | null => (luhnValid(numberOf(m)) && (m[2] !== undefined || !amountOrCode(value, m.index, m.index + m[0].length)) ? numberOf(m) : null);

// HMRC NIM39110, https://www.gov.uk/hmrc-internal-manuals/national-insurance-manual/nim39110 :
// first letter not D F I Q U V, second not D F I O Q U V, never BG GB KN NK NT TN ZZ, suffix A–D.
// QQ is HMRC's own example prefix ("QQ 12 34 56 C"), which lands in forms and test data: flagged.
// Capitals only: printed NINOs use them, and ignoring case would match words ("at 123456 a").
const NINO = /(?<![A-Za-z0-9])(?:QQ|(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]) ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![A-Za-z0-9])/;

// ISO 13616, https://en.wikipedia.org/wiki/International_Bank_Account_Number#Validating_the_IBAN :
// country, two check digits, BBAN, compact or in groups of four; 15–34 characters; mod 97 = 1. Per-country lengths (SWIFT's IBAN registry) are not
// checked: capitals-and-digits runs this long are rare in open data, and mod 97 keeps 1 in 97 of them.
const IBAN = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])/g;

function ibanValid(s: string): boolean {
  // Move the first four characters to the end, read letters as 10–35, and take the remainder
  // digit by digit so the 30-digit number never needs a BigInt.
  let r = 0;
  let chars = 0;
  for (let k = 4; k < s.length + 4; k++) {
    const c = s.charCodeAt(k < s.length ? k : k - s.length);
    if (c >= 48 && c <= 57) r = (r * 10 + c - 48) % 97;
    else if (c >= 65 && c <= 90) r = (r * 100 + c - 55) % 97;
    else continue;
    chars++;
  }
  return r === 1 && chars >= 15 && chars <= 34;
}

// Card numbers, compact or in groups (4-4-4-4, Amex 4-6-5, …) with one kind of separator. Not
// glued to letters, so digit runs inside hex hashes and UUIDs are not candidates.
const CARD = /(?<![\w.])(?:\d{13,19}|\d{4}([ -])\d{4,6}(?:\1\d{1,6}){1,3})(?!\w)/g;

// Issuer prefixes (IIN ranges) and the lengths each issuer uses, as tabled in
// https://en.wikipedia.org/wiki/Payment_card_number#Issuer_identification_number_(IIN) .
const CARD_ISSUERS = [
  // Visa stopped issuing 13-digit numbers long ago; a 13-digit run is an EAN-13 barcode far more often.
  { iin: '4', lengths: [16, 19] }, // Visa
  { iin: '51-55 2221-2720', lengths: [16] }, // Mastercard
  { iin: '34 37', lengths: [15] }, // American Express
  { iin: '6011 644-649 65', lengths: [16, 17, 18, 19] }, // Discover
  { iin: '62', lengths: [16, 17, 18, 19] }, // UnionPay
  { iin: '3528-3589', lengths: [16, 17, 18, 19] }, // JCB
  { iin: '300-305 36 38-39', lengths: [14, 15, 16, 17, 18, 19] }, // Diners Club
  { iin: '2200-2204', lengths: [16, 17, 18, 19] }, // Mir
  { iin: '5018 5020 5038 5893 6304 6759 6761-6763', lengths: [13, 14, 15, 16, 17, 18, 19] }, // Maestro
].map(({ iin, lengths }) => ({ lengths, ranges: iin.split(' ').map(sixDigitRange) }));

// "51-55" → [510000, 559999]: every prefix compared on its first six digits.
function sixDigitRange(spec: string): readonly [number, number] {
  const [from = '', to = from] = spec.split('-');
  const scale = 10 ** (6 - from.length);
  return [Number(from) * scale, (Number(to) + 1) * scale - 1];
}

function cardOrNull(m: RegExpExecArray): string | null {
  const s = m[0];
  let n = 0;
  let iin = 0;
  for (let i = 0; i < s.length; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) continue;
    if (n < 6) iin = iin * 10 + d;
    n++;
  }
  if (n < 13 || n > 19) return null;
  const issued = CARD_ISSUERS.some(({ ranges, lengths }) => lengths.includes(n) && ranges.some(([lo, hi]) => iin >= lo && iin <= hi));
  return issued && luhnValid(s) ? s : null;
}

// IPv4 dotted quad, each octet 0–255 without leading zeros, not inside a longer dotted number or
// version string ("1.2.3.4.5", "v1.2.3.4"): https://www.rfc-editor.org/rfc/rfc791 .
const OCTET = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`;
const IPV4 = new RegExp(String.raw`(?<![\w.])${OCTET}(?:\.${OCTET}){3}(?!\.?\d)`);
// IPv6 candidates (RFC 4291, https://www.rfc-editor.org/rfc/rfc4291 ): hex groups and at least two
// colons, confirmed by net.isIPv6. A valid address has "::" or at least six colons, so values with
// neither (every time of day) are skipped before the regex runs.
const IPV6 = /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{1,4})?(?![\w:]|\.\w)/g;

const findIpv4 = (value: string): string | null => IPV4.exec(value)?.[0] ?? null;
const findIpv6 = (value: string): string | null => firstAccepted(IPV6, value, (m) => (countDigits(m[0]) > 0 && isIPv6(m[0]) ? m[0] : null));

function findIp(value: string): string | null {
  const v4 = value.includes('.') ? findIpv4(value) : null;
  if (v4 !== null) return v4;
  let colons = 0;
  for (let i = 0; i < value.length && colons < 6; i++) if (value.charCodeAt(i) === 58) colons++;
  if (colons < 6 && !value.includes('::')) return null;
  return findIpv6(value);
}

type DetectorTable = { [K in PiiDetectorId]: Detector & { id: K } };

const detectors: DetectorTable = {
  email: { id: 'email', label: piiDetectorLabels['email'], gate: Gate.email, find: (v) => (v.includes('@') ? (EMAIL.exec(v)?.[0] ?? null) : null) },
  phone: { id: 'phone', label: piiDetectorLabels['phone'], gate: Gate.phone, find: findPhoneNumber },
  'us-ssn': { id: 'us-ssn', label: piiDetectorLabels['us-ssn'], gate: Gate.nineDigits, find: (v) => firstAccepted(SSN, v, numberOf) },
  'ca-sin': { id: 'ca-sin', label: piiDetectorLabels['ca-sin'], gate: Gate.nineDigits, find: (v) => firstAccepted(SIN, v, (m) => sinOrNull(m, v)) },
  'uk-nino': { id: 'uk-nino', label: piiDetectorLabels['uk-nino'], gate: Gate.nino, find: (v) => NINO.exec(v)?.[0] ?? null },
  iban: { id: 'iban', label: piiDetectorLabels['iban'], gate: Gate.iban, find: (v) => firstAccepted(IBAN, v, (m) => (ibanValid(m[0]) ? m[0] : null)) },
  'payment-card': { id: 'payment-card', label: piiDetectorLabels['payment-card'], gate: Gate.card, find: (v) => firstAccepted(CARD, v, cardOrNull) },
  'ip-address': {
    id: 'ip-address',
    label: piiDetectorLabels['ip-address'],
    gate: Gate.ipv4 | Gate.ipv6,
    find: findIp,
    // findIp's own IPv6 condition (six colons or "::", and a digit) is exactly Gate.ipv6.
    scan: (v, gates) => ((gates & Gate.ipv4) !== 0 ? findIpv4(v) : null) ?? ((gates & Gate.ipv6) !== 0 ? findIpv6(v) : null),
  },
  'street-address': { id: 'street-address', label: piiDetectorLabels['street-address'], gate: Gate.street, find: findStreetAddress },
  // Names need no digit: detectPii runs this one outside the digit gates (it has its own first pass).
  'person-name': { id: 'person-name', label: piiDetectorLabels['person-name'], gate: 0, find: findPersonName },
};

/**
 * Every detector, by id. The mapped type makes TypeScript refuse a missing id: add an id to
 * `src/schemas/pii.ts`, and this table will not compile until it has a detector for it.
 */
export const piiDetectors: Record<PiiDetectorId, PiiDetector> = detectors;

// In `piiDetectorIds` order, so hits come out in the order the metadata documents them.
const ordered: readonly Detector[] = piiDetectorIds.map((id) => detectors[id]);
const NO_HITS: readonly PiiHit[] = Object.freeze([]);

/**
 * Every detector that hits `value` (at most one hit each, in `piiDetectorIds` order), leaving out
 * those in `skip`. One pass over the characters sets the `Gate` bits, and only detectors with a
 * bit set run their regex, so ordinary text ("Pothole", "District 17", "REF-012345") runs none. A
 * value with no hit allocates nothing (the shared, frozen empty result is returned), which matters
 * on millions of values.
 */
export function detectPii(value: string, skip?: ReadonlySet<PiiDetectorId>): readonly PiiHit[] {
  const gates = gatesOf(value);
  let hits: PiiHit[] | undefined;
  if (gates !== 0) {
    for (let i = 0; i < ordered.length; i++) {
      const d = ordered[i]!;
      if ((gates & d.gate) === 0 || skip?.has(d.id)) continue;
      const match = d.scan !== undefined ? d.scan(value, gates) : d.find(value);
      if (match !== null) (hits ??= []).push({ detector: d.id, match });
    }
  }
  if (!skip?.has('person-name')) {
    const name = findPersonName(value);
    if (name !== null) (hits ??= []).push({ detector: 'person-name', match: name });
  }
  return hits ?? NO_HITS;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isCapital = (c: number): boolean => c >= 65 && c <= 90;
// What may stand between a street's words and its house number: spaces and a comma.
const isGap = (c: number): boolean => c === 32 || c === 44 || (c >= 9 && c <= 13) || c === 0xa0;
const isLetterCode = (c: number): boolean => ((c | 32) >= 97 && (c | 32) <= 122) || c >= 128;

/**
 * A word beside a digit run, gaps (spaces, a comma) aside: looking back from `at` (step -1) for the
 * end of a street's name or type ("Roma, 43", "St. 5", "c/ 5", "4/12"), or forward from `at` (step
 * 1) for the start of a street's name or a house number's letter ("12 Rue", "221B"). Every street
 * hit has one; called only at the ends of digit runs.
 */
function wordBeside(value: string, at: number, step: 1 | -1): boolean {
  let i = at;
  while (i >= 0 && i < value.length && isGap(value.charCodeAt(i))) i += step;
  if (i < 0 || i >= value.length) return false;
  const c = value.charCodeAt(i);
  return isLetterCode(c) || (step === -1 && (c === 46 || c === 47));
}

/**
 * The `Gate` bits of `value`, from one pass over its UTF-16 code units. Next to each bit, the
 * reason every hit of its detector sets it. "A run" is a maximal run of digits: the separators,
 * lookbehinds and lookaheads of the regexes pin most of their digit groups to whole runs.
 */
function gatesOf(value: string): number {
  // Every gate needs a digit or an '@', and the state below only changes at a digit, '@' or ':' or
  // after one, except for what the two characters before a digit say (a '+', a house number's
  // neighbour, a NINO's or IBAN's capitals). So the pass starts two before the first of those.
  let start = 0;
  for (; start < value.length; start++) {
    const c = value.charCodeAt(start);
    if (c < 65 && ((c >= 48 && c <= 58) || c === 64)) break;
  }
  if (start === value.length) return 0;
  start = start > 2 ? start - 2 : 0;

  let digits = 0;
  let runs = 0;
  let run = 0; // length of the current run
  let longest = 0;
  let lengths = 0; // bit n set: a run of exactly n digits (n < 31)
  let digitDots = 0; // '.' with a digit on both sides
  let lastDot = -2; // index of the last '.' right after a digit
  let colons = 0;
  let doubleColon = false;
  let at = false;
  let dotAfterAt = false;
  let plusDigit = false; // '+' then 1–9
  let pairEnd = -3; // index of the second of the last two adjacent capitals
  let nino = false;
  let iban = false;
  // The street detector starts from a house number with a word next to it, gaps aside.
  let streetNear = false;
  let prev = start > 0 ? value.charCodeAt(start - 1) : 0;
  for (let i = start; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      digits++;
      if (run === 0) {
        runs++;
        if (lastDot === i - 1) digitDots++;
        if (prev === 43 && c !== 48) plusDigit = true;
        // NINO: two capitals, an optional space, then the digits.
        if (pairEnd === i - 1 || (pairEnd === i - 2 && prev === 32)) nino = true;
        if (!streetNear && wordBeside(value, i - 1, -1)) streetNear = true;
      } else {
        // IBAN: two capitals, then two digits.
        if (run === 1 && pairEnd === i - 2) iban = true;
      }
      run++;
      if (run > longest) longest = run;
      prev = c;
      continue;
    }
    if (run !== 0) {
      lengths |= 1 << (run < 31 ? run : 31);
      run = 0;
      if (!streetNear && wordBeside(value, i, 1)) streetNear = true;
    }
    if (c >= 97 && c <= 122) {
      // a letter: nothing else to note
    } else if (c >= 65 && c <= 90) {
      if (isCapital(prev)) pairEnd = i;
    } else if (c < 128) {
      if (c === 46) {
        if (isDigit(prev)) lastDot = i;
        if (at) dotAfterAt = true;
      } else if (c === 58) {
        colons++;
        if (prev === 58) doubleColon = true;
      } else if (c === 64) at = true;
    }
    prev = c;
  }
  if (run !== 0) lengths |= 1 << (run < 31 ? run : 31);
  const has3 = (lengths & (1 << 3)) !== 0;
  const has4 = (lengths & (1 << 4)) !== 0;

  let gates = 0;
  // EMAIL: '@', then the domain's '.' before its last label.
  if (dotAfterAt) gates |= Gate.email;
  // PHONE (pii/phone-numbers.ts): at least 7 digits, and a '+' before one or two runs at least
  // (a national number is written with a separator; bare runs are ids).
  if (digits >= 7 && (plusDigit || runs >= 2)) gates |= Gate.phone;
  // SSN and SIN: nine digits, either grouped with the first group a run of 3 (lookbehind,
  // separator) or, after the keyword, nine in a row.
  if (digits >= 9 && (has3 || longest >= 9)) gates |= Gate.nineDigits;
  // NINO: six digits after the two capitals.
  if (nino && digits >= 6) gates |= Gate.nino;
  if (iban) gates |= Gate.iban;
  // CARD: 13–19 digits (cardOrNull), in one run or grouped with the first group a run of 4.
  if (digits >= 13 && (longest >= 13 || has4)) gates |= Gate.card;
  // IPV4: three dots, each between two digits.
  if (digitDots >= 3) gates |= Gate.ipv4;
  // IPV6: findIp's own condition, plus the digit its acceptance test requires.
  if (digits > 0 && (colons >= 6 || doubleColon)) gates |= Gate.ipv6;
  // STREET (pii/street-addresses.ts): a house number with a word before or after it, gaps aside.
  if (streetNear) gates |= Gate.street;
  return gates;
}

const ALNUM = /[\p{L}\p{N}]/u;

/**
 * A match made safe for a CI log: separators and punctuation stay, the first letter or digit
 * stays, every other one becomes '*', except the last two when there are more than eight
 * (enough to tell two hits apart, too little to rebuild the value). "512-34-7789" → "5**-**-**89".
 */
export function maskExample(match: string): string {
  let total = 0;
  for (const ch of match) if (ALNUM.test(ch)) total++;
  const keepFrom = total > 8 ? total - 2 : total;
  let seen = 0;
  let out = '';
  for (const ch of match) {
    const alnum = ALNUM.test(ch);
    out += !alnum || seen === 0 || seen >= keepFrom ? ch : '*';
    if (alnum) seen++;
  }
  return out;
}
