import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';

/**
 * Builds the Pagefind search index from the finished HTML, after every other integration has
 * written its files. Pagefind's errors fail the build: a site without search is not finished.
 */
export function searchIndex(): AstroIntegration {
  return {
    name: 'civic-catalog:search-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const { index, errors } = await pagefind.createIndex({});
        if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
        try {
          const added = await index.addDirectory({ path: out });
          if (added.errors.length > 0) throw new Error(`Pagefind could not index the site: ${added.errors.join('; ')}`);
          if (added.page_count === 0) throw new Error('Pagefind indexed no pages: dataset pages must carry data-pagefind-body.');
          const written = await index.writeFiles({ outputPath: `${out}/pagefind` });
          if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
          logger.info(`Search index written (${added.page_count} HTML page(s) read; only dataset pages are indexed).`);
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}
