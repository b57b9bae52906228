import { chance, comments, draw, generatedRows, intArray, scaled, textArray } from '../sql-helpers.ts';

/**
 * Transit: boardings per route per service day from the automatic passenger counters. Carries the
 * demo's `interval` and `time` columns. Express routes (X…) run on weekdays only, so they have no
 * weekend rows at all, as in the real export.
 */

const routes = [
  { code: '1', name: 'Downtown Loop', weekday: 5200, start: 0 },
  { code: '2', name: 'Riverside – University', weekday: 4100, start: 10 },
  { code: '3', name: 'Millbrook – Foundry Row', weekday: 2600, start: 15 },
  { code: '4', name: 'North Heights Crosstown', weekday: 2100, start: 20 },
  { code: '5', name: 'Eastgate – Old Town', weekday: 3300, start: 5 },
  { code: '6', name: 'Cedar Park – Southfield', weekday: 1800, start: 25 },
  { code: '7', name: 'Harbor Point Shuttle', weekday: 900, start: 45 },
  { code: '8', name: 'West End – Lakeview', weekday: 2400, start: 12 },
  { code: '10', name: 'University Express', weekday: 3000, start: 30 },
  { code: '12', name: 'Lakeview – Millbrook', weekday: 1500, start: 18 },
  { code: '15', name: 'Airport Connector', weekday: 1100, start: -30 },
  { code: '22', name: 'Night Owl', weekday: 600, start: 990 },
  { code: 'X1', name: 'Express North', weekday: 1700, start: 40 },
  { code: 'X9', name: 'Express South', weekday: 1400, start: 35 },
];

export const transitRoutes = routes.map((r) => r.code);
/** Ridership by month, in per cent of an average month (school terms and winter weather show). */
const monthFactors = [88, 90, 96, 100, 103, 97, 90, 92, 106, 107, 101, 89];

export function transitRidershipSql(scale: number): string[] {
  const days = scaled(731, scale);
  return [
    `CREATE TABLE transit.daily_ridership (
      route text NOT NULL,
      route_name text NOT NULL,
      service_date date NOT NULL,
      is_weekday boolean NOT NULL,
      boardings integer CHECK (boardings >= 0),
      average_delay interval NOT NULL,
      first_departure time NOT NULL,
      PRIMARY KEY (route, service_date)
    )`,
    `INSERT INTO transit.daily_ridership
     SELECT code,
            name,
            service_date,
            weekday,
            -- The counters fail now and then; a failed day has no count rather than zero.
            CASE WHEN ${chance(0.5, 0)} THEN NULL
                 ELSE base::bigint * (CASE WHEN weekday THEN 100 WHEN dow = 6 THEN 55 ELSE 40 END)
                      * (${intArray(monthFactors)})[extract(month FROM service_date)::int]
                      * (90 + ${draw(1)} % 21) / 1000000 END,
            (45 + ${draw(2)} % 240
               + CASE WHEN extract(month FROM service_date) IN (12, 1, 2) THEN ${draw(3)} % 180 ELSE 0 END) * interval '1 second',
            time '05:00' + (start + CASE WHEN weekday OR start > 600 THEN 0 ELSE 60 END) * interval '1 minute'
       FROM ${generatedRows(
         `generate_series(0, ${days - 1}) AS d
          CROSS JOIN unnest(${textArray(routes.map((r) => r.code))}, ${textArray(routes.map((r) => r.name))},
                            ${intArray(routes.map((r) => r.weekday))}, ${intArray(routes.map((r) => r.start))}) AS r(code, name, base, start)`,
         `d || ':' || code`,
         'transit-ridership',
         1,
         [`date '2025-12-31' - ${days - 1} + d AS service_date`, `extract(isodow FROM service_date)::int AS dow, extract(isodow FROM service_date) < 6 AS weekday`],
       )}
      WHERE weekday OR code NOT LIKE 'X%'`,
    ...comments('transit.daily_ridership', 'Daily boardings per bus route from automatic passenger counters; one row per route and service day.', {
      route: 'Route number as shown on buses and stops.',
      route_name: 'Route name.',
      service_date: 'Service day (trips after midnight count for the day they started).',
      is_weekday: 'True Monday to Friday.',
      boardings: 'Passengers boarding on the day; NULL when the counters failed.',
      average_delay: 'Average lateness at timing points against the timetable.',
      first_departure: 'Scheduled time of the first trip of the day.',
    }),
  ];
}
