/**
 * The column classifier: a column whose name, title, description or database comment says it holds
 * a person's name, e-mail, phone, address, date of birth, national or passport number, licence
 * plate, patient or employee identifier, precise location or network identifier. Such a column is
 * published only with a transform or an explicit `scanReviewed` justification (a person checked
 * it): `catalog:check` and the build's approval gate refuse it otherwise, and `catalog:add` drafts
 * it commented out with the reason. Pure (no I/O), so the site, the pipeline and the catalog
 * commands share it. The words cover the languages of the catalog's default countries.
 */

export const personalColumnKinds = {
  'person-name': "a person's name",
  email: 'an e-mail address',
  phone: 'a phone number',
  address: 'a postal or home address',
  'date-of-birth': 'a date of birth',
  'national-id': 'a national identity, social security or tax number',
  passport: 'a passport or identity card number',
  'licence-plate': 'a vehicle licence plate or identification number',
  'patient-id': 'a patient or health insurance identifier',
  'employee-id': 'an employee or staff identifier',
  'precise-location': 'a precise location (coordinates)',
  'network-id': 'an IP address or device identifier',
} as const;

export type PersonalColumnKind = keyof typeof personalColumnKinds;

export interface PersonalColumn {
  kind: PersonalColumnKind;
  /** Plain language: what the column looks like it holds and what said so, e.g. `a phone number (the name "owner_phone")`. */
  reason: string;
}

// People whose name a column holds when it is "<role> name" ("applicant_name", "owner name").
const ROLES =
  'applicant owner contact customer client resident patient employee staff driver complainant caller requester requestor reporter tenant landlord inspector officer person citizen student member author signatory witness victim suspect user holder beneficiary recipient spouse parent guardian child pupil worker volunteer buyer seller donor voter';

/** Each kind's words in column names and titles, matched on whole words after splitting snake_case, camelCase and spaces. */
const NAME_WORDS: Record<PersonalColumnKind, RegExp> = {
  'person-name': new RegExp(
    String.raw`^(?:(?:first|last|given|family|full|middle|maiden|sur|fore|nick|birth|user) ?name|surname|forename|vorname|nachname|familienname|pr[ée]nom|nom de famille|cognome|apellidos?|apelido|voornaam|achternaam|fornavn|efternavn|etternavn|f[öo]rnamn|efternamn|etunimi|sukunimi|imi[ęe]|nazwisko|jm[ée]no|p[řr][íi]jmen[íi]|vezet[ée]kn[ée]v|keresztn[ée]v|(?:${ROLES.split(' ').join('|')}) (?:full )?name)$`,
  ),
  email: /^(?:e ?mail(?: address)?|mail address|courriel|correo(?: electr[óo]nico)?|e ?post|s[äa]hk[öo]posti)$/,
  phone:
    /^(?:(?:tele)?phone(?: number| no)?|tel(?:ephone)?(?: no| nr)?|mobile(?: number)?|cell(?: ?phone)?|fax|gsm|handy|telefon(?:nummer)?|t[ée]l[ée]phone|telefono|tel[ée]fono|m[óo]vil|cellulare|telem[óo]vel|telefoon(?:nummer)?|mobiel|puhelin(?:numero)?|tlf|kom[óo]rka|mobilnummer)$/,
  address:
    /^(?:(?:home|street|postal|mailing|residential|billing|shipping|delivery|private|contact) ?address|address(?: line)?(?: \d)?|addr\d?|adresse|anschrift|wohnort|wohnadresse|direcci[óo]n|indirizzo|endere[çc]o|morada|adres|osoite|adresa|c[íi]m|domicile|domicilio|residence)$/,
  'date-of-birth':
    /^(?:dob|d o b|birth ?date|birth ?day|date of birth|born(?: on)?|geburtsdatum|geburtstag|date de naissance|data di nascita|fecha de nacimiento|data de nascimento|geboortedatum|f[øo]dselsdato|f[öo]delsedatum|syntym[äa]aika|data urodzenia|datum narozen[íi]|sz[üu]let[ée]si d[áa]tum)$/,
  'national-id':
    /^(?:ssn|social security(?: number| no)?|sin|social insurance(?: number)?|nino|ni number|national insurance(?: number)?|national id(?: number)?|personal id(?: number)?|personnummer|cpr(?: nr| number)?|f[øo]dselsnummer|henkil[öo]tunnus|hetu|pesel|rodn[ée] [čc][íi]slo|taj(?: sz[áa]m)?|nif|nie|dni|bsn|steuer ?id|tax id|tin|nir|insee|codice fiscale|ahv(?: nr)?|avs|pps(?: number)?|ird(?: number)?|tfn|medicare(?: number)?|sozialversicherungsnummer|svnr)$/,
  passport: /^(?:passport(?: number| no)?|passeport|reisepass|pasaporte|passaporto|paspoort|pass(?: nr| number)|id card(?: number)?|identity card(?: number)?|ausweis(?:nummer)?|carte d identit[ée])$/,
  'licence-plate':
    /^(?:(?:licen[cs]e|number|reg(?:istration)?) ?plate|plate(?: number| no)?|vehicle registration|registration number|vrm|vin|kennzeichen|immatriculation|targa|matr[íi]cula|kenteken|rekisterinumero|rejestracja|spz|rendsz[áa]m)$/,
  'patient-id':
    /^(?:patient ?(?:id|number|no|identifier)|mrn|medical record(?: number)?|nhs(?: number)?|health ?card(?: number)?|health insurance(?: number)?|insurance number|krankenversichertennummer)$/,
  'employee-id': /^(?:(?:employee|staff|personnel|worker|officer|badge) ?(?:id|number|no|nr)|personalnummer|badge|matricule)$/,
  'precise-location': /^(?:lat|latitude|lon|lng|long|longitude|coordinates?|coords|geom|geometry|gps|geo ?location|location point|x coord|y coord|easting|northing|breitengrad|l[äa]ngengrad)$/,
  'network-id': /^(?:ip|ip address|ipaddress|ipv4|ipv6|mac address|device id|cookie(?: id)?|user agent|imei)$/,
};

/** Phrases in a description or database comment that say the column holds personal data. */
const TEXT_PHRASES: [PersonalColumnKind, RegExp][] = [
  ['person-name', new RegExp(String.raw`\b(?:(?:first|last|given|family|full) name|surname|name of the (?:${ROLES.split(' ').join('|')})|(?:${ROLES.split(' ').join('|')})'s name)\b`, 'i')],
  ['email', /\be-?mail address(?:es)?\b/i],
  ['phone', /\b(?:phone|telephone|mobile) numbers?\b/i],
  ['address', /\b(?:home|postal|residential|mailing|street) address(?:es)?\b/i],
  ['date-of-birth', /\b(?:date of birth|birth ?date|birthday)\b/i],
  ['national-id', /\b(?:social security|social insurance|national insurance|national id(?:entity)?|tax identification) numbers?\b/i],
  ['passport', /\b(?:passport|identity card) numbers?\b/i],
  ['licence-plate', /\b(?:licen[cs]e|number) plates?\b/i],
  ['patient-id', /\b(?:patient|medical record) (?:id|identifier|number)s?\b/i],
  ['employee-id', /\b(?:employee|staff|personnel) (?:id|identifier|number)s?\b/i],
  ['network-id', /\bip address(?:es)?\b/i],
];

/** "ownerPhone", "owner_phone", "Owner phone" → "owner phone". */
export function columnWords(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\-.\s/]+/g, ' ')
    .trim()
    .toLowerCase();
}

/** The kind whose words end the name: "owner_phone" is a phone, "phone_type" is not (its last word is "type"). */
function kindOfWords(words: string): PersonalColumnKind | null {
  const parts = words.split(' ');
  // The longest ending first: "date of birth" before "birth"; "owner name" before "name".
  for (let from = 0; from < parts.length; from++) {
    const ending = parts.slice(from).join(' ');
    for (const [kind, re] of Object.entries(NAME_WORDS) as [PersonalColumnKind, RegExp][]) if (re.test(ending)) return kind;
  }
  return null;
}

/**
 * What personal data a column looks like it holds, from its name, its title and its description or
 * database comment; null when none says so.
 */
export function classifyColumn(column: { name: string; title?: string; description?: string | null }): PersonalColumn | null {
  const byName = kindOfWords(columnWords(column.name));
  if (byName) return { kind: byName, reason: `${personalColumnKinds[byName]} (the column name "${column.name}")` };
  if (column.title) {
    const byTitle = kindOfWords(columnWords(column.title));
    if (byTitle) return { kind: byTitle, reason: `${personalColumnKinds[byTitle]} (the title "${column.title}")` };
  }
  if (column.description) {
    for (const [kind, re] of TEXT_PHRASES) {
      const said = re.exec(column.description);
      if (said) return { kind, reason: `${personalColumnKinds[kind]} (the description says "${said[0]}")` };
    }
  }
  return null;
}
