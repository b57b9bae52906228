import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Field } from '../../src/schemas/field.ts';
import { copyOut } from '../../scripts/build-data/lib/copy-out-stream.ts';
import { CopyTranscoder } from '../../scripts/build-data/lib/copy-transcoder.ts';
import { RowMeasures, WorkerMeasures, type MeasureSetup } from '../../scripts/build-data/lib/row-measures.ts';
import { statsPlans, summarizeColumns } from '../../scripts/build-data/steps/profile.ts';
import { createTestDatabase, runStatements, type TestDatabase } from '../helpers/postgres.ts';

/**
 * The scan and the profile's stream measures give the same result in this thread and in the
 * worker thread a large table uses, and the worker sees every row: a value planted in the last
 * rows of a table bigger than one COPY batch is found.
 */

let db: TestDatabase;
const ROWS = 60_000;

beforeAll(async () => {
  db = await createTestDatabase();
  await runStatements(db.client, [
    `CREATE TABLE requests (id integer PRIMARY KEY, kind text, note text, amount numeric, opened date)`,
    `INSERT INTO requests SELECT g, (ARRAY['Pothole','Graffiti','Noise'])[1 + g % 3],
            CASE WHEN g = ${ROWS - 3} THEN 'call back jane.doe@example.org' WHEN g % 7 = 0 THEN NULL ELSE 'note ' || (g % 12000) END,
            (g % 997) / 10.0, date '2024-01-01' + (g % 400)
       FROM generate_series(1, ${ROWS}) AS g`,
  ]);
});

afterAll(async () => {
  await db?.drop();
});

const field = (name: string, type: Field['type']): Field => ({ name, type, title: name, description: `The ${name}.` });
const fields = [field('id', 'integer'), field('kind', 'string'), field('note', 'string'), field('amount', 'number'), field('opened', 'date')];
const query = 'SELECT id, kind, note, amount, opened FROM requests';

describe('measures in a worker thread (PostgreSQL)', () => {
  it('match the measures taken in this thread, and see the last rows', async () => {
    const summary = await summarizeColumns(db.client, query, fields, new Set());
    const setup: MeasureSetup = { fields, plans: statsPlans(fields, new Set(), summary), keyIndexes: [0] };
    const local = new RowMeasures(setup);
    const worker = new WorkerMeasures(
      setup,
      fields.map((f) => ({ name: f.name, type: f.type })),
    );
    const transcoder = new CopyTranscoder({ columns: fields, json: false, csv: false, sampleRows: 0, onRow: (row) => local.add(row) });
    for await (const chunk of db.client.query(copyOut(`COPY (${query} ORDER BY id) TO STDOUT`)) as AsyncIterable<Buffer>) {
      transcoder.push(chunk);
      await worker.push(chunk);
    }
    transcoder.end();
    const [inThread, inWorker] = [local.result(), await worker.finish()];
    expect(inWorker).toEqual(inThread);
    expect(inWorker.findings).toMatchObject([{ field: 'note', detector: 'email', hits: 1 }]);
    expect(inWorker.key).toEqual({ emptyRows: 0, duplicateValues: 0, duplicateRows: 0 });
    expect(inWorker.columns[1]).toMatchObject({
      distinct: 3,
      distinctEstimated: false,
      top: [
        { value: 'Graffiti', count: 20_000 },
        { value: 'Noise', count: 20_000 },
        { value: 'Pothole', count: 20_000 },
      ],
    });
    // 12,000 different notes: past the exact limit, so estimated.
    expect(inWorker.columns[2]!.distinctEstimated).toBe(true);
    expect(Math.abs(inWorker.columns[2]!.distinct - 12_001) / 12_001).toBeLessThan(0.03);
  });

  it('reports a failure of the worker instead of a result', async () => {
    const setup: MeasureSetup = { fields, plans: fields.map(() => ({ top: false, boolean: false, histogram: null })), keyIndexes: null };
    const worker = new WorkerMeasures(
      setup,
      fields.map((f) => ({ name: f.name, type: f.type })),
    );
    // Two columns where five were selected.
    await worker.push(Buffer.from('1\tPothole\n'));
    await expect(worker.finish()).rejects.toThrow(/2 columns where 5 were selected/);
  });
});
