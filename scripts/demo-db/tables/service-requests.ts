import { DEMO_FORMULA_PAYLOAD, DEMO_HTML_PAYLOAD, REQUESTER_EMAIL_DOMAIN, REQUESTER_PHONE_PREFIX, REQUESTER_SURNAME } from '../markers.ts';
import { coordinates, neighbourhoodIndex, neighbourhoodName } from '../places.ts';
import { chance, comments, draw, generatedRows, intArray, literal, pick, scaled, textArray, weightedIndex, zeroPad } from '../sql-helpers.ts';

/**
 * Public Works: 311 service requests, the demo's large table. Three columns hold the requester's
 * personal data; they sit beside publishable columns exactly as they do in real 311 systems.
 */

const categories = [
  { name: 'Pothole', weight: 14, hours: 72, says: ['Deep pothole in the right lane, cars swerving around it', 'Several potholes near the bus stop', 'Pothole by the crosswalk, about a foot wide'] },
  {
    name: 'Streetlight out',
    weight: 10,
    hours: 120,
    says: ['Streetlight out, the corner is completely dark at night', 'Light flickers on and off all night', 'Two streetlights out in a row on this block'],
  },
  { name: 'Graffiti', weight: 8, hours: 48, says: ['Graffiti on the underpass wall', 'Tagging on a utility box, please remove', 'Graffiti on the park shelter, some of it offensive'] },
  {
    name: 'Missed collection',
    weight: 16,
    hours: 24,
    says: ['Recycling was not picked up on the scheduled day', 'Garbage cart skipped again this week', 'Yard waste bags left at the curb after pickup'],
  },
  { name: 'Illegal dumping', weight: 8, hours: 96, says: ['Mattress and couch dumped in the alley', 'Tires dumped behind the ball field', 'Construction debris left on the shoulder'] },
  { name: 'Noise complaint', weight: 9, hours: 6, says: ['Loud music after midnight, ongoing for weeks', 'Construction noise starting before 7 a.m.', 'Dog barking all afternoon'] },
  { name: 'Abandoned vehicle', weight: 5, hours: 168, says: ['Car with flat tires has not moved for a month', 'Van without plates parked near the school', 'Burned-out car in the lot by the river'] },
  {
    name: 'Tree maintenance',
    weight: 7,
    hours: 336,
    says: ['Large branch hanging over the sidewalk', 'Dead tree, worried it will fall in the next storm', 'Tree roots lifting the sidewalk, trip hazard'],
  },
  {
    name: 'Sidewalk repair',
    weight: 5,
    hours: 720,
    says: ['Sidewalk slab raised two inches, people trip on it', 'Curb ramp crumbling, hard to use with a wheelchair', 'Broken sidewalk near the bus shelter'],
  },
  { name: 'Water leak', weight: 4, hours: 18, says: ['Water bubbling up through the street', 'Hydrant leaking steadily', 'Low water pressure and brown water since this morning'] },
  { name: 'Snow and ice', weight: 6, hours: 20, says: ['Street not plowed, cars getting stuck', 'Icy sidewalk by the library, someone fell', 'Snow pushed onto the cleared bike lane'] },
  { name: 'Rodents', weight: 8, hours: 168, says: ['Rats seen near the restaurant dumpsters', 'Rodent burrows in the park flower beds', 'Mice in the bus shelter trash can'] },
];

export const requestCategories = categories.map((c) => c.name);
export const requestStatuses = ['open', 'in progress', 'closed', 'duplicate'] as const;
export const requestChannels = ['phone', 'web', 'mobile app', 'email', 'walk-in'] as const;
const channelWeights = [35, 25, 30, 5, 5];

const firstNames = [
  'Maria',
  'James',
  'Aisha',
  'Wei',
  'Carlos',
  'Emily',
  'Mohammed',
  'Olga',
  'Kwame',
  'Priya',
  'Lucas',
  'Sofia',
  'Daniel',
  'Fatima',
  'Jamal',
  'Hannah',
  'Diego',
  'Mei',
  'Tomasz',
  'Grace',
  'Ahmed',
  'Nora',
  'Samuel',
  'Yuki',
];
const surnames = [
  'Garcia',
  'Smith',
  'Nguyen',
  'Okafor',
  'Kowalski',
  'Johnson',
  'Patel',
  'Kim',
  'Hernandez',
  'Brown',
  'Ali',
  'Chen',
  'Williams',
  'Rossi',
  'Haddad',
  REQUESTER_SURNAME,
  'Andersen',
  'Mensah',
  'Lopez',
  'Novak',
];

/** The data is as of the end of 2025: anything that would close later is still open. */
const AS_OF = `timestamp '2026-01-01 00:00:00'`;
const DAYS = 1461; // 2022-01-01 … 2025-12-31

export function serviceRequestsSql(scale: number): string[] {
  const rows = scaled(120_000, scale);
  const { latitude, longitude } = coordinates('hood', 12, 13);
  const sayings = categories.flatMap((c) => c.says);
  return [
    `CREATE TABLE public_works.service_requests (
      request_id bigint PRIMARY KEY,
      requested_at timestamptz NOT NULL,
      closed_at timestamp,
      category text NOT NULL,
      status text NOT NULL CHECK (status IN (${requestStatuses.map(literal).join(', ')})),
      channel text NOT NULL,
      neighbourhood text NOT NULL,
      latitude numeric(9,6) NOT NULL,
      longitude numeric(9,6) NOT NULL,
      description text NOT NULL,
      requester_name text,
      requester_email text,
      requester_phone text,
      CHECK ((closed_at IS NULL) = (status IN ('open', 'in progress')))
    )`,
    // Request ids start above 2^31 so the published id exercises bigint end to end.
    `INSERT INTO public_works.service_requests
     SELECT 3110000000 + i,
            opened AT TIME ZONE 'America/Chicago',
            CASE WHEN still_open THEN NULL ELSE closes END,
            (${textArray(requestCategories)})[category],
            CASE WHEN still_open THEN (CASE WHEN ${chance(40, 8)} THEN 'in progress' ELSE 'open' END)
                 WHEN ${chance(6, 9)} THEN 'duplicate' ELSE 'closed' END,
            (${textArray(requestChannels)})[${weightedIndex(channelWeights, 4)}],
            ${neighbourhoodName('hood')},
            ${latitude},
            ${longitude},
            -- The first requests carry what web forms really receive: markup, and text a spreadsheet would run.
            CASE i WHEN 1 THEN ${literal(DEMO_HTML_PAYLOAD)} WHEN 2 THEN ${literal(DEMO_FORMULA_PAYLOAD)}
                   ELSE (${textArray(sayings)})[(category - 1) * 3 + 1 + ${draw(5)} % 3] END,
            CASE WHEN NOT anonymous THEN first_name || ' ' || surname END,
            CASE WHEN NOT anonymous AND NOT ${chance(20, 10)}
                 THEN lower(first_name || '.' || surname) || (10 + ${draw(11)} % 90) || ${literal(`@${REQUESTER_EMAIL_DOMAIN}`)} END,
            CASE WHEN NOT anonymous AND NOT ${chance(35, 14)}
                 THEN ${literal(REQUESTER_PHONE_PREFIX)} || ${zeroPad(`${draw(15)} % 10000`, 4)} END
       FROM ${generatedRows(`generate_series(1, ${rows}) AS i`, 'i', 'service-requests', 4, [
         `${weightedIndex(
           categories.map((c) => c.weight),
           0,
         )} AS category, ${neighbourhoodIndex(1)} AS hood,
          ${chance(12, 2)} AS anonymous, ${pick(firstNames, 6)} AS first_name, ${pick(surnames, 7)} AS surname,
          -- Requests arrive in index order, between 7:00 and 21:00 local time.
          (date '2022-01-01' + ((i - 1)::bigint * ${DAYS} / ${rows})::int)::timestamp + (25200 + ${draw(3)} % 50400) * interval '1 second' AS opened`,
         `opened + (${intArray(categories.map((c) => c.hours))})[category] * 36 * (10 + ${draw(16)} % 190) * interval '1 second' AS closes`,
         `closes >= ${AS_OF} OR ${chance(2, 17)} AS still_open`,
       ])}`,
    ...comments('public_works.service_requests', '311 service requests received by phone, web, app, e-mail or at the counter; one row per request.', {
      request_id: '311 request number, as given to the requester.',
      requested_at: 'When the request was received.',
      closed_at: 'When the work order was closed, in local wall-clock time (the work-order system stores no time zone); NULL while open.',
      category: 'Request type chosen by the call taker or requester.',
      status: 'Workflow status.',
      channel: 'How the request reached the city.',
      neighbourhood: 'Neighbourhood of the reported location.',
      latitude: 'Latitude of the reported location (WGS 84), snapped to the street segment.',
      longitude: 'Longitude of the reported location (WGS 84), snapped to the street segment.',
      description: 'What the requester reported, as entered by the call taker.',
      requester_name: 'PERSONAL DATA: name of the person who made the request. Never publish.',
      requester_email: 'PERSONAL DATA: e-mail address for follow-up. Never publish.',
      requester_phone: 'PERSONAL DATA: phone number for follow-up. Never publish.',
    }),
  ];
}
