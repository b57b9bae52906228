import { describe, expect, it } from 'vitest';
import { piiDetectorIds, type PiiDetectorId } from '../../../src/schemas/pii.ts';
import { HOSTILE_COMPLAINTS, HOSTILE_PII } from '../../demo-db/hostile-sql.ts';
import { detectPii, maskExample, piiDetectors, type PiiHit } from './pii-detectors.ts';
import { seededRandom } from '../../../tests/helpers/seeded-random.ts';

const detectorsHitting = (value: string): PiiDetectorId[] => detectPii(value).map((hit) => hit.detector);

/** Per detector: [sentence, the substring it must report], and near misses it must not report. */
const cases: Record<PiiDetectorId, { hits: [string, string][]; misses: string[] }> = {
  email: {
    hits: [
      ['Music too loud. Reach me at dana.whitfield@complainant.example tonight', 'dana.whitfield@complainant.example'],
      ['Write to JOHN.SMITH+permits@city.gov.example.', 'JOHN.SMITH+permits@city.gov.example'],
      ['<a_b-c@sub.example.co.uk>', 'a_b-c@sub.example.co.uk'],
    ],
    misses: ['user@localhost', 'Follow @parks_dept for updates', 'name at example dot com', 'Meet @ 10:00'],
  },
  phone: {
    hits: [
      ['Call me back on (312) 555-0187 about the driveway', '(312) 555-0187'],
      ['Owner: (555) 010-4421', '(555) 010-4421'],
      ['tel 312-555-0187 or 312.555.0187', '312-555-0187'],
      ['Reached at 312.555.0187 after hours', '312.555.0187'],
      ['Mobile +1 312 555 0187, evenings', '+1 312 555 0187'],
      ['London office +44 20 7946 0958.', '+44 20 7946 0958'],
      ['Paris: +33 1 23 45 67 89', '+33 1 23 45 67 89'],
      ['Call 1-800-555-0199 toll free', '1-800-555-0199'],
      ['Berlin: +49 030 12345678 (Büro)', '+49 030 12345678'],
      ['Wien +43 (0)1 588 00 DW 12', '+43 (0)1 588 00'],
      ['Tel. 030 1234567', '030 1234567'],
      ['appeler le 06 12 34 56 78 le soir', '06 12 34 56 78'],
      ['Handy 0171/2345678', '0171/2345678'],
      ['ring 0044 20 7946 0958', '0044 20 7946 0958'],
      ['Sydney office (02) 9876 5432', '(02) 9876 5432'],
      ['Zürich 044 668 18 00', '044 668 18 00'],
      ['tlf. 32 12 34 56', '32 12 34 56'],
      ['tel. 601 123 456', '601 123 456'],
    ],
    misses: [
      '3110042817',
      '+1+2',
      '192.168.100.128/25',
      'network 10.20.0.0/16',
      'Offset +05:30',
      'Invoice 312-555-01877',
      '+44 20',
      '2019-2020',
      '12.05.2024',
      '1 234 567 €',
      'ISBN 978-3-16-148410-0',
      'SKU 4006381 333931',
      'Budget 45 678 901',
      '004930123456',
    ],
  },
  'us-ssn': {
    hits: [
      ['My SSN is 512-34-7789, please fix my account', '512-34-7789'],
      ['ssn 512 34 7789 on file', '512 34 7789'],
      ['SSN: 512347789', '512347789'],
      ['Social Security #512347789 was given', '512347789'],
    ],
    misses: ['000-12-3456', '666-12-3456', '912-34-7789', '512-00-7789', '512-34-0000', '512-34 7789', 'Order 512347789'],
  },
  'ca-sin': {
    hits: [
      ['Applicant SIN 046 454 286 attached', '046 454 286'],
      ['Employee 130-692-544 onboarded', '130-692-544'],
      ['social insurance number: 130692544', '130692544'],
    ],
    // Fails Luhn; passes Luhn but starts with 8; bare digits without "SIN"; "since" is not "SIN".
    misses: ['046 454 287', '846 454 288', '046454286', 'closed since 046454286'],
  },
  'uk-nino': {
    hits: [
      ['NI number QQ 12 34 56 C on the form', 'QQ 12 34 56 C'],
      ['Claimant AB123456C (verified)', 'AB123456C'],
      ['JG 10 37 95 B', 'JG 10 37 95 B'],
    ],
    // First letter D; second letter O; unallocated GB; suffix E; lowercase words.
    misses: ['DA 12 34 56 C', 'AO 12 34 56 C', 'GB 12 34 56 A', 'AB 12 34 56 E', 'at 123456 a'],
  },
  iban: {
    hits: [
      ['Refund to GB82 WEST 1234 5698 7654 32 requested', 'GB82 WEST 1234 5698 7654 32'],
      ['IBAN GB82WEST12345698765432.', 'GB82WEST12345698765432'],
      ['Paid from DE89 3704 0044 0532 0130 00 yesterday', 'DE89 3704 0044 0532 0130 00'],
    ],
    misses: ['GB82 WEST 1234 5698 7654 33', 'GB83 WEST 1234 5698 7654 32', 'AB12 CDEF GHIJ'],
  },
  'payment-card': {
    hits: [
      ['Charged twice to card 4539 1488 0343 6467', '4539 1488 0343 6467'],
      ['card 4539-1488-0343-6467 declined', '4539-1488-0343-6467'],
      ['4539148803436467', '4539148803436467'],
      ['Amex 3782 822463 10005', '3782 822463 10005'],
      ['MC 2223 0031 2200 3222 expired', '2223 0031 2200 3222'],
      ['Discover 6011 1111 1111 1117', '6011 1111 1111 1117'],
    ],
    // Fails Luhn; passes Luhn with no issuer; passes Luhn with 15 digits, a length Visa never issues.
    misses: ['4539 1488 0343 6468', '1234 5678 9012 3452', '453914880343649'],
  },
  'ip-address': {
    hits: [
      ['The form failed twice from IP 203.0.113.45', '203.0.113.45'],
      ['gateway 10.0.0.1.', '10.0.0.1'],
      ['client 2001:db8::8a2e:370:7334 retried', '2001:db8::8a2e:370:7334'],
      ['2001:0db8:85a3:0000:0000:8a2e:0370:7334', '2001:0db8:85a3:0000:0000:8a2e:0370:7334'],
      ['loopback ::1', '::1'],
    ],
    misses: ['256.1.1.1', '1.2.3.4.5', 'v1.2.3.4', '10.0.0.256', '15:42:10', '2024-05-14T15:42:10Z', 'See note :: below', 'Foo::Bar'],
  },
  'street-address': {
    hits: [
      ['Bins not collected outside 1428 Elm Street for two weeks', '1428 Elm Street'],
      ['Flat at 22B Baker St, London', '22B Baker St'],
      ['Meet at 7 North Cedar Park Avenue.', '7 North Cedar Park Avenue'],
      ['Office: 500 W 42nd St', '500 W 42nd St'],
      ['MAILING 1600 PENNSYLVANIA AVE NW', '1600 PENNSYLVANIA AVE'],
      ['Lieferung an Mariahilfer Straße 34/2/5, 1060 Wien', 'Mariahilfer Straße 34/2/5'],
      ['Hauptstraße 34', 'Hauptstraße 34'],
      ['wohnt Kirchgasse 9', 'Kirchgasse 9'],
      ['12, rue de la Paix, 75002 Paris', '12, rue de la Paix'],
      ['Via Roma, 43 - Torino', 'Via Roma, 43'],
      ['Calle de Alcalá, 23, 3º izq.', 'Calle de Alcalá, 23'],
      ['Rua Augusta 53, 2º Esq', 'Rua Augusta 53'],
      ['Vesterbrogade 14, 1620 København V', 'Vesterbrogade 14'],
      ['Drottninggatan 5', 'Drottninggatan 5'],
      ['Mannerheimintie 12 A 3', 'Mannerheimintie 12'],
      ['Kalverstraat 92', 'Kalverstraat 92'],
      ['ul. Marszałkowska 10/12, 00-590 Warszawa', 'ul. Marszałkowska 10/12'],
      ['Andrássy út 12.', 'Andrássy út 12'],
      ['Národní 1009/3, 110 00 Praha 1', 'Národní 1009/3'],
    ],
    misses: [
      'Elm Street',
      'Corner of Elm Street and Main Rd',
      'Open 24 Hours Drive-Thru',
      '12 trees on Elm Street',
      'Unit 12 Building B',
      'Route 66',
      'Spring 2024',
      'Bahnsteig 3',
      'Sitzplatz 12',
      'sent via Amazon 2 days',
      'Hauptstraße 3 km',
      'Windows 10, 2021 Edition',
    ],
  },
  'person-name': {
    hits: [
      ['Complaint by Maria Schmidt about noise', 'Maria Schmidt'],
      ['JEAN DUPONT', 'JEAN DUPONT'],
      ['contact: Schmidt, Maria', 'Schmidt, Maria'],
      ['Anna van der Berg called', 'Anna van der Berg'],
      ['Inspector: Mrs. Kowalski', 'Mrs. Kowalski'],
      ['Giulia Rossi ha segnalato', 'Giulia Rossi'],
    ],
    misses: ['Grace Church', 'Victoria Park', 'St. Paul Street', 'Maria', 'Quercus rubra', 'Elm Street', 'maria schmidt'],
  },
};

describe('piiDetectors', () => {
  it('has one detector per id in src/schemas/pii.ts, filed under its own id, with a label', () => {
    expect(Object.keys(piiDetectors)).toEqual([...piiDetectorIds]);
    for (const id of piiDetectorIds) {
      expect(piiDetectors[id].id).toBe(id);
      expect(piiDetectors[id].label).toMatch(/^[a-zA-Z]/);
    }
  });

  for (const id of piiDetectorIds) {
    describe(id, () => {
      it.each(cases[id].hits)('finds it inside %j', (sentence, match) => {
        expect(piiDetectors[id].find(sentence)).toBe(match);
        expect(detectPii(sentence)).toContainEqual({ detector: id, match });
      });

      it.each(cases[id].misses)('ignores the near miss %j', (value) => {
        expect(piiDetectors[id].find(value)).toBeNull();
      });
    });
  }
});

/** Ordinary open-data values that must never be taken for personal data. */
const ordinaryValues = [
  '2024-05-14',
  '2024-05-14 15:42:10+00',
  '2024-05-14T15:42:10Z',
  '2024-05-14 15:42:10.123456+05:30',
  '07:15:00',
  '7:15 AM',
  'PT5M30S',
  'P1DT2H',
  '1 day 02:03:04',
  '43.044812',
  '-88.962901',
  '43.044812, -88.962901',
  '1234.56',
  '-42',
  '1,234,567.89',
  '12.5%',
  'BP-2024-000123',
  // A bare ten-digit run is an id far more often than a phone number: phones need separators or a '+'.
  '3110042817',
  'v1.2.3',
  '2024',
  'FY2024-25',
  'Q3 2024',
  'Ward 7',
  'Route 12',
  'Council District 5',
  'Quercus rubra',
  'Acer saccharum',
  'Deep pothole in the right lane near the 3rd street bridge',
  'Open 24 hours',
  '9f86d081884c7d65',
  '550e8400-e29b-41d4-a716-446655440000',
  '53703',
  '53703-1234',
  'K1A 0B6',
  'SW1A 1AA',
  'Elm Street',
  '10-20',
  'Item 12 of 40',
  'The swings in Cedar Park are broken',
  '+1+2',
  '-2+3',
  '@SUM(A1)',
  '=HYPERLINK("http://x")',
];

describe('detectPii', () => {
  it.each(ordinaryValues)('finds nothing in the ordinary value %j', (value) => {
    expect(detectPii(value)).toEqual([]);
  });

  it('returns the shared empty result for values without a digit, "@" or ":", allocating nothing', () => {
    expect(detectPii('Acer saccharum')).toBe(detectPii('Quercus rubra'));
    expect(Object.isFrozen(detectPii('Quercus rubra'))).toBe(true);
  });

  it('reports every detector that hits one value, once each, in piiDetectorIds order', () => {
    const value = 'Call (312) 555-0187 or (312) 555-0188, mail dana.whitfield@complainant.example, at 1428 Elm Street';
    expect(detectPii(value)).toEqual([
      { detector: 'email', match: 'dana.whitfield@complainant.example' },
      { detector: 'phone', match: '(312) 555-0187' },
      { detector: 'street-address', match: '1428 Elm Street' },
    ]);
  });

  it('leaves out the detectors in the skip set', () => {
    const value = 'dana.whitfield@complainant.example, (312) 555-0187';
    expect(detectPii(value, new Set(['email'])).map((hit) => hit.detector)).toEqual(['phone']);
    expect(detectPii(value, new Set(piiDetectorIds))).toEqual([]);
  });

  it('flags each planted value of the hostile fixture with its own detector only', () => {
    const detectorOf = { email: 'email', phone: 'phone', ssn: 'us-ssn', card: 'payment-card', ipv4: 'ip-address', streetAddress: 'street-address' } as const;
    for (const [, body] of HOSTILE_COMPLAINTS) {
      const planted = (Object.keys(detectorOf) as (keyof typeof detectorOf)[]).filter((key) => body.includes(HOSTILE_PII[key]));
      expect(detectorsHitting(body), body).toEqual(planted.map((key) => detectorOf[key]));
    }
  });

  it('finds nothing in 200,000 generated ordinary values', () => {
    const random = seededRandom(42);
    const int = (n: number): number => Math.floor(random() * n);
    const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
    const date = (): string => `${2000 + int(26)}-${pad(1 + int(12))}-${pad(1 + int(28))}`;
    const time = (): string => `${pad(int(24))}:${pad(int(60))}:${pad(int(60))}`;
    const hex = (length: number): string => Array.from({ length }, () => int(16).toString(16)).join('');
    const makers: (() => string)[] = [
      date,
      time,
      () => `${date()} ${time()}+00`,
      () => `${date()}T${time()}.${pad(int(1000), 3)}Z`,
      () => `PT${int(60)}M${int(60)}S`,
      () => (random() * 180 - 90).toFixed(6),
      () => (random() * 2e6 - 1e6).toFixed(2),
      () => String(int(1e10)),
      () => `BP-${2000 + int(26)}-${pad(int(1e6), 6)}`,
      () => `v${int(10)}.${int(30)}.${int(100)}`,
      () => `Ward ${1 + int(15)}`,
      () => `Route ${1 + int(200)}`,
      // A hash made only of digits is a card number as far as any detector can tell (1 in ~70,000
      // 16-character hashes also passes Luhn with an issuer prefix), so these start with a letter.
      () => `${'abcdef'[int(6)]}${hex(15)}`,
      () => `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`,
      () => `${pad(int(1e5), 5)}-${pad(int(1e4), 4)}`,
      () => `Pothole ${1 + int(40)} cm deep near the ${1 + int(9)}th street bridge, reported ${date()}`,
      () => `Open ${int(25)} hours, ${int(100)}% capacity`,
      () => ordinaryValues[int(ordinaryValues.length)]!,
    ];
    const found: { value: string; hits: unknown }[] = [];
    for (let i = 0; i < 200_000; i++) {
      const value = makers[i % makers.length]!();
      const hits = detectPii(value);
      if (hits.length > 0 && found.length < 5) found.push({ value, hits });
    }
    expect(found).toEqual([]);
  });
});

describe('maskExample', () => {
  it.each([
    ['512-34-7789', '5**-**-**89'],
    ['(312) 555-0187', '(3**) ***-**87'],
    ['dana.whitfield@complainant.example', 'd***.*********@***********.*****le'],
    ['4539 1488 0343 6467', '4*** **** **** **67'],
    ['GB82 WEST 1234 5698 7654 32', 'G*** **** **** **** **** 32'],
    ['QQ 12 34 56 C', 'Q* ** ** *6 C'],
    ['203.0.113.45', '2**.*.***.45'],
    // Eight letters and digits or fewer: only the first one stays.
    ['10.0.0.1', '1*.*.*.*'],
    ['22B Baker', '2** *****'],
  ])('masks %j as %j', (match, masked) => {
    expect(maskExample(match)).toBe(masked);
  });
});

/**
 * `detectPii` skips a detector when one pass over the value shows it cannot hit; the straightforward
 * path runs every detector's own `find`. The two must agree on every value, so the corpus below is
 * aimed at the edges of those skips: real hits in many formats, the same with one character
 * changed, glued to neighbours, split by Unicode spaces, and random strings of the characters
 * the skips count (digits, capitals, '.', ':', '@', '+', separators, non-ASCII).
 */
describe('detectPii skips only detectors that cannot hit', () => {
  const everyDetector = (value: string, skip?: ReadonlySet<PiiDetectorId>): PiiHit[] =>
    piiDetectorIds.flatMap((id) => {
      const match = skip?.has(id) ? null : piiDetectors[id].find(value);
      return match === null ? [] : [{ detector: id, match }];
    });

  const random = seededRandom(7);
  const int = (n: number): number => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const maybe = (s: string, p = 0.5): string => (random() < p ? s : '');
  const times = (n: number, make: () => string): string => Array.from({ length: n }, make).join('');
  const digits = (n: number): string => times(n, () => String(int(10)));
  const capitals = (n: number): string => times(n, () => String.fromCharCode(65 + int(26)));
  const separator = (): string => pick([' ', ' ', '-', '-', '.', '', '/', '  ', '\u00a0', '–']);
  const space = (): string => pick([' ', ' ', ' ', '  ', '\t', '\n', '\v', '\f', '\r', '\u00a0', '\u2003', '\u3000', '\ufeff', 'é', '’']);
  // Appends the Luhn check digit, so card and SIN shapes are real hits, not only near misses.
  const withLuhn = (body: string): string => {
    let sum = 0;
    for (let i = 0; i < body.length; i++) {
      const d = Number(body[body.length - 1 - i]);
      sum += i % 2 === 0 ? (d > 4 ? d * 2 - 9 : d * 2) : d;
    }
    return body + String((10 - (sum % 10)) % 10);
  };
  const grouped = (s: string, sizes: readonly number[], sep: string): string => {
    const parts: string[] = [];
    let at = 0;
    for (const size of sizes) if (at < s.length) parts.push(s.slice(at, (at += size)));
    if (at < s.length) parts.push(s.slice(at));
    return parts.join(sep);
  };
  const iban = (): string => {
    const country = random() < 0.7 ? pick(['GB', 'DE', 'FR', 'NL', 'QQ']) : capitals(2);
    const bban = times(11 + int(20), () => (random() < 0.2 ? capitals(1) : digits(1)));
    let r = 0;
    for (const ch of `${bban}${country}00`) r = (ch >= 'A' ? r * 100 + ch.charCodeAt(0) - 55 : r * 10 + Number(ch)) % 97;
    const check = String(98 - r).padStart(2, '0');
    const compact = country + (random() < 0.8 ? check : digits(2)) + bban;
    return random() < 0.5 ? compact : grouped(compact, Array(9).fill(4), pick([' ', ' ', '  ', '-']));
  };

  const makers: (() => string)[] = [
    () =>
      `${pick(['dana.whitfield', 'A_b-c', 'x+tag', '%odd', '.dot', 'é'])}${pick(['@', '@', '@@', ' @'])}${pick(['example', 'sub.example', 'x-y', '1', ''])}${pick(['.org', '.co.uk', '.c', '.', '.org-', '.123', ''])}`,
    () => `${maybe('1' + pick(['', ' ', '-', '.']), 0.3)}${pick([`(${digits(3)})${pick(['', ' ', '-'])}`, digits(2 + int(3)) + separator()])}${digits(2 + int(3))}${separator()}${digits(3 + int(3))}`,
    () => `${pick(['+', '+', '++', '(+'])}${digits(1 + int(3))}${times(int(6), () => pick([' ', '.', '-', '', ' (0)', '(0)']) + digits(1 + int(4)))}`,
    () => {
      const sep = random() < 0.6 ? pick(['-', ' ']) : separator();
      const keyword = maybe(pick(['SSN', 'ssn: ', 'Social Security No ', 'social security number #', 'SSNs ', 'SIN ', 'social insurance number: ', 'since ']), 0.4);
      return `${keyword}${pick(['512', '000', '666', '912', digits(3)])}${sep}${pick(['34', '00', digits(2), digits(3)])}${random() < 0.8 ? sep : separator()}${pick(['7789', '0000', digits(4), digits(3)])}`;
    },
    () => `${maybe(pick(['SIN ', 'sin:', 'Social Insurance No ']), 0.3)}${grouped(withLuhn(digits(8)), [3, 3], pick([' ', '-', '', '.']))}`,
    () =>
      `${pick(['QQ', 'AB', 'JG', 'DA', 'GB', 'ZZ', capitals(2), capitals(2), 'ab'])}${maybe(' ')}${grouped(digits(6), [2, 2], maybe(' '))}${maybe(' ')}${pick(['A', 'B', 'C', 'D', 'E', 'a', capitals(1)])}`,
    iban,
    () => {
      const body = pick(['4', '51', '2221', '34', '37', '6011', '62', '3528', '36', '2200', '5018', '1', '9']) + digits(8 + int(8));
      const card = withLuhn(body.slice(0, 11 + int(9)));
      return random() < 0.4
        ? card
        : grouped(
            card,
            pick([
              [4, 4, 4, 4],
              [4, 6, 5],
              [4, 4, 4],
              [3, 3, 3, 3, 3],
            ]),
            pick([' ', '-', ' ', '.']),
          );
    },
    () => `${pick(['', 'IP ', 'v'])}${Array.from({ length: 3 + int(3) }, () => String(random() < 0.9 ? int(256) : int(400))).join('.')}${pick(['', '', '.', ':8080', '.5', 'x'])}`,
    () => {
      const groups = Array.from({ length: 1 + int(8) }, () =>
        int(65536)
          .toString(16)
          .slice(0, 1 + int(4)),
      );
      const at = int(groups.length + 1);
      const joined = random() < 0.6 ? [...groups.slice(0, at), '', ...groups.slice(at)].join(':') : groups.join(':');
      return `${pick(['', 'client ', 'fe80::', '::'])}${joined}${pick(['', '', '::', ':', '%eth0', `:${int(256)}.${int(256)}.0.1`, '.5'])}`;
    },
    () =>
      `${pick(['', '', '#', 'Unit ', '-', 'x'])}${digits(1 + int(7))}${maybe(pick(['B', 'b', 'th', '.']), 0.3)}${times(1 + int(5), () => space() + pick(['Elm', 'ELM', 'North', 'elm', 'W', '42nd', 'St.', "O'Neil", 'Cedar Park', 'M', 'é', '1']))}${space()}${pick(['Street', 'STREET', 'St', 'Ave', 'Rd', 'Way', 'Plaza', 'street', 'Drive-Thru', 'Close', 'Sq'])}${pick(['', '', ',', '.', 'x', '-', ' NW'])}`,
    () => `${pick(['District', 'REF-', 'Inspection', 'crew', 'Route'])} ${digits(1 + int(6))} ${pick(['of site on River Rd, north side', 'B', '', 'Main St', 'at 10:00'])}`,
    () =>
      `${pick(['', 'c/ ', 'Via ', 'ul. ', 'Rue ', 'Calle de ', 'rue '])}${pick(['Haupt', 'Roma', 'Kirch', 'Vesterbro', 'Drottning', 'Mannerheimin', 'Kalver', 'Długa', 'Národní', 'Alcalá', 'Bahnsteig', 'Spring'])}${pick(['straße', 'strasse', ' Straße', 'gasse', 'gade', 'gatan', 'tie', 'straat', '', ' út', ' utca', 'weg'])}${pick([' ', ', ', '', space()])}${digits(1 + int(4))}${pick(['', '/2/5', 'B', ' km', ', 1060 Wien', ', 110 00 Praha 1', '.5', '-14', ' 2'])}`,
    () => `${pick(['', '+', '00', '(0', '+49 ', '+43 (0)'])}${digits(1 + int(4))}${times(1 + int(4), () => pick([' ', '/', '-', '.', ' / ', '']) + digits(1 + int(4)))}${pick(['', ' €', ' km', ')'])}`,
    () =>
      `${pick(['', 'by ', 'Mrs. ', 'Herr ', 'St. '])}${pick(['Maria', 'JEAN', 'Anna', 'Grace', 'Giulia', 'Schmidt,', 'maria', 'Łukasz', 'Victoria'])}${pick([' ', '  ', ', ', ' van der ', ' ', ''])}${pick(['Schmidt', 'DUPONT', 'Rossi', 'Maria', 'Church', 'Park', 'Kowalski', 'schmidt', 'Nowak'])}${pick(['', ' Street', ' called', '.', ' 12'])}`,
    () => `${2000 + int(30)}-0${1 + int(9)}-1${int(10)}${pick(['', ' ', 'T'])}${int(24)}:${int(60)}:${int(60)}${pick(['', '+00', '+05:30', '.123456Z'])}`,
    () =>
      times(1 + int(30), () => pick([digits(1), digits(1), digits(3), capitals(1), 'Q', 'a', 's', ' ', '.', ':', '::', '@', '+', '(', ')', '-', '/', '_', ',', 'é', '\u00a0', '٣', '１', '’', '\t'])),
  ];
  const mutate = (s: string): string => {
    const i = int(s.length + 1);
    const ch = pick(['0', '7', '9', ' ', '.', ':', '-', '@', '+', 'A', 'Z', 'a', 'é', '\u00a0', '']);
    return pick([() => s.slice(0, i) + ch + s.slice(i), () => s.slice(0, i) + ch + s.slice(i + 1), () => s.slice(0, i) + s.slice(i + 1), () => s.toLowerCase(), () => s.toUpperCase()])();
  };
  const value = (): string => {
    let v = pick(makers)();
    if (random() < 0.3) v = `${pick(makers)()}${pick([' ', '', ', ', '.', ':', '-', 'x', '\u00a0', '@', '+'])}${v}`;
    if (random() < 0.4) v = mutate(v);
    if (random() < 0.2) v = mutate(v);
    return v;
  };

  it('agrees with running every detector on 60,000 generated hits, near misses and hostile strings', () => {
    const hitsPerDetector = Object.fromEntries(piiDetectorIds.map((id) => [id, 0])) as Record<PiiDetectorId, number>;
    const disagreements: { value: string; skip?: PiiDetectorId[]; expected: PiiHit[]; actual: readonly PiiHit[] }[] = [];
    for (let i = 0; i < 60_000; i++) {
      const v = value();
      const skip = i % 10 === 0 ? new Set(piiDetectorIds.filter(() => random() < 0.3)) : undefined;
      const expected = everyDetector(v, skip);
      const actual = detectPii(v, skip);
      for (const hit of expected) hitsPerDetector[hit.detector]++;
      if (JSON.stringify(actual) !== JSON.stringify(expected) && disagreements.length < 5) disagreements.push({ value: v, skip: skip && [...skip], expected, actual });
    }
    expect(disagreements).toEqual([]);
    // The corpus must reach every detector's regex and checksum, or agreeing would prove little.
    for (const id of piiDetectorIds) expect(hitsPerDetector[id], id).toBeGreaterThan(100);
  });
});
