import type { SiteConfig } from '../../site.config.ts';
import { isOffsite, offsiteUrl } from '../../shared/download-location.ts';
import { absoluteUrl, urls } from '../urls.ts';

/**
 * Identifiers of the things the metadata exports describe. A dataset, the catalog and a version are
 * not their web pages: their IRIs are the page URL plus a fragment, so DCAT-AP, schema.org and
 * data.json name the same dataset the same way and the landing page stays a document of its own.
 */
export function standardIris(site: Pick<SiteConfig, 'url'> & Partial<Pick<SiteConfig, 'downloads'>>) {
  const abs = (path: string) => absoluteUrl(site.url, path);
  /**
   * A version's file: the site's stable latest/ URL or the dated one, or the object's URL when the
   * file is served from object storage (src/shared/download-location.ts).
   */
  const file = (id: string, version: string, f: { name: string; bytes: number }, which: 'latest' | 'version') =>
    site.downloads && isOffsite(f, site.downloads) ? offsiteUrl(site.downloads, id, version, f.name) : abs(which === 'latest' ? urls.latestFile(id, f.name) : urls.versionFile(id, version, f.name));
  return {
    abs,
    file,
    home: abs(urls.home()),
    catalog: `${abs(urls.home())}#catalog`,
    organisation: `${abs(urls.home())}#publisher`,
    dataset: (id: string) => `${abs(urls.dataset(id))}#dataset`,
    version: (id: string, version: string) => `${abs(urls.version(id, version))}#dataset`,
    /** The series of a dataset's versions (DCAT 3 `dcat:DatasetSeries`, DCAT-US 3.0 `DatasetSeries`). */
    series: (id: string) => `${abs(urls.dataset(id))}#series`,
  };
}
