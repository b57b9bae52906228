/**
 * Run as `node --expose-gc tests/helpers/diff-memory-probe.ts <before.csv> <after.csv>`: compares
 * the two files by `id` while sampling the heap after forced garbage collections, and prints the
 * diff and the largest growth of live memory as JSON. A separate process, so that garbage the test
 * runner leaves behind and lazy collection cannot blur the measurement.
 */
import { diffCsvByKey } from '../../scripts/build-data/lib/csv-diff.ts';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const [before, after] = process.argv.slice(2);
gc();
const baseline = process.memoryUsage().heapUsed;
let peak = baseline;
const sampler = setInterval(() => {
  gc();
  peak = Math.max(peak, process.memoryUsage().heapUsed);
}, 50);
const diff = await diffCsvByKey(before!, after!, [{ name: 'id', type: 'integer' }]);
clearInterval(sampler);
console.log(JSON.stringify({ diff, liveGrowth: peak - baseline }));
