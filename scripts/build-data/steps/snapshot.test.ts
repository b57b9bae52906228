import { describe, expect, it } from 'vitest';
import { maxSpreadsheetRowLimit, overRowLimitReason } from './snapshot.ts';

describe('formats limited by the spreadsheet row limit', () => {
  it("says in the registry's words which formats a large table goes without and which to use", () => {
    expect(overRowLimitReason(100_000, 120_000)).toBe('XLSX and XML are offered for tables of up to 100,000 rows; this version has 120,000. Use the CSV, JSON or Parquet file.');
  });

  it('caps the limit at the most rows the tightest format holds under its header', () => {
    expect(maxSpreadsheetRowLimit()).toEqual({ rows: 1_048_575, format: 'XLSX' });
  });
});
