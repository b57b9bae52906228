import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_COMPLAINTS, HOSTILE_FORMULAS, HOSTILE_HTML, HOSTILE_PII, HOSTILE_SECRET, HOSTILE_TABLES, hostileDatabaseSql } from './hostile-sql.ts';

function luhnValid(number: string): boolean {
  const digits = number.replace(/\D/g, '').split('').reverse().map(Number);
  const sum = digits.reduce((total, digit, index) => {
    if (index % 2 === 0) return total + digit;
    const doubled = digit * 2;
    return total + (doubled > 9 ? doubled - 9 : doubled);
  }, 0);
  return digits.length >= 13 && sum % 10 === 0;
}

let db: PGlite;

beforeAll(async () => {
  db = await PGlite.create();
  for (const statement of hostileDatabaseSql()) await db.exec(statement);
}, 120_000);

afterAll(async () => {
  await db?.close();
});

describe('hostile fixture', () => {
  it('stores every planted value byte for byte', async () => {
    const { rows } = await db.query<{ id: number; category: string; body: string; adjustment: string | null }>(
      `SELECT id, category, body, adjustment::text AS adjustment FROM ${HOSTILE_TABLES.complaints} ORDER BY id`,
    );
    expect(rows.map((r) => [r.category, r.body, r.adjustment === null ? null : Number(r.adjustment)])).toEqual(HOSTILE_COMPLAINTS);
    const bodies = rows.map((r) => r.body);
    for (const value of Object.values(HOSTILE_PII))
      expect(
        bodies.some((b) => b.includes(value)),
        value,
      ).toBe(true);
    for (const payload of [...HOSTILE_FORMULAS, ...HOSTILE_HTML]) expect(bodies).toContain(payload);
  });

  it('keeps the legitimate negative amount as the text "-42"', async () => {
    const { rows } = await db.query<{ adjustment: string }>(`SELECT adjustment::text AS adjustment FROM ${HOSTILE_TABLES.complaints} WHERE adjustment < 0`);
    expect(rows).toEqual([{ adjustment: '-42' }]);
  });

  it('plants a card number that passes the Luhn check', () => {
    expect(luhnValid(HOSTILE_PII.card)).toBe(true);
  });

  it('holds the secret only in the unapproved table', async () => {
    const { rows } = await db.query<{ secret: string }>(`SELECT secret FROM ${HOSTILE_TABLES.secret}`);
    expect(rows).toEqual([{ secret: HOSTILE_SECRET }]);
    expect(HOSTILE_COMPLAINTS.flat().some((value) => String(value).includes(HOSTILE_SECRET))).toBe(false);
  });
});
