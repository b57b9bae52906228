import { XlsxSink } from '../lib/xlsx-writer.ts';
import type { SinkFactory } from './sink.ts';

/** `data.xlsx`: exceljs's streaming workbook (lib/xlsx-writer.ts), dated at the snapshot. */
export const xlsxSink: SinkFactory = ({ path, columns, snapshotAt }) => {
  const workbook = new XlsxSink(path, columns, { created: snapshotAt });
  return {
    input: 'rows',
    start: async () => {},
    // Throws FormatNotWritable for a value a cell cannot hold: the snapshot then gives the workbook up.
    add: (row) => workbook.addRow(row),
    flush: async () => {},
    finish: () => workbook.close(),
    abandon: () => workbook.abandon(),
  };
};
