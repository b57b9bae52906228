// @ts-check
import { defineConfig } from 'astro/config';
import sitemap from '@astrojs/sitemap';
import { siteConfig } from './src/site.config.ts';
import { snapshotFiles } from './src/integrations/snapshot-files.ts';
import { searchIndex } from './src/integrations/search-index.ts';

export default defineConfig({
  site: siteConfig.url,
  trailingSlash: 'always',
  build: { format: 'directory' },
  // The search index must come last: it indexes what the other integrations wrote.
  integrations: [sitemap(), snapshotFiles(), searchIndex()],
});
