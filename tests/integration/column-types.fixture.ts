/**
 * One column per common PostgreSQL type, with ordinary and edge values, for the column-type tests
 * (tests/integration/column-types.test.ts), loaded into a real server and into the embedded database.
 * `types.publishable` holds the types the catalog publishes; `types.refused` those it refuses (empty:
 * a refusal is decided from the catalog, before any row is read).
 */
export function columnTypesSql(): string[] {
  return [
    `CREATE SCHEMA types`,
    `CREATE TYPE types.mood AS ENUM ('sad', 'ok', 'happy')`,
    `CREATE DOMAIN types.positive AS integer CHECK (VALUE > 0)`,
    `CREATE DOMAIN types.small_positive AS types.positive CHECK (VALUE < 1000)`,
    `CREATE TYPE types.pair AS (a integer, b text)`,
    `CREATE TABLE types.publishable (
       id integer PRIMARY KEY,
       c_text text, c_varchar varchar(10), c_bpchar char(5), c_uuid uuid,
       c_inet inet, c_cidr cidr, c_macaddr macaddr, c_macaddr8 macaddr8, c_bit bit(4), c_varbit bit varying(8),
       c_money money, c_enum types.mood, c_domain types.positive, c_nested_domain types.small_positive,
       c_int2 smallint, c_int8 bigint, c_numeric numeric, c_float4 real, c_float8 double precision, c_bool boolean,
       c_date date, c_timestamp timestamp, c_timestamptz timestamptz, c_time time, c_timetz timetz, c_interval interval,
       c_generated integer GENERATED ALWAYS AS (c_int2 * 2) STORED
     )`,
    `INSERT INTO types.publishable (id, c_text, c_varchar, c_bpchar, c_uuid, c_inet, c_cidr, c_macaddr, c_macaddr8, c_bit, c_varbit,
       c_money, c_enum, c_domain, c_nested_domain, c_int2, c_int8, c_numeric, c_float4, c_float8, c_bool,
       c_date, c_timestamp, c_timestamptz, c_time, c_timetz, c_interval) VALUES
     (1, 'plain, "quoted"', 'short', 'ab', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '192.0.2.1', '192.0.2.0/24', '08:00:2b:01:02:03', '08:00:2b:01:02:03:04:05', B'1010', B'101',
       1234.5, 'happy', 7, 42, -32768, 9007199254740993, 12345678901234567890.123456789, 1.5, 0.1, true,
       '2024-02-29', '2024-02-29 13:45:06.123', '2024-02-29 13:45:06+02', '13:45:06', '13:45:06+02', '1 year 2 months 3 days 04:05:06.5'),
     (2, '', NULL, NULL, NULL, '2001:db8::1', NULL, NULL, NULL, NULL, B'',
       -0.5, 'sad', 1, 1, 32767, -9223372036854775808, 'NaN', '-Infinity', 'Infinity', false,
       'infinity', '1899-12-31 23:59:59', '-infinity', '24:00:00', '00:00:00-14', '-1 days -00:00:01')`,
    `CREATE TABLE types.refused (
       id integer PRIMARY KEY,
       c_json json, c_jsonb jsonb, c_bytea bytea, c_int_array integer[], c_text_array text[],
       c_point point, c_polygon polygon, c_circle circle, c_box box, c_line line, c_lseg lseg, c_path path,
       c_int4range int4range, c_tstzrange tstzrange, c_daterange daterange, c_multirange int4multirange,
       c_tsvector tsvector, c_tsquery tsquery, c_composite types.pair, c_oid oid, c_regclass regclass, c_pg_lsn pg_lsn
     )`,
    // Views and partitioned tables are sources like any table.
    `CREATE VIEW types.publishable_view AS SELECT id, c_uuid, c_enum, c_interval FROM types.publishable`,
    `CREATE TABLE types.by_year (id integer NOT NULL, year integer NOT NULL, c_uuid uuid) PARTITION BY RANGE (year)`,
    `CREATE TABLE types.by_year_2023 PARTITION OF types.by_year FOR VALUES FROM (2023) TO (2024)`,
    `CREATE TABLE types.by_year_2024 PARTITION OF types.by_year FOR VALUES FROM (2024) TO (2025)`,
    `INSERT INTO types.by_year VALUES (1, 2023, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'), (2, 2024, NULL)`,
  ];
}
