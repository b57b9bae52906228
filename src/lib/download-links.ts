import { isOffsite, offsiteUrl } from '../shared/download-location.ts';
import { siteConfig } from '../site.config.ts';
import { absoluteUrl, urls } from './urls.ts';

/**
 * The link to a version's file: a site path, or the object's URL when the file is served from
 * object storage (src/shared/download-location.ts). Pages, exports and the explorer link with these.
 */

interface FileRef {
  name: string;
  bytes: number;
}

/** The dated file: permanent. */
export function downloadHref(datasetId: string, version: string, file: FileRef): string {
  return isOffsite(file, siteConfig.downloads) ? offsiteUrl(siteConfig.downloads, datasetId, version, file.name) : urls.versionFile(datasetId, version, file.name);
}

/**
 * The latest version's file: the site's stable `latest/` path, or, for a file in object storage
 * (whose objects are never replaced), the dated object of the latest version.
 */
export function latestDownloadHref(datasetId: string, version: string, file: FileRef): string {
  return isOffsite(file, siteConfig.downloads) ? offsiteUrl(siteConfig.downloads, datasetId, version, file.name) : urls.latestFile(datasetId, file.name);
}

/** An href as an absolute URL (object URLs already are). */
export function absoluteHref(siteUrl: string, href: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(href) ? href : absoluteUrl(siteUrl, href);
}
