import { FileSink } from '../lib/file-sink.ts';
import { csvHeader, UTF8_BOM } from '../lib/row-writers.ts';
import { abandonFile, closeFile, type SinkFactory } from './sink.ts';

/** `data-excel.csv`: the bytes of data.csv after a byte order mark. */
export const excelCsvSink: SinkFactory = ({ path, columns }) => {
  const file = new FileSink(path);
  return {
    input: 'csv-bytes',
    // The byte order mark tells Excel the file is UTF-8; otherwise it guesses the local code page.
    start: () => file.write(UTF8_BOM + csvHeader(columns)),
    write: (bytes, onWritten) => file.writeBytes(bytes, onWritten),
    finish: () => closeFile(file),
    abandon: () => abandonFile(file),
  };
};
