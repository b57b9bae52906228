// @ts-check
import { defineConfig } from 'astro/config';
import sitemap from '@astrojs/sitemap';
import { siteConfig } from './src/site.config.ts';
import { snapshotFiles } from './src/integrations/snapshot-files.ts';
import { searchIndex } from './src/integrations/search-index.ts';
import { hostLimits } from './src/integrations/host-limits.ts';
import { sitemapLastmod } from './src/integrations/sitemap-lastmod.ts';
import { absoluteUrl, urls } from './src/lib/urls.ts';

export default defineConfig({
  site: siteConfig.url,
  trailingSlash: 'always',
  build: { format: 'directory' },
  // The search index comes after the files it indexes; the host's limits are checked on the finished dist/.
  // The sitemap's lastmod comes from the data; the machine-readable files have a sitemap of their own
  // (src/pages/sitemap-metadata.xml.ts), listed in the same index but not as pages.
  integrations: [sitemap({ serialize: sitemapLastmod(process.cwd()), customSitemaps: [absoluteUrl(siteConfig.url, urls.metadataSitemap())] }), snapshotFiles(), searchIndex(), hostLimits()],
});
