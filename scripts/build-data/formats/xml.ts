import { FileSink } from '../lib/file-sink.ts';
import { XML_FOOTER, xmlHeader, xmlRowWriter } from '../lib/xml-writer.ts';
import { abandonFile, closeFile, type SinkFactory } from './sink.ts';

/** `data.xml`: the small schema of lib/xml-writer.ts, one `<row>` per row. */
export const xmlSink: SinkFactory = ({ path, datasetId, columns }) => {
  const file = new FileSink(path);
  const toXml = xmlRowWriter(columns);
  let pending = '';
  return {
    input: 'rows',
    start: () => file.write(xmlHeader(datasetId, columns)),
    add: (row) => {
      pending += toXml(row);
    },
    flush: async () => {
      if (pending === '') return;
      await file.write(pending);
      pending = '';
    },
    finish: async () => {
      await file.write(pending + XML_FOOTER);
      pending = '';
      return closeFile(file);
    },
    abandon: () => abandonFile(file),
  };
};
