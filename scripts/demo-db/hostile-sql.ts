import { literal } from './sql-helpers.ts';

/**
 * A small hostile fixture for the privacy and output-safety tests: free text hiding personal data,
 * spreadsheet formula payloads and HTML payloads, plus a table that must never be read. The planted
 * values are exported so tests assert on the very strings the database holds.
 */

/** Personal data hidden inside otherwise ordinary complaint text (all reserved or fictional values). */
export const HOSTILE_PII = {
  email: 'dana.whitfield@complainant.example',
  phone: '(312) 555-0187',
  ssn: '512-34-7789',
  /** Passes the Luhn check, like a real card number would. */
  card: '4539 1488 0343 6467',
  /** From TEST-NET-3 (RFC 5737), reserved for documentation. */
  ipv4: '203.0.113.45',
  streetAddress: '1428 Elm Street',
} as const;

/** Values a spreadsheet would run as formulas if a CSV cell started with them. */
export const HOSTILE_FORMULAS = ['=HYPERLINK("http://x")', '+1+2', '-2+3', '@SUM(A1)', '\tstarts with a tab'] as const;

/** Markup that must reach readers as text, never as HTML. */
export const HOSTILE_HTML = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>'] as const;

/** A legitimate negative amount in a numeric column: it must stay a number, not be escaped as a formula. */
export const HOSTILE_NEGATIVE = -42;

/** The only value of the unapproved table: finding it in any output proves the table was read. */
export const HOSTILE_SECRET = 'hostile-secret-value-Zv8Q2m';

export const HOSTILE_TABLES = { complaints: 'hostile.complaints', secret: 'hostile.secret_table' } as const;

/** The complaints, in id order: [category, body, adjustment in USD or null]. */
export const HOSTILE_COMPLAINTS: readonly (readonly [string, string, number | null])[] = [
  ['noise', `Music too loud every night. Reach me at ${HOSTILE_PII.email}`, null],
  ['parking', `Call me back on ${HOSTILE_PII.phone} about the blocked driveway`, null],
  ['benefits', `My SSN is ${HOSTILE_PII.ssn}, please fix my account`, null],
  ['billing', `Charged twice to card ${HOSTILE_PII.card}`, 18.5],
  ['website', `The form failed twice from IP ${HOSTILE_PII.ipv4}`, null],
  ['trash', `Bins not collected outside ${HOSTILE_PII.streetAddress} for two weeks`, null],
  ...HOSTILE_FORMULAS.map((payload) => ['other', payload, null] as const),
  ...HOSTILE_HTML.map((payload) => ['website', payload, null] as const),
  ['billing', 'Late fee refunded after review', HOSTILE_NEGATIVE],
  ['parks', 'The swings in Cedar Park are broken', 0],
  ['parks', 'Thanks for fixing the fountain so quickly', null],
];

export function hostileDatabaseSql(): string[] {
  const rows = HOSTILE_COMPLAINTS.map(([category, body, adjustment], index) => `(${index + 1}, ${literal(category)}, ${literal(body)}, ${adjustment ?? 'NULL'})`);
  return [
    `CREATE SCHEMA hostile`,
    // numeric without a scale, so -42 is stored and printed as "-42" exactly.
    `CREATE TABLE hostile.complaints (id integer PRIMARY KEY, category text NOT NULL, body text NOT NULL, adjustment numeric)`,
    `INSERT INTO hostile.complaints (id, category, body, adjustment) VALUES\n${rows.join(',\n')}`,
    `COMMENT ON TABLE hostile.complaints IS 'Complaints typed by the public: free text that can hold anything.'`,
    `COMMENT ON COLUMN hostile.complaints.body IS 'The complaint as written by the person making it.'`,
    `COMMENT ON COLUMN hostile.complaints.adjustment IS 'Fee adjustment in US dollars; negative for refunds.'`,
    `CREATE TABLE hostile.secret_table (id integer PRIMARY KEY, secret text NOT NULL)`,
    `INSERT INTO hostile.secret_table (id, secret) VALUES (1, ${literal(HOSTILE_SECRET)})`,
    `COMMENT ON TABLE hostile.secret_table IS 'Not approved for publication.'`,
  ];
}
