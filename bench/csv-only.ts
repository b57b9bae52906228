import { mkdir } from 'node:fs/promises';
import { enableCompileCache } from 'node:module';

// Started as the pipeline is (scripts/build-data/index.ts): compiled code cached between runs.
enableCompileCache();
const { silentLogger } = await import('../scripts/lib/effects.ts');
const { keyIsUnique } = await import('../scripts/build-data/steps/check-schema.ts');
const { connectClient } = await import('../scripts/build-data/steps/connect.ts');
const { snapshotTable } = await import('../scripts/build-data/steps/snapshot.ts');
const { publishedOrder, publishedSelect } = await import('../scripts/build-data/lib/published-query.ts');
const { publishedSqlTypes } = await import('../scripts/build-data/lib/published-types.ts');
const { readAllMetadata } = await import('../src/shared/metadata.ts');

/**
 * Benchmark child: the snapshot's CSV path alone (COPY stream → decode → CSV encode → hash →
 * file), the same code the pipeline runs, without JSON, pseudonyms, the scan or the profile.
 * Usage: node bench/csv-only.ts <database url> <project root> <dataset id> <output dir>
 */
const [url, root, id, dir] = process.argv.slice(2) as [string, string, string, string];
const { dataset } = (await readAllMetadata(root)).find((f) => f.dataset.id === id)!;
await mkdir(dir, { recursive: true });
const client = await connectClient(url, 'bench', silentLogger);
try {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  const result = await snapshotTable({
    client,
    datasetId: id,
    query: `${publishedSelect(dataset)} ORDER BY ${publishedOrder(dataset, { uniqueKey: await keyIsUnique(client, dataset) })}`,
    columns: dataset.fields.map((f) => ({ name: f.name, type: f.type })),
    sqlTypes: await publishedSqlTypes(client, dataset.fields, publishedSelect(dataset)),
    dir,
    log: silentLogger,
    csvOnly: true,
    snapshotAt: new Date(),
    overRowLimit: null,
  });
  await client.query('COMMIT');
  console.log(JSON.stringify({ rows: result.rowCount, bytes: result.files[0]!.bytes }));
} finally {
  await client.end();
}
