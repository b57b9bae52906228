import { parentPort, workerData } from 'node:worker_threads';
import { CopyTranscoder } from './copy-transcoder.ts';
import { RowMeasures, type MeasureSetup } from './row-measures.ts';
import type { OutputColumn } from './row-writers.ts';

/**
 * Worker thread of WorkerMeasures: splits the COPY chunks it is sent into rows and measures them,
 * acknowledging each chunk so the sender can bound what is in flight.
 */
const { setup, columns } = workerData as { setup: MeasureSetup; columns: OutputColumn[] };
const measures = new RowMeasures(setup);
const splitter = new CopyTranscoder({ columns, json: false, csv: false, sampleRows: 0, onRow: (row) => measures.add(row) });

parentPort!.on('message', (message: { chunk?: Uint8Array; end?: boolean }) => {
  try {
    if (message.chunk) {
      splitter.push(Buffer.from(message.chunk.buffer, message.chunk.byteOffset, message.chunk.length));
      parentPort!.postMessage({ ack: message.chunk.length });
    } else if (message.end) {
      splitter.end();
      parentPort!.postMessage({ result: measures.result() });
    }
  } catch (error) {
    parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
});
