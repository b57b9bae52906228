import { enableCompileCache } from 'node:module';

/**
 * Entry point of `npm run build:data` / `npm run snapshot`. Node keeps the compiled code of the
 * pipeline's modules between runs (in the OS temporary directory), which halves the start-up:
 * most of the time of a refresh where nothing changed. Enabled before the pipeline is imported,
 * since a module is compiled when it is loaded.
 */
enableCompileCache();
const { main } = await import('./build.ts');
await main();
