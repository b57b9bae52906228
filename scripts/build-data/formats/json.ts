import { FileSink } from '../lib/file-sink.ts';
import { abandonFile, closeFile, type SinkFactory } from './sink.ts';

/** `data.json`: an array around the transcoder's row objects (one per line; rules in lib/row-writers.ts). */
export const jsonSink: SinkFactory = ({ path }) => {
  const file = new FileSink(path);
  return {
    input: 'json-bytes',
    start: () => file.write('['),
    write: (bytes, onWritten) => file.writeBytes(bytes, onWritten),
    finish: async (rowCount) => {
      await file.write(rowCount === 0 ? ']\n' : '\n]\n');
      return closeFile(file);
    },
    abandon: () => abandonFile(file),
  };
};
