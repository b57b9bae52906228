import type { DownloadFormatId } from '../../../src/shared/download-formats.ts';
import { csvSink } from './csv.ts';
import { excelCsvSink } from './excel-csv.ts';
import { jsonSink } from './json.ts';
import { parquetSink } from './parquet.ts';
import type { SinkFactory } from './sink.ts';
import { xlsxSink } from './xlsx.ts';
import { xmlSink } from './xml.ts';

/**
 * The pipeline's half of the format registry (src/shared/download-formats.ts): the sink that
 * writes each registered format, by id. The type requires one for every registered format.
 */
export const formatSinks: Record<DownloadFormatId, SinkFactory> = {
  csv: csvSink,
  'excel-csv': excelCsvSink,
  json: jsonSink,
  xlsx: xlsxSink,
  xml: xmlSink,
  parquet: parquetSink,
};
