import { streets } from '../places.ts';
import { between, chance, comments, draw, generatedRows, intArray, literal, pick, scaled, textArray, weightedIndex, zeroPad } from '../sql-helpers.ts';

/** Planning: building permits issued. Addresses are reduced to the street (no house number). */

const workTypes = [
  { name: 'new construction', weight: 6, min: 150_000, max: 2_500_000, residential: 60 },
  { name: 'addition', weight: 7, min: 30_000, max: 350_000, residential: 85 },
  { name: 'alteration', weight: 14, min: 5_000, max: 250_000, residential: 70 },
  { name: 'repair', weight: 10, min: 1_000, max: 40_000, residential: 80 },
  { name: 'demolition', weight: 3, min: 8_000, max: 120_000, residential: 50 },
  { name: 'roofing', weight: 11, min: 6_000, max: 45_000, residential: 85 },
  { name: 'electrical', weight: 12, min: 500, max: 30_000, residential: 75 },
  { name: 'plumbing', weight: 10, min: 400, max: 25_000, residential: 80 },
  { name: 'mechanical (HVAC)', weight: 8, min: 3_000, max: 60_000, residential: 70 },
  { name: 'solar panels', weight: 6, min: 12_000, max: 90_000, residential: 80 },
  { name: 'deck or porch', weight: 6, min: 3_000, max: 35_000, residential: 100 },
  { name: 'fence', weight: 5, min: 1_000, max: 15_000, residential: 95 },
  { name: 'sign', weight: 2, min: 800, max: 20_000, residential: 0 },
];

export const permitWorkTypes = workTypes.map((w) => w.name);
export const permitStatuses = ['issued', 'completed', 'expired', 'revoked'] as const;
export const WARDS = 9;
const DAYS = 2557; // 2019-01-01 … 2025-12-31

export function buildingPermitsSql(scale: number): string[] {
  const rows = scaled(6_000, scale);
  return [
    `CREATE TABLE planning.building_permits (
      permit_number text PRIMARY KEY,
      issued_on date NOT NULL,
      work_type text NOT NULL,
      estimated_cost numeric(12,2) NOT NULL CHECK (estimated_cost >= 0),
      ward smallint NOT NULL CHECK (ward BETWEEN 1 AND ${WARDS}),
      street_name text NOT NULL,
      is_residential boolean NOT NULL,
      status text NOT NULL CHECK (status IN (${permitStatuses.map(literal).join(', ')}))
    )`,
    // Permit numbers carry the issue year and a running sequence, so they sort in issue order.
    `INSERT INTO planning.building_permits
     SELECT 'BP-' || extract(year FROM issued)::int || '-' || ${zeroPad('i', 6)},
            issued,
            (${textArray(permitWorkTypes)})[work],
            (${intArray(workTypes.map((t) => t.min))})[work]
              + ${draw(2)} % ((${intArray(workTypes.map((t) => t.max - t.min))})[work] / 50) * 50
              + CASE WHEN ${chance(20, 3)} THEN ${draw(4)} % 100 / 100.0 ELSE 0 END,
            ${between(1, WARDS, 5)},
            ${pick(streets, 6)},
            ${draw(7)} % 100 < (${intArray(workTypes.map((t) => t.residential))})[work],
            CASE WHEN issued >= date '2025-06-01' THEN (CASE WHEN ${chance(3, 8)} THEN 'revoked' ELSE 'issued' END)
                 ELSE (${textArray(['completed', 'completed', 'completed', 'completed', 'completed', 'completed', 'completed', 'completed', 'expired', 'revoked'])})[1 + ${draw(9)} % 10] END
       FROM ${generatedRows(`generate_series(1, ${rows}) AS i`, 'i', 'building-permits', 2, [
         `${weightedIndex(
           workTypes.map((t) => t.weight),
           0,
         )} AS work, date '2019-01-01' + ((i - 1)::bigint * ${DAYS} / ${rows})::int AS day`,
         // The office is closed at weekends: a Saturday or Sunday permit is dated the next Monday.
         `day + CASE extract(isodow FROM day) WHEN 6 THEN 2 WHEN 7 THEN 1 ELSE 0 END AS issued`,
       ])}`,
    ...comments('planning.building_permits', 'Building permits issued by the Planning and Development Department; one row per permit.', {
      permit_number: 'Permit number: BP-<year>-<sequence>.',
      issued_on: 'Date the permit was issued.',
      work_type: 'Main type of work the permit allows.',
      estimated_cost: 'Construction cost declared by the applicant, in US dollars.',
      ward: 'City council ward of the site.',
      street_name: 'Street of the site (house numbers are not recorded here).',
      is_residential: 'True when the building is mainly residential.',
      status: 'Permit status at the time of the extract.',
    }),
  ];
}
