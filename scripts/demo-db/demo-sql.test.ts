import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/schemas/dataset.ts';
import { compareColumns } from '../build-data/steps/check-schema.ts';
import { publishedSelect } from '../build-data/lib/published-query.ts';
import { METADATA_DIR, readAllMetadata, type MetadataFile } from '../../src/shared/metadata.ts';
import { demoDatabaseSql } from './demo-sql.ts';
import { SECRET_MARKERS, TRANSFORMED_COLUMNS, UNAPPROVED_TABLES, UNPUBLISHED_COLUMNS } from './markers.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// PGlite takes several seconds to start, and the demo database a few more to load.
const SLOW = 120_000;

/** Rows per table at scale 1, and the md5 of all its rows: the demo data's fingerprint. */
const EXPECTED: Record<string, { rows: number; md5: string }> = {
  'parks.street_trees': { rows: 5_000, md5: '49b6d7c31a06be7eb92a1f3742776dc2' },
  'public_works.service_requests': { rows: 120_000, md5: '912604eb6bed0e537e39a1798befa314' },
  'planning.building_permits': { rows: 6_000, md5: 'b2a83fbfd92a6fe425d74f685e36df85' },
  'health.restaurant_inspections': { rows: 6_000, md5: 'd446d015eede6b16903b0c335f53fcf8' },
  'health.ems_calls': { rows: 4_000, md5: '7cf6a1ad4739f85645211ba88cfc542e' },
  'finance.spending': { rows: 15_000, md5: 'f23137ffe2c49e41cb532cf5795a8f3c' },
  // 12 daily routes × 731 days + 2 weekday-only express routes × 523 weekdays.
  'transit.daily_ridership': { rows: 9_818, md5: '1de5274142f082890a57013f9a21ee21' },
  'hr.staff_records': { rows: 400, md5: 'ee5b3c0e73ae34e459d67a34dc740e1d' },
};

/** The metadata files describing the demo database (other files, e.g. test fixtures, may exist). */
const DEMO_DATASETS = ['street-trees', '311-service-requests', 'building-permits', 'restaurant-inspections', 'emergency-medical-calls', 'city-spending', 'transit-ridership'];

async function loadDemo(): Promise<PGlite> {
  const db = await PGlite.create();
  for (const statement of demoDatabaseSql()) await db.exec(statement);
  // The text form of timestamptz and interval depends on these; fix them so fingerprints are portable.
  await db.exec(`SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres'`);
  return db;
}

/** md5 over every row's text form, in a collation-independent order. */
async function fingerprint(db: PGlite, table: string): Promise<{ rows: number; md5: string }> {
  const { rows } = await db.query<{ rows: number; md5: string }>(`SELECT count(*)::int AS rows, md5(string_agg(t::text, '|' ORDER BY t::text COLLATE "C")) AS md5 FROM ${table} AS t`);
  return rows[0]!;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

let db: PGlite;
let metadata: MetadataFile[];

beforeAll(async () => {
  [db, metadata] = await Promise.all([loadDemo(), readAllMetadata(ROOT)]);
}, SLOW);

afterAll(async () => {
  await db?.close();
});

function demoDataset(id: string): Dataset {
  const found = metadata.find((m) => m.dataset.id === id);
  if (!found) throw new Error(`${METADATA_DIR}/${id}.yaml is missing`);
  return found.dataset;
}

describe('demo database', () => {
  it('has the expected number of rows in every table, with a large 311 table', async () => {
    for (const [table, expected] of Object.entries(EXPECTED)) {
      expect((await fingerprint(db, table)).rows, table).toBe(expected.rows);
    }
    expect(EXPECTED['public_works.service_requests']!.rows).toBeGreaterThanOrEqual(100_000);
  });

  it(
    'generates byte-identical data in a fresh database and matches the pinned fingerprints',
    async () => {
      const second = await loadDemo();
      try {
        for (const table of Object.keys(EXPECTED)) {
          const first = await fingerprint(db, table);
          expect(await fingerprint(second, table), table).toEqual(first);
          // A deliberate change to a generator changes these: update EXPECTED in the same commit.
          expect(first.md5, `${table} fingerprint`).toBe(EXPECTED[table]!.md5);
        }
      } finally {
        await second.close();
      }
    },
    SLOW,
  );

  it('scales row counts and refuses a scale that is not a positive number', () => {
    expect(demoDatabaseSql({ scale: 2 }).join('\n')).toContain('generate_series(1, 240000)');
    expect(demoDatabaseSql({ scale: 0.001 }).join('\n')).toContain('generate_series(1, 120)');
    expect(() => demoDatabaseSql({ scale: 0 })).toThrow(/positive number/);
    expect(() => demoDatabaseSql({ scale: Number.NaN })).toThrow(/positive number/);
  });

  it('uses no source of randomness or of the current time', () => {
    const sql = demoDatabaseSql().join('\n');
    expect(sql).not.toMatch(/\b(random|now|clock_timestamp|statement_timestamp|transaction_timestamp|nextval|hashtext)\s*\(/i);
    expect(sql).not.toMatch(/\b(current_date|current_timestamp|localtimestamp|serial|bigserial)\b/i);
  });

  it('puts NULLs, commas, double quotes and line breaks in the street-tree notes', async () => {
    const { rows } = await db.query<Record<string, number>>(`
      SELECT count(*) FILTER (WHERE notes IS NULL)::int AS nulls,
             count(*) FILTER (WHERE notes LIKE '%,%')::int AS commas,
             count(*) FILTER (WHERE notes LIKE '%"%')::int AS quotes,
             count(*) FILTER (WHERE notes LIKE '"%')::int AS leading_quotes,
             count(*) FILTER (WHERE strpos(notes, E'\\n') > 0)::int AS newlines,
             count(*) FILTER (WHERE strpos(notes, E'\\r\\n') > 0)::int AS crlf
        FROM parks.street_trees`);
    for (const [kind, count] of Object.entries(rows[0]!)) expect(count, kind).toBeGreaterThan(0);
  });

  it('keeps NULL closing times exactly for open requests', async () => {
    const { rows } = await db.query<{ open: number; closed: number; bad: number }>(`
      SELECT count(*) FILTER (WHERE status IN ('open', 'in progress'))::int AS open,
             count(*) FILTER (WHERE status IN ('closed', 'duplicate'))::int AS closed,
             count(*) FILTER (WHERE (closed_at IS NULL) <> (status IN ('open', 'in progress')))::int AS bad
        FROM public_works.service_requests`);
    expect(rows[0]!.open).toBeGreaterThan(0);
    expect(rows[0]!.closed).toBeGreaterThan(rows[0]!.open);
    expect(rows[0]!.bad).toBe(0);
  });
});

describe('demo metadata', () => {
  it('describes every demo dataset as approved, and the HR table as not approved', () => {
    for (const id of DEMO_DATASETS) expect(demoDataset(id).status, id).toBe('approved');
    for (const table of UNAPPROVED_TABLES) {
      const described = metadata.filter((m) => `${m.dataset.source.schema}.${m.dataset.source.table}` === table);
      expect(described.length, table).toBeGreaterThan(0);
      for (const { dataset } of described) expect(dataset.status, dataset.id).not.toBe('approved');
    }
  });

  it('declares only columns that exist, with a type matching the live column', async () => {
    for (const id of DEMO_DATASETS) {
      const dataset = demoDataset(id);
      const { rows } = await db.query<{ column_name: string; udt_name: string }>(`SELECT column_name, udt_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2`, [
        dataset.source.schema,
        dataset.source.table,
      ]);
      const live = new Map(rows.map((r) => [r.column_name, r.udt_name]));
      expect(live.size, `${id}: source table`).toBeGreaterThan(0);
      // The snapshot's own drift check, which knows what each transform reads and produces.
      expect(() =>
        compareColumns(
          dataset,
          id,
          rows.map((r) => ({ name: r.column_name, type: r.udt_name })),
        ),
      ).not.toThrow();
    }
  });

  it('keeps declared allowed values and ranges true of the published data', async () => {
    for (const id of DEMO_DATASETS) {
      const dataset = demoDataset(id);
      const published = `(${publishedSelect(dataset)}) AS published`;
      for (const field of dataset.fields) {
        const column = quote(field.name);
        if (field.allowedValues) {
          const { rows } = await db.query<{ value: string }>(`SELECT DISTINCT ${column}::text AS value FROM ${published} WHERE ${column} IS NOT NULL`);
          const allowed = field.allowedValues.map(String);
          for (const { value } of rows) expect(allowed, `${id}.${field.name}`).toContain(value);
        }
        if (field.range) {
          const { rows } = await db.query<{ min: string | null; max: string | null }>(`SELECT min(${column})::text AS min, max(${column})::text AS max FROM ${published}`);
          if (field.range.min !== undefined) expect(Number(rows[0]!.min), `${id}.${field.name} min`).toBeGreaterThanOrEqual(field.range.min);
          if (field.range.max !== undefined) expect(Number(rows[0]!.max), `${id}.${field.name} max`).toBeLessThanOrEqual(field.range.max);
        }
      }
    }
  });

  it('has a database comment for every demo table and published column', async () => {
    for (const id of DEMO_DATASETS) {
      const dataset = demoDataset(id);
      const { rows } = await db.query<{ table_comment: string | null; column_name: string; column_comment: string | null }>(
        `SELECT obj_description(c.oid, 'pg_class') AS table_comment, a.attname AS column_name, col_description(c.oid, a.attnum) AS column_comment
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid
          WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped`,
        [dataset.source.schema, dataset.source.table],
      );
      expect(rows[0]?.table_comment, id).toBeTruthy();
      const published = new Set(dataset.fields.map((f) => f.name));
      for (const row of rows.filter((r) => published.has(r.column_name))) expect(row.column_comment, `${id}.${row.column_name}`).toBeTruthy();
    }
  });

  it('puts the word "arboriculturist" in exactly one place: a street-trees field description', async () => {
    const texts = await allMetadataText();
    const hits = [...texts.entries()].flatMap(([file, text]) => (text.match(/arboriculturist/gi) ?? []).map(() => file));
    expect(hits).toEqual([`${METADATA_DIR}/street-trees.yaml`]);
    expect(demoDataset('street-trees').fields.some((f) => f.description.includes('arboriculturist'))).toBe(true);
  });
});

describe('privacy canaries', () => {
  it('plants every secret marker in unpublished data or in values a transform or filter withholds', async () => {
    const sources = [
      ...Object.entries(Object.groupBy([...UNPUBLISHED_COLUMNS, ...TRANSFORMED_COLUMNS], (c) => c.table)).map(
        ([table, columns]) => `SELECT concat_ws('|', ${columns!.map((c) => quote(c.column)).join(', ')}) AS value FROM ${table}`,
      ),
      ...UNAPPROVED_TABLES.map((table) => `SELECT t::text AS value FROM ${table} AS t`),
    ];
    for (const marker of SECRET_MARKERS) {
      const { rows } = await db.query<{ found: boolean }>(`SELECT EXISTS (SELECT 1 FROM (${sources.join(' UNION ALL ')}) AS u WHERE strpos(value, $1) > 0) AS found`, [marker]);
      expect(rows[0]!.found, marker).toBe(true);
    }
  });

  it('lists unpublished columns that exist and that no dataset publishes', async () => {
    for (const { table, column } of UNPUBLISHED_COLUMNS) {
      const [schema, name] = table.split('.');
      const { rows } = await db.query(`SELECT 1 FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 AND column_name = $3`, [schema, name, column]);
      expect(rows, `${table}.${column}`).toHaveLength(1);
      for (const { dataset } of metadata) {
        if (`${dataset.source.schema}.${dataset.source.table}` === table)
          expect(
            dataset.fields.map((f) => f.name),
            dataset.id,
          ).not.toContain(column);
      }
    }
  });

  it('never puts a secret marker in a published value (after transforms, row filter and small cells)', async () => {
    for (const id of DEMO_DATASETS) {
      const dataset = demoDataset(id);
      // Hashed columns are replaced on the stream, after this query; the pipeline tests cover them.
      const shown = dataset.fields.filter((f) => f.transform?.method !== 'hash');
      const row = `concat_ws(E'\\x1f', ${shown.map((f) => `${quote(f.name)}::text`).join(', ')})`;
      const { rows } = await db.query<{ hits: number }>(
        `SELECT count(*)::int AS hits FROM (${publishedSelect(dataset)}) AS published WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) AS m WHERE strpos(${row}, m) > 0)`,
        [SECRET_MARKERS],
      );
      expect(rows[0]!.hits, id).toBe(0);
    }
  });

  it('keeps secret markers and unpublished column names out of every metadata file', async () => {
    for (const [file, text] of await allMetadataText()) {
      for (const marker of SECRET_MARKERS) expect(text.includes(marker), `${marker} in ${file}`).toBe(false);
      for (const { column } of UNPUBLISHED_COLUMNS) expect(text.includes(column), `${column} in ${file}`).toBe(false);
    }
  });

  it('names an unapproved table only in the metadata of that unapproved dataset', async () => {
    const texts = await allMetadataText();
    for (const table of UNAPPROVED_TABLES) {
      const name = table.split('.').pop()!;
      for (const { file } of metadata.filter((m) => m.dataset.status === 'approved')) {
        expect(texts.get(file)!.includes(name), `${name} in ${file}`).toBe(false);
      }
    }
  });
});

async function allMetadataText(): Promise<Map<string, string>> {
  const dir = path.join(ROOT, METADATA_DIR);
  const names = (await readdir(dir)).filter((name) => /\.ya?ml$/.test(name)).sort();
  return new Map(await Promise.all(names.map(async (name) => [`${METADATA_DIR}/${name}`, await readFile(path.join(dir, name), 'utf8')] as const)));
}
