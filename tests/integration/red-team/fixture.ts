import { literal } from '../../../scripts/demo-db/sql-helpers.ts';

/**
 * The red team's database: one approved table (`pub.complaints`), the tables nobody approved
 * (`hr.secret`, `"HR Dept"."Secret Table"`, `auth.tokens`, which the never-read list covers with
 * `auth.*`), and the views, functions, partitions and children an attacker with only metadata at
 * hand would point a dataset at. Every value of an unapproved table, and of the approved table's
 * unpublished column, is a marker: finding one in any output proves a leak.
 */

export const MARKERS = {
  /** A name in hr.secret. */
  name: 'Zyxvot Quellbright',
  /** An identity number in hr.secret (text that a cast to integer quotes in its error). */
  identity: 'RT-ID-48151623',
  /** A value in "HR Dept"."Secret Table". */
  quoted: 'RT-QUOTED-Vexmoor',
  /** A token in auth.tokens (never-read: auth.*). */
  token: 'RT-TOKEN-9f3kq2Lz',
  /** The approved table's column that is not in any field dictionary. */
  note: 'RT-NOTE-Ombrewick',
  /** Names in pub.people, cast to integer by a view (its error would quote them). */
  people: 'RT-PEOPLE-Halvard Pim',
  /** Rows of a partition and an inheritance child kept in the auth schema. */
  partition: 'RT-PARTITION-Yelm',
  child: 'RT-CHILD-Corvane',
} as const;

export function redTeamSql(): string[] {
  return [
    `CREATE SCHEMA pub`,
    `CREATE SCHEMA hr`,
    `CREATE SCHEMA auth`,
    `CREATE SCHEMA "HR Dept"`,
    `CREATE SCHEMA "Pub Views"`,
    `CREATE TABLE pub.complaints (id integer PRIMARY KEY, category text NOT NULL, secret_note text NOT NULL)`,
    `INSERT INTO pub.complaints SELECT i, (ARRAY['noise', 'parking', 'parks'])[1 + i % 3], ${literal(MARKERS.note)} FROM generate_series(1, 12) AS i`,
    `CREATE TABLE hr.secret (id integer PRIMARY KEY, name text NOT NULL, identity_number text NOT NULL)`,
    `INSERT INTO hr.secret VALUES (1, ${literal(MARKERS.name)}, ${literal(MARKERS.identity)}), (2, ${literal(MARKERS.name)}, ${literal(MARKERS.identity)})`,
    `CREATE TABLE "HR Dept"."Secret Table" (id integer PRIMARY KEY, "Full Name" text NOT NULL)`,
    `INSERT INTO "HR Dept"."Secret Table" VALUES (1, ${literal(MARKERS.quoted)})`,
    `CREATE TABLE auth.tokens (id integer PRIMARY KEY, token text NOT NULL)`,
    `INSERT INTO auth.tokens VALUES (1, ${literal(MARKERS.token)})`,
    `CREATE TABLE pub.people (id integer PRIMARY KEY, name text NOT NULL)`,
    `INSERT INTO pub.people VALUES (1, ${literal(MARKERS.people)})`,

    // Views that join the unapproved table, directly, nested, through a CTE, quoted, materialised.
    `CREATE VIEW pub.complaints_named AS SELECT c.id, c.category, s.name FROM pub.complaints c JOIN hr.secret s ON s.id = c.id`,
    `CREATE VIEW pub.inner_view AS SELECT c.id, c.category, s.identity_number FROM pub.complaints c LEFT JOIN hr.secret s ON s.id = c.id`,
    `CREATE VIEW pub.outer_view AS SELECT id, category FROM pub.inner_view`,
    `CREATE VIEW pub.cte_view AS WITH s AS (SELECT id, name FROM hr.secret) SELECT c.id, c.category FROM pub.complaints c WHERE EXISTS (SELECT 1 FROM s WHERE s.id = c.id)`,
    `CREATE VIEW "Pub Views"."Complaints.Named" AS SELECT c.id, c.category FROM pub.complaints c JOIN "HR Dept"."Secret Table" s ON s.id = c.id`,
    `CREATE MATERIALIZED VIEW pub.secret_counts AS SELECT c.id, c.category, (SELECT count(*) FROM hr.secret) AS n FROM pub.complaints c`,
    `CREATE VIEW pub.token_view AS SELECT c.id, c.category FROM pub.complaints c JOIN auth.tokens t ON t.id = c.id`,
    // Built-in functions that read by name: nothing in pg_depend says what they read.
    `CREATE VIEW pub.xml_view AS SELECT c.id, c.category, length(query_to_xml('select name from hr.secret', true, false, '')::text) AS n FROM pub.complaints c`,
    // User functions: plpgsql (body not recorded) and SQL with BEGIN ATOMIC (body recorded).
    `CREATE FUNCTION pub.secret_name(i integer) RETURNS text LANGUAGE plpgsql STABLE AS $$ BEGIN RETURN (SELECT name FROM hr.secret WHERE id = i); END $$`,
    `CREATE VIEW pub.function_view AS SELECT c.id, c.category, pub.secret_name(c.id) AS n FROM pub.complaints c`,
    `CREATE FUNCTION pub.secret_name_atomic(i integer) RETURNS text LANGUAGE sql STABLE BEGIN ATOMIC SELECT name FROM hr.secret WHERE id = i; END`,
    `CREATE VIEW pub.atomic_view AS SELECT c.id, c.category, length(pub.secret_name_atomic(c.id)) AS n FROM pub.complaints c`,
    // System catalogs, recorded (pg_roles) and pinned (pg_class, found only by parsing the definition).
    `CREATE VIEW pub.roles_view AS SELECT c.id, c.category FROM pub.complaints c, pg_roles r WHERE r.rolname = current_user`,
    `CREATE VIEW pub.class_view AS SELECT c.id, c.category FROM pub.complaints c WHERE EXISTS (SELECT 1 FROM pg_class WHERE relname = 'x')`,
    // A partitioned table with a partition kept in the never-read schema; an inheritance child there too.
    `CREATE TABLE pub.archive (id integer NOT NULL, category text) PARTITION BY RANGE (id)`,
    `CREATE TABLE pub.archive_public PARTITION OF pub.archive FOR VALUES FROM (0) TO (100)`,
    `CREATE TABLE auth.archive_hidden PARTITION OF pub.archive FOR VALUES FROM (100) TO (200)`,
    `INSERT INTO pub.archive VALUES (1, 'noise'), (150, ${literal(MARKERS.partition)})`,
    `CREATE TABLE pub.legacy (id integer NOT NULL, category text)`,
    `CREATE TABLE auth.legacy_child () INHERITS (pub.legacy)`,
    `INSERT INTO pub.legacy VALUES (1, 'noise')`,
    `INSERT INTO auth.legacy_child VALUES (2, ${literal(MARKERS.child)})`,
    // A view that casts text to integer: the error the server raises quotes the value.
    `CREATE VIEW pub.people_cast AS SELECT id, name::integer AS code FROM pub.people`,
    // A view the metadata declares correctly: it publishes (the control for the view check).
    `CREATE VIEW pub.complaints_by_category AS SELECT c.id, c.category FROM pub.complaints c WHERE c.id IN (SELECT id FROM pub.people) OR true`,
  ];
}
