import { ParquetFileWriter } from '../lib/parquet-file-writer.ts';
import { parquetColumnType } from '../lib/parquet-schema.ts';
import { abandonFileAt, type SinkFactory } from './sink.ts';

/**
 * `data.parquet`: every row, typed per column (lib/parquet-schema.ts), in row groups with min/max
 * statistics and page indexes for readers over HTTP range requests (lib/parquet-file-writer.ts).
 * Fed the transcoder's rows as bytes; memory holds one row group.
 */
export const parquetSink: SinkFactory = ({ path, columns, sqlTypes }) => {
  const writer = new ParquetFileWriter(
    path,
    columns.map((c, i) => ({ name: c.name, type: parquetColumnType(c.type, sqlTypes[i]) })),
  );
  return {
    input: 'copy-rows',
    start: () => writer.start(),
    // Throws FormatNotWritable for a value its column's type cannot hold (NaN in a DECIMAL): the snapshot then gives Parquet up.
    add: (row) => writer.add(row),
    flush: () => writer.flush(),
    finish: () => writer.finish(),
    abandon: async () => {
      await writer.abandon();
      await abandonFileAt(path);
    },
  };
};
