import { FileSink } from '../lib/file-sink.ts';
import { csvHeader } from '../lib/row-writers.ts';
import { abandonFile, closeFile, type SinkFactory } from './sink.ts';

/** `data.csv`: the header row, then the transcoder's CSV bytes (rules in lib/row-writers.ts). */
export const csvSink: SinkFactory = ({ path, columns }) => {
  const file = new FileSink(path);
  return {
    input: 'csv-bytes',
    start: () => file.write(csvHeader(columns)),
    write: (bytes, onWritten) => file.writeBytes(bytes, onWritten),
    finish: () => closeFile(file),
    abandon: () => abandonFile(file),
  };
};
