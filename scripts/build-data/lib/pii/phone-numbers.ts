import { createRequire } from 'node:module';
import { getCountries, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { siteConfig } from '../../../../src/site.config.ts';

/**
 * Phone numbers, validated against the numbering plans of libphonenumber-js (a port of Google's
 * libphonenumber, with its "max" metadata: the number ranges each country actually assigns, not
 * only lengths). A cheap pattern finds candidates (digit groups with the separators people write:
 * spaces, dots, dashes, slashes, an area code or "(0)" in parentheses); only candidates reach the
 * library, so ordinary values cost one regex at most.
 *
 * - International form ("+49 30 1234567", "0049 …", "+43 (0)1 …", "+43 01 …" with the trunk 0
 *   kept by mistake) is checked against every country's plan.
 * - National form ("030 1234567", "06 12 34 56 78", "(312) 555-0187") is checked against the
 *   plans of the countries the site declares (`countries` in src/site.config.ts).
 * - Bare digit runs ("3110042817") are ids far more often than phone numbers: a national number
 *   needs at least one separator. Dates, year ranges and amounts ("1 234 567 €") are not candidates.
 */

// A run of digits, separators and parentheses, starting at a '+', '(' or digit that is not glued
// to a word, a decimal point or another number, and ending at a digit or ')'.
const CANDIDATE = /(?<![\w+.,:/\\-])(?:\+|\(\+?)?\d[\d \u00A0()./-]*[\d)]/g;
// Where one candidate run holds two numbers: " / " (also the German "089 / 12 34 56", tried whole first) or two separators.
const SPLIT = /\s[/|]\s|[ \u00A0./-]{2,}/;
const DATE = /^(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{2}|\d{4})|\d{4}[./-]\d{1,2}[./-]\d{1,2})$/;
// Shapes that are something else: a date (with a time after it), a decimal number, a US ZIP+4
// code, a US Social Security number (its own detector reports it), an IPv4 address or network
// ("192.168.0.0/24", its own detector's business), two groups
// joined by a slash without a trunk 0 (references: "2016/679", "110/2019").
const NOT_PHONE = /^(?:\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?$|[1-9]\d*\/\d+$|(?:\d{4}[./-]\d{1,2}[./-]\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{4})(?!\d)|\d+\.\d+$|\d{5}-\d{4}$|\d{3}-\d{2}-\d{4}$)/;
const YEAR_RANGE = /^(?:1[89]|20)\d\d ?[-/] ?(?:(?:1[89]|20)\d\d|\d\d)$/;
// A currency or unit right before or after makes a number an amount or a measurement.
const UNIT_AFTER =
  /^\s?(?:€|\$|£|¥|%|‰|kr\b|kč|zł|ft\b|eur\b|usd\b|gbp\b|chf\b|dkk\b|sek\b|nok\b|pln\b|czk\b|huf\b|aud\b|nzd\b|cad\b|km\b|m\b|m²|m2\b|cm\b|mm\b|kg\b|g\b|t\b|l\b|ha\b|kwh\b|mwh\b|gwh\b|kw\b|mw\b|people\b|inhabitants\b|residents\b|einwohner\b|habitants\b)/i;
const UNIT_BEFORE = /(?:€|\$|£|¥|eur|usd|gbp|chf)\s?$/i;
// A code's own name right before the digits makes them that code ("SKU 4006381 333931", "Order
// 12 345 678"), unless a phone word comes first ("Tel. Nr. 030 1234567").
const CODE_BEFORE =
  /(?:^|[^\p{L}])(?:isbn(?:-1[03])?|issn|ean|gtin|upc|sku|doi|art(?:ikel)?\.?-?nr|order|invoice|ref|reference|no|nr|n°|nº|id|case|file|permit|parcel|lot|account|batch|serial|model|item|code|budget|total|population)\.?:?\s?#?\s?$/iu;
const PHONE_WORD = /(?:tel|phone|fon|mobil|mobile|cell|handy|fax|gsm|puh|tlf|telefon|téléphone|telefone|telefono|teléfono|call|ring|rufen|appeler)/i;
// Thousands grouping: 1–3 digits, then groups of exactly three ("45 678 901", "12.500.000"). Only
// nine digits in three threes is also a national phone format (Czechia, Poland, Slovakia).
const THOUSANDS = /^[1-9]\d{0,2}(?:[ \u00A0.]\d{3})+$/;
const THREE_THREES = /^\d{3}([ \u00A0])\d{3}\1\d{3}$/;

const ALL_COUNTRIES = new Set<string>(getCountries());

/** The numbering plans' version (libphonenumber-js updates them with Google's), for the no-change fingerprint. */
export const PHONE_METADATA_VERSION: string = (createRequire(import.meta.url)('libphonenumber-js/package.json') as { version: string }).version;

/** The site's countries, checked against the library (a typo in the config is an error, not a silent gap). */
function declaredCountries(): CountryCode[] {
  const unknown = siteConfig.countries.filter((c) => !ALL_COUNTRIES.has(c));
  if (unknown.length > 0) {
    throw new Error(`src/site.config.ts: countries has ${unknown.map((c) => `"${c}"`).join(', ')}, not ISO 3166-1 alpha-2 codes with a numbering plan; use codes such as "DE", "FR", "US"`);
  }
  return siteConfig.countries as CountryCode[];
}

const COUNTRIES = declaredCountries();

function countDigits(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

const isValid = (text: string, country?: CountryCode): boolean => parsePhoneNumberFromString(text, country)?.isValid() === true;

/** An international number, also as written with the trunk prefix kept: "+43 (0)1 …", "+43 01 …". */
function validInternational(candidate: string): boolean {
  const text = candidate.startsWith('00') ? `+${candidate.slice(2)}` : candidate.startsWith('(') ? candidate.replace(/^\(\+?(\d+)\)/, '+$1') : candidate;
  const withoutTrunk = text.replace(/\s?\(0\)\s?/, ' ');
  if (isValid(withoutTrunk)) return true;
  // "+49 030 1234567": a 0 right after the country code's group is a trunk prefix written by habit.
  const kept = /^\+(\d{1,3})[ \u00A0./-]0(\d)/.exec(withoutTrunk);
  return kept !== null && isValid(`+${kept[1]} ${kept[2]}${withoutTrunk.slice(kept[0].length)}`);
}

function validNational(candidate: string): boolean {
  for (const country of COUNTRIES) if (isValid(candidate, country)) return true;
  return false;
}

function isPhone(candidate: string, value: string, start: number): boolean {
  const digits = countDigits(candidate);
  const plus = candidate.startsWith('+') || candidate.startsWith('(+');
  const international = plus || candidate.startsWith('00');
  if (digits < 7 || digits > (international ? 17 : 15)) return false;
  // Without a '+', a number is written in groups ("030 1234567", "(02) 9876 5432"): a bare run of
  // digits, "0049301234567" included, is an id far more often.
  if (!plus && !/\d\D+\d/.test(candidate)) return false;
  if (DATE.test(candidate) || YEAR_RANGE.test(candidate) || NOT_PHONE.test(candidate)) return false;
  if (international) return (plus || digits >= 10) && validInternational(candidate);
  // "601 123 456" is a Czech or Polish mobile number and an amount: a unit or a currency decides.
  const end = start + candidate.length;
  // Glued to a word after it ("57453956-3219-f00d-…", a UUID): part of an id.
  if (/^[-./]?[\p{L}\p{N}_]/u.test(value.slice(end, end + 2))) return false;
  if (UNIT_AFTER.test(value.slice(end, end + 14)) || UNIT_BEFORE.test(value.slice(Math.max(0, start - 10), start))) return false;
  if (THOUSANDS.test(candidate) && !THREE_THREES.test(candidate)) return false;
  const before = value.slice(Math.max(0, start - 24), start);
  if (CODE_BEFORE.test(before) && !PHONE_WORD.test(before)) return false;
  return validNational(candidate);
}

/**
 * Digits at `start`–`end` of `value` that are an amount, a measure or a code by their context: a
 * currency or unit right after or before ("632 976 346 Kč", "€ 12"), or a code's name right before
 * ("Art.-Nr. 113 495 022", "Order 104 613 864"). Used by the number-shaped detectors.
 */
export function amountOrCode(value: string, start: number, end: number): boolean {
  if (UNIT_AFTER.test(value.slice(end, end + 14)) || UNIT_BEFORE.test(value.slice(Math.max(0, start - 10), start))) return true;
  const before = value.slice(Math.max(0, start - 24), start);
  return CODE_BEFORE.test(before) && !PHONE_WORD.test(before);
}

/** The first phone number in `value`, as written, or null. */
export function findPhoneNumber(value: string): string | null {
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(value); m !== null; m = CANDIDATE.exec(value)) {
    let text = m[0];
    // An unmatched ")" at the end belongs to the prose: "(call 030 1234567)".
    if (text.endsWith(')') && text.split('(').length !== text.split(')').length) text = text.replace(/\)+$/, '');
    let offset = m.index;
    const joined = text.replace(/ \/ /g, ' ');
    if (joined !== text && isPhone(joined, value, m.index)) return text;
    for (const piece of text.split(SPLIT)) {
      const at = value.indexOf(piece, offset);
      offset = at + piece.length;
      const trimmed = piece.replace(/^[\s./-]+|[\s./-]+$/g, '');
      if (trimmed.length >= 7 && isPhone(trimmed, value, at + piece.indexOf(trimmed))) return trimmed;
    }
  }
  return null;
}
