/**
 * Canaries for the privacy tests. The demo database plants these strings only in data that must
 * never be published (the personal columns of the 311 table and the HR table), and nowhere in a
 * published column or in metadata, so finding one anywhere in data-snapshots/ or dist/ proves a leak.
 * The table generators import the values from here, so the tests and the data cannot drift apart.
 */

/** Domain of every 311 requester's e-mail address. */
export const REQUESTER_EMAIL_DOMAIN = 'requester-mail.example';
/** Prefix of every 311 requester's phone number (555-01xx is reserved for fiction). */
export const REQUESTER_PHONE_PREFIX = '(555) 010-';
/** A surname given only to 311 requesters (a few percent of them). */
export const REQUESTER_SURNAME = 'Quillfeather';
/** A surname given only to city employees in the HR table. */
export const STAFF_SURNAME = 'Marblethorpe';
/** A street that exists only in employees' home addresses. */
export const STAFF_HOME_STREET = 'Wrenfield Hollow';

/** A surname given only to patients in the EMS calls table (never published). */
export const EMS_PATIENT_SURNAME = 'Thistlewood';
/** Prefix of the call-back numbers in EMS dispatch notes, which the redact transform removes. */
export const EMS_CALLBACK_PREFIX = '(555) 014-';
/** Text only in sealed EMS records, which the row filter leaves out. */
export const EMS_SEALED_MARKER = 'protected-person-Kq4v';
/** Prefix of every restaurant inspector's badge id, which the hash transform replaces by a pseudonym. */
export const INSPECTOR_BADGE_PREFIX = 'badge-RIV-';

export const SECRET_MARKERS: readonly string[] = [
  `@${REQUESTER_EMAIL_DOMAIN}`,
  REQUESTER_PHONE_PREFIX,
  REQUESTER_SURNAME,
  STAFF_SURNAME,
  STAFF_HOME_STREET,
  EMS_PATIENT_SURNAME,
  EMS_CALLBACK_PREFIX,
  EMS_SEALED_MARKER,
  INSPECTOR_BADGE_PREFIX,
];

/**
 * Columns of approved tables that hold personal data and are left out of the field dictionary.
 * `table` is schema-qualified, as in UNAPPROVED_TABLES. Their names must not appear in the site either.
 */
export const UNPUBLISHED_COLUMNS: readonly { table: string; column: string }[] = [
  { table: 'public_works.service_requests', column: 'requester_name' },
  { table: 'public_works.service_requests', column: 'requester_email' },
  { table: 'public_works.service_requests', column: 'requester_phone' },
  { table: 'health.ems_calls', column: 'patient_name' },
];

/** Tables whose metadata is not approved: the snapshot must not read them at all. Schema-qualified. */
export const UNAPPROVED_TABLES: readonly string[] = ['hr.staff_records'];

/**
 * Published columns whose markers only a declared transform removes (redact, hash), plus the
 * sealed rows the row filter leaves out: the canaries that prove the transforms run.
 */
export const TRANSFORMED_COLUMNS: readonly { table: string; column: string }[] = [
  { table: 'health.ems_calls', column: 'dispatch_note' },
  { table: 'health.restaurant_inspections', column: 'inspector_badge' },
];

/** Markup typed into the 311 web form (request 1): pages must show it as text, never run it. */
export const DEMO_HTML_PAYLOAD = 'Sinkhole <b>opening</b> by the school crossing <script>alert("311")</script>';
/** Text a spreadsheet would run as a formula (request 2): the CSV must neutralise it. */
export const DEMO_FORMULA_PAYLOAD = '@RivertonCrew tag sprayed on the bus shelter';
