import { enableCompileCache } from 'node:module';
import path from 'node:path';

enableCompileCache();
const { runCommand } = await import('../lib/run-command.ts');
const { uploadLargeFiles } = await import('./lib/upload-large-files.ts');

/**
 * `npm run downloads:upload`: puts the published files larger than downloads.largeFileBytes on the
 * S3-compatible store downloads.baseUrl serves (src/site.config.ts), before the site is built and
 * deployed. Run from the project root. Exit codes: 2 configuration, 3 the store refused or could
 * not be reached, 5 an object with other content is already at a file's key, 6 a file read back
 * differs from what was uploaded.
 */
await runCommand(async () => {
  await uploadLargeFiles({ root: path.resolve('.'), env: process.env, log: (line) => console.log(line) });
});
