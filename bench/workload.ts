import type { FieldType } from '../src/schemas/field.ts';
import { generatedMetadata } from '../tests/helpers/generated-metadata.ts';

/**
 * The benchmark's own workload: a 12-column table of mixed types generated in SQL (deterministic:
 * every value is a function of the row number), and metadata for it that passes the approval gate.
 */

export const BENCH_SCHEMA = 'bench';

/** Columns of the benchmark table: name, SQL type, generating expression over `g`, field type. */
const COLUMNS: readonly (readonly [string, string, string, FieldType])[] = [
  ['id', 'bigint PRIMARY KEY', 'g', 'integer'],
  ['recorded_at', 'timestamptz', "timestamptz '2024-01-01 00:00:00+00' + (g * interval '37 seconds')", 'datetime'],
  ['service_date', 'date', "date '2020-01-01' + (g % 2000)::integer", 'date'],
  [
    'category',
    'text',
    "(ARRAY['Pothole','Streetlight out','Graffiti','Missed collection','Illegal dumping','Noise complaint','Abandoned vehicle','Tree maintenance','Sidewalk repair','Water leak','Snow and ice','Rodents'])[1 + g % 12]",
    'string',
  ],
  ['district', 'text', "'District ' || (1 + (g * 7) % 20)", 'string'],
  ['amount', 'numeric(12,2)', '((g * 7919) % 1000000) / 100.0', 'number'],
  ['quantity', 'integer', '((g * 31) % 500)::integer', 'integer'],
  ['score', 'double precision', '((g * 104729) % 100000) / 997.0', 'number'],
  ['is_open', 'boolean', 'g % 3 = 0', 'boolean'],
  ['reference', 'text', "'REF-' || lpad((g % 100000)::text, 6, '0')", 'string'],
  ['description', 'text', "'Inspection ' || g || ' of site on ' || (ARRAY['Main St','Oak Ave','River Rd, north side','\"The Mall\" plaza'])[1 + g % 4] || ' after report'", 'string'],
  ['note', 'text', "CASE WHEN g % 5 = 0 THEN NULL ELSE 'checked by crew ' || (g % 40) END", 'string'],
];

export function tableSql(table: string, rows: number): string[] {
  const relation = `${BENCH_SCHEMA}.${table}`;
  return [
    `CREATE SCHEMA IF NOT EXISTS ${BENCH_SCHEMA}`,
    `DROP TABLE IF EXISTS ${relation}`,
    `CREATE TABLE ${relation} (${COLUMNS.map(([name, type]) => `${name} ${type}`).join(', ')})`,
    `INSERT INTO ${relation} SELECT ${COLUMNS.map(([, , expr]) => expr).join(', ')} FROM generate_series(1::bigint, ${rows}) AS g`,
    `VACUUM ANALYZE ${relation}`,
  ];
}

/** The SELECT the psql reference runs: the same columns, in the same order, as the snapshot. */
export function referenceSelect(table: string): string {
  return `SELECT ${COLUMNS.map(([name]) => name).join(', ')} FROM ${BENCH_SCHEMA}.${table} ORDER BY id`;
}

/** Metadata for a benchmark table (approved, with every sign-off, from the demo template). */
export function benchDatasetMetadata(template: Record<string, unknown>, id: string, table: string): Record<string, unknown> {
  return generatedMetadata(template, { id, title: `Benchmark table ${table}`, schema: BENCH_SCHEMA, table, columns: COLUMNS.map(([name, , , type]) => [name, type] as const) });
}
