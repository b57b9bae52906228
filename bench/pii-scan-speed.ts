import type { Field } from '../src/schemas/field.ts';
import type { Row } from '../scripts/build-data/lib/copy-text.ts';
import { PiiScanner } from '../scripts/build-data/lib/pii-scan.ts';

/**
 * Micro-benchmark of the personal-data scan alone: values per second through `PiiScanner.scan`
 * on text shaped like an ordinary civic table (short labels, ids, free-text notes, nulls).
 * Usage: node bench/pii-scan-speed.ts [values, default 2,000,000] [rounds, default 5]
 */
const total = Number(process.argv[2] ?? 2_000_000);
const rounds = Number(process.argv[3] ?? 5);

const makers: ((i: number) => string | null)[] = [
  () => 'Pothole',
  () => 'Streetlight out',
  (i) => `District ${i % 40}`,
  (i) => `REF-${String(i % 1e6).padStart(6, '0')}`,
  (i) => `Inspection ${100000 + (i % 900000)} of site on River Rd, north side after report`,
  () => '"The Mall" plaza',
  (i) => `checked by crew ${i % 50}`,
  () => null,
];
const width = makers.length;
const fields: Field[] = makers.map((_, k) => ({ name: `c${k}`, title: `c${k}`, description: 'Benchmark column.', type: 'string' }));

// Built up front, so the timed loop measures the scan only. Values are cut from a line with
// split, as copy-text.ts cuts them from COPY output (V8 then holds them as flat or sliced strings,
// not the unflattened concatenations a template literal makes).
const rows: Row[] = [];
for (let i = 0; i < total / width; i++) {
  const values = makers.map((make) => make(i));
  const cut = values
    .map((v) => v ?? '')
    .join('\t')
    .split('\t');
  rows.push(values.map((v, k) => (v === null ? null : cut[k]!)));
}

const rates: number[] = [];
for (let round = 0; round < rounds; round++) {
  const scanner = new PiiScanner(fields);
  // CPU time rather than wall time: the machines this runs on are shared, and a neighbour's load
  // moves wall time far more than it moves the CPU time the scan itself takes.
  const started = process.cpuUsage();
  for (const row of rows) scanner.scan(row);
  const used = process.cpuUsage(started);
  const seconds = (used.user + used.system) / 1e6;
  rates.push((rows.length * width) / seconds);
  if (scanner.findings().length !== 0) throw new Error(`unexpected findings: ${JSON.stringify(scanner.findings())}`);
}
rates.sort((a, b) => a - b);
const fmt = (r: number): string => `${(r / 1e6).toFixed(2)} M values/s`;
console.log(`${rows.length * width} values (nulls included) × ${rounds} rounds, per CPU second: median ${fmt(rates[Math.floor(rounds / 2)]!)}, best ${fmt(rates[rounds - 1]!)}`);
