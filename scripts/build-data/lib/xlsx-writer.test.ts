import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it, onTestFinished } from 'vitest';
import { FormatNotWritable } from '../errors.ts';
import { XLSX_MAX_CELL_CHARACTERS, XlsxSink, xlsxCell } from './xlsx-writer.ts';

const columns = [
  { name: 'id', type: 'integer' },
  { name: 'amount', type: 'number' },
  { name: 'paid', type: 'boolean' },
  { name: 'day', type: 'date' },
  { name: 'at', type: 'datetime' },
  { name: 'note', type: 'string' },
  { name: 'took', type: 'duration' },
] as const;

describe('the XLSX download', () => {
  it('opens back in exceljs with a header row and typed cells', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'catalog-xlsx-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'data.xlsx');
    const sink = new XlsxSink(file, columns, { created: new Date('2026-11-25T12:00:00Z') });
    sink.addRow(['1', '-42.50', 't', '2026-03-01', '2026-03-01 13:45:07', '=HYPERLINK("http://x")', 'P1DT2H']);
    sink.addRow(['9007199254740993', '0.1234567890123456789', 'f', '1899-12-31', '2026-03-01 13:45:07+00', null, null]);
    const { bytes, sha256 } = await sink.close();
    expect(bytes).toBe((await stat(file)).size);
    expect(sha256).toBe(
      createHash('sha256')
        .update(await readFile(file))
        .digest('hex'),
    );

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('data');
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(1).values).toEqual([undefined, 'id', 'amount', 'paid', 'day', 'at', 'note', 'took']);
    const row = sheet.getRow(2);
    expect(row.getCell(1).value).toBe(1);
    expect(row.getCell(2).value).toBe(-42.5);
    expect(row.getCell(3).value).toBe(true);
    expect(row.getCell(4).value).toEqual(new Date('2026-03-01T00:00:00Z'));
    expect(row.getCell(4).numFmt).toBe('yyyy-mm-dd');
    expect(row.getCell(5).value).toEqual(new Date('2026-03-01T13:45:07Z'));
    // A string cell, never a formula: a spreadsheet shows it, it does not run it.
    expect(row.getCell(6).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(6).value).toBe('=HYPERLINK("http://x")');
    expect(row.getCell(7).value).toBe('P1DT2H');
    const second = sheet.getRow(3);
    // Beyond what a spreadsheet number holds exactly: kept as the exact text.
    expect(second.getCell(1).value).toBe('9007199254740993');
    expect(second.getCell(2).value).toBe('0.1234567890123456789');
    expect(second.getCell(3).value).toBe(false);
    expect(second.getCell(4).value).toBe('1899-12-31');
    expect(second.getCell(5).value).toEqual(new Date('2026-03-01T13:45:07Z'));
    expect(second.getCell(6).value).toBeNull();
  });

  it('refuses a value longer than a spreadsheet cell holds, so the snapshot leaves XLSX out', () => {
    expect(() => xlsxCell('x'.repeat(XLSX_MAX_CELL_CHARACTERS + 1), 'string')).toThrow(FormatNotWritable);
    expect(xlsxCell('x'.repeat(XLSX_MAX_CELL_CHARACTERS), 'string')).toHaveLength(XLSX_MAX_CELL_CHARACTERS);
  });

  it('keeps NaN, infinity and times of day as text', () => {
    expect(xlsxCell('NaN', 'number')).toBe('NaN');
    expect(xlsxCell('Infinity', 'number')).toBe('Infinity');
    expect(xlsxCell('infinity', 'date')).toBe('infinity');
    expect(xlsxCell('13:45:00', 'time')).toBe('13:45:00');
  });
});
