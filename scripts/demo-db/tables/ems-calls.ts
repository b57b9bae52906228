import { EMS_CALLBACK_PREFIX, EMS_PATIENT_SURNAME, EMS_SEALED_MARKER } from '../markers.ts';
import { coordinates, neighbourhoodIndex } from '../places.ts';
import { chance, comments, draw, generatedRows, literal, pick, scaled, textArray, weightedIndex, zeroPad } from '../sql-helpers.ts';

/**
 * Health: emergency medical service (ambulance) calls. The table the privacy rules exist for:
 * patients' names, exact ages, home postal codes, precise locations, call-back numbers in the
 * dispatcher's note, and records sealed to protect the person. Its metadata publishes it only
 * through every transform, a row filter and small-cell protection, so the demo shows them all.
 */

export const emsCallTypes = [
  'Fall',
  'Breathing problem',
  'Chest pain',
  'Sick person',
  'Traffic collision',
  'Unconscious person',
  'Stroke symptoms',
  'Overdose',
  'Seizure',
  'Allergic reaction',
] as const;
const callTypeWeights = [22, 16, 14, 14, 9, 8, 6, 4, 4, 3];
export const emsPriorities = ['1 - life-threatening', '2 - urgent', '3 - non-urgent'] as const;
const priorityWeights = [30, 50, 20];
export const emsSexes = ['female', 'male', 'unknown'] as const;
const sexWeights = [49, 49, 2];

/** ZIP codes of the city; a few calls come from two neighbouring towns (535xx, 549xx), which makes small cells. */
const postalCodes = ['53703', '53704', '53705', '53711', '53713', '53714', '53715', '53716', '53719', '53726', '53590', '53562', '54901'];
const postalWeights = [12, 12, 10, 10, 10, 10, 8, 8, 8, 8, 2, 1, 1];

const noteOpenings = ['Caller reports patient', 'Bystander reports person', 'Family member reports patient', 'Care home staff report resident'];
const noteStates = ['conscious and breathing', 'alert, in pain', 'drowsy but responsive', 'breathing with difficulty'];
const DAYS = 731; // 2024-01-01 … 2025-12-31

export function emsCallsSql(scale: number): string[] {
  const rows = scaled(4_000, scale);
  const { latitude, longitude } = coordinates('hood', 10, 11);
  return [
    `CREATE TABLE health.ems_calls (
      call_id integer PRIMARY KEY,
      received_at timestamptz NOT NULL,
      priority text NOT NULL,
      call_type text NOT NULL,
      patient_name text,
      patient_age integer CHECK (patient_age BETWEEN 0 AND 110),
      patient_sex text NOT NULL,
      postal_code text NOT NULL,
      latitude numeric(9,6) NOT NULL,
      longitude numeric(9,6) NOT NULL,
      dispatch_note text NOT NULL,
      transported boolean NOT NULL,
      sealed boolean NOT NULL
    )`,
    `INSERT INTO health.ems_calls
     SELECT 7000000 + i,
            (date '2024-01-01' + ((i - 1)::bigint * ${DAYS} / ${rows})::int)::timestamp AT TIME ZONE 'America/Chicago' + ${draw(0)} % 86400 * interval '1 second',
            (${textArray(emsPriorities)})[${weightedIndex(priorityWeights, 1)}],
            (${textArray(emsCallTypes)})[${weightedIndex(callTypeWeights, 2)}],
            ${pick(['A.', 'B.', 'C.', 'D.', 'E.'], 3)} || ' ' || ${literal(EMS_PATIENT_SURNAME)},
            CASE WHEN ${chance(3, 4)} THEN NULL ELSE least(104, ${draw(5)} % 70 + ${draw(6)} % 36) END,
            (${textArray(emsSexes)})[${weightedIndex(sexWeights, 7)}],
            (${textArray(postalCodes)})[${weightedIndex(postalWeights, 8)}],
            ${latitude},
            ${longitude},
            ${pick(noteOpenings, 12)} || ' ' || ${pick(noteStates, 13)} ||
              CASE WHEN sealed THEN ${literal(`; address withheld (${EMS_SEALED_MARKER})`)}
                   WHEN ${chance(30, 14)} THEN '; call back on ' || ${literal(EMS_CALLBACK_PREFIX)} || ${zeroPad(`${draw(15)} % 10000`, 4)}
                   ELSE '' END || '.',
            ${chance(70, 16)},
            sealed
       FROM ${generatedRows(`generate_series(1, ${rows}) AS i`, 'i', 'ems-calls', 4, [`${neighbourhoodIndex(9)} AS hood, ${chance(2, 17)} AS sealed`])}`,
    ...comments('health.ems_calls', 'Ambulance calls handled by the emergency communications centre; one row per call.', {
      call_id: 'Computer-aided dispatch incident number.',
      received_at: 'When the call was answered.',
      priority: 'Dispatch priority assigned by the call taker.',
      call_type: 'Chief complaint, as coded by the call taker.',
      patient_name: 'Patient name when known. Confidential.',
      patient_age: 'Patient age in years when known.',
      patient_sex: 'Patient sex as reported by the caller.',
      postal_code: 'ZIP code of the incident address.',
      latitude: 'Latitude of the incident address (WGS 84).',
      longitude: 'Longitude of the incident address (WGS 84).',
      dispatch_note: 'Free-text note typed by the call taker.',
      transported: 'True when the patient was taken to hospital.',
      sealed: 'True for records sealed to protect the person (e.g. a protected address); never published.',
    }),
  ];
}
