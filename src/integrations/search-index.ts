import type { AstroIntegration } from 'astro';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';

/** Written by src/pages/search-records.json.ts, read and removed here. */
const RECORDS = 'search-records.json';

/**
 * Builds the Pagefind search index after every other integration has written its files, from one
 * document per dataset (src/lib/search-record.ts) rather than from the pages, so search matches
 * what a dataset is about and never a grade, a count or a table cell. Pagefind's errors fail the
 * build: a site without search is not finished.
 */
export function searchIndex(): AstroIntegration {
  return {
    name: 'civic-catalog:search-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const recordsFile = path.join(out, RECORDS);
        const { records } = JSON.parse(await readFile(recordsFile, 'utf8')) as { records: { url: string; html: string }[] };
        await rm(recordsFile);
        const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
        if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
        try {
          for (const record of records) {
            const added = await index.addHTMLFile({ url: record.url, content: record.html });
            if (added.errors.length > 0) throw new Error(`Pagefind could not index ${record.url}: ${added.errors.join('; ')}`);
          }
          const written = await index.writeFiles({ outputPath: path.join(out, 'pagefind') });
          if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
          logger.info(`Search index written: ${records.length} dataset(s).`);
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}
