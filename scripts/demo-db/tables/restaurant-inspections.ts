import { neighbourhoodNames } from '../places.ts';
import { INSPECTOR_BADGE_PREFIX } from '../markers.ts';
import { chance, comments, draw, generatedRows, literal, scaled, textArray, weightedIndex, zeroPad } from '../sql-helpers.ts';

/**
 * Health: food-safety inspections of restaurants. The date column is called "inspection date",
 * with a space, as the inspection software exports it: it keeps identifier quoting honest.
 */

const namePrefixes = [
  'Blue Heron',
  "Rosa's",
  'Golden Lotus',
  'Riverside',
  'Little Saigon',
  "Mama Ngozi's",
  'Old Town',
  'Brick Oven',
  'Café Olé',
  'The Corner',
  'Sunrise',
  'Harbor',
  'El Camino',
  'Green Leaf',
  'Maple Street',
  "Nonna's",
];
const nameKinds = ['Diner', 'Bakery', 'Pizzeria', 'Noodle House', 'Taqueria', 'Grill', 'Café', 'Deli', 'Kitchen', 'Bistro', 'Food Truck', 'Market', 'Sushi Bar', 'Coffee Roasters', 'Bar & Grill'];

export const inspectionTypes = ['routine', 'follow-up', 'complaint', 'pre-opening'] as const;
const inspectionTypeWeights = [70, 15, 10, 5];
export const inspectionGrades = ['A', 'B', 'C', 'F'] as const;

const criticalViolations = [
  'Food held at an unsafe temperature',
  'Evidence of rodents or insects',
  'No hot water at the hand sink',
  'Raw meat stored above ready-to-eat food',
  'Food from an unapproved source',
];
const minorViolations = [
  'Hand sink blocked by equipment',
  'Floors and walls not clean',
  'Food handler card missing for one employee',
  'Thermometer missing in a refrigerator',
  'Wiping cloths not kept in sanitizer',
  'Light shields missing in the kitchen',
];
const DAYS = 1826; // 2021-01-01 … 2025-12-31

export function restaurantInspectionsSql(scale: number): string[] {
  const rows = scaled(6_000, scale);
  const establishments = scaled(450, scale);
  const minor = textArray(minorViolations);
  const n = minorViolations.length;
  return [
    `CREATE TABLE health.restaurant_inspections (
      inspection_id integer PRIMARY KEY,
      establishment_id integer NOT NULL,
      establishment_name text NOT NULL,
      neighbourhood text NOT NULL,
      "inspection date" date NOT NULL,
      inspection_type text NOT NULL,
      score integer NOT NULL CHECK (score BETWEEN 0 AND 100),
      grade text NOT NULL CHECK (grade IN (${inspectionGrades.map(literal).join(', ')})),
      is_critical boolean NOT NULL,
      violation_summary text,
      inspector_badge text NOT NULL
    )`,
    `INSERT INTO health.restaurant_inspections
     SELECT i,
            establishment,
            (${textArray(namePrefixes)})[1 + establishment % ${namePrefixes.length}] || ' ' || (${textArray(nameKinds)})[1 + (establishment / ${namePrefixes.length}) % ${nameKinds.length}],
            (${textArray(neighbourhoodNames)})[1 + (establishment * 7) % ${neighbourhoodNames.length}],
            -- Inspectors do not work at weekends: those visits are dated the next Monday.
            day + CASE extract(isodow FROM day) WHEN 6 THEN 2 WHEN 7 THEN 1 ELSE 0 END,
            (${textArray(inspectionTypes)})[${weightedIndex(inspectionTypeWeights, 1)}],
            score,
            CASE WHEN score >= 90 THEN 'A' WHEN score >= 80 THEN 'B' WHEN score >= 70 THEN 'C' ELSE 'F' END,
            critical,
            CASE WHEN score >= 96 AND NOT critical THEN NULL
                 ELSE concat_ws('; ',
                   CASE WHEN critical THEN (${textArray(criticalViolations)})[1 + ${draw(4)} % ${criticalViolations.length}] END,
                   (${minor})[1 + first_minor],
                   CASE WHEN score < 88 THEN (${minor})[1 + (first_minor + 1 + ${draw(5)} % ${n - 1}) % ${n}] END)
            END,
            -- Badge ids are sequential, so publishing them would identify each inspector.
            ${literal(INSPECTOR_BADGE_PREFIX)} || ${zeroPad(`1 + ${draw(8)} % 14`, 3)}
       FROM ${generatedRows(`generate_series(1, ${rows}) AS i`, 'i', 'restaurant-inspections', 2, [
         `1 + ${draw(0)} % ${establishments} AS establishment, date '2021-01-01' + ((i - 1)::bigint * ${DAYS} / ${rows})::int AS day,
          ${draw(2)} % 100 AS x, ${draw(7)} % ${n} AS first_minor`,
         // Most places score in the 90s; the cube makes low scores rare but present.
         `greatest(0, 100 - x * x * x / 25000 - ${draw(3)} % 4) AS score`,
         `score < 75 OR ${chance(6, 6)} AS critical`,
       ])}`,
    ...comments('health.restaurant_inspections', 'Food-safety inspections of restaurants and food businesses; one row per inspection.', {
      inspection_id: 'Inspection number.',
      establishment_id: 'Licence number of the food business.',
      establishment_name: 'Trading name of the food business.',
      neighbourhood: 'Neighbourhood of the premises.',
      'inspection date': 'Date of the inspection visit.',
      inspection_type: 'Why the inspection took place.',
      score: 'Inspection score out of 100; points are deducted per violation.',
      grade: 'Letter grade posted at the door, derived from the score.',
      is_critical: 'True when at least one critical (health-risk) violation was found.',
      violation_summary: 'Violations found, separated by semicolons; NULL when none.',
      inspector_badge: 'Badge id of the inspector who carried out the inspection.',
    }),
  ];
}
