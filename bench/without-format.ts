import { enableCompileCache } from 'node:module';

// Started as the pipeline is (scripts/build-data/index.ts): compiled code cached between runs.
enableCompileCache();

/**
 * Benchmark child: `npm run build:data` with one download format taken out of the registry, so the
 * benchmark can time the whole snapshot with and without that format in the same run (the cost of
 * Parquet). Usage: node bench/without-format.ts <format id> <build:data arguments…>
 */
const [id, ...args] = process.argv.slice(2);
const { downloadFormats } = await import('../src/shared/download-formats.ts');
const registry = downloadFormats as unknown as { id: string }[];
const at = registry.findIndex((format) => format.id === id);
if (at < 0) throw new Error(`no download format "${id}" in the registry (${registry.map((f) => f.id).join(', ')})`);
registry.splice(at, 1);
process.argv = [process.argv[0]!, process.argv[1]!, ...args];
const { main } = await import('../scripts/build-data/build.ts');
await main();
