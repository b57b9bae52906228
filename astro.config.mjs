// @ts-check
import { defineConfig } from 'astro/config';
import sitemap from '@astrojs/sitemap';
import { siteConfig } from './src/site.config.ts';
import { snapshotFiles } from './src/integrations/snapshot-files.ts';
import { searchIndex } from './src/integrations/search-index.ts';
import { hostLimits } from './src/integrations/host-limits.ts';

export default defineConfig({
  site: siteConfig.url,
  trailingSlash: 'always',
  build: { format: 'directory' },
  // The search index comes after the files it indexes; the host's limits are checked on the finished dist/.
  integrations: [sitemap(), snapshotFiles(), searchIndex(), hostLimits()],
});
