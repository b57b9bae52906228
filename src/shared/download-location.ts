/**
 * Where a version's file is served from: the site itself, or, for a file larger than the
 * configured threshold when `downloads.baseUrl` is set (src/site.config.ts), S3-compatible object
 * storage, uploaded there by `npm run downloads:upload` before the site is deployed. Both sides use
 * this one rule: the upload command picks the files with it, the build leaves those files out of
 * dist/, and every link, export and the table explorer point at the same object URL.
 *
 * Objects have the site's own paths (`datasets/<id>/versions/<version>/<file>`) under the store's
 * prefix, and are never overwritten: a version's file never changes, so there is no "latest"
 * object; links to the latest large file name its version.
 */

export interface DownloadsLocation {
  /** Base URL readers fetch large files from (no trailing slash), or null to serve every file from the site. */
  baseUrl: string | null;
  /** Files of more than this many bytes are served from `baseUrl`. */
  largeFileBytes: number;
}

/** A version file's path on the site and in the store: the one URL scheme for dated files. */
export function versionFilePath(datasetId: string, version: string, file: string): string {
  return `datasets/${datasetId}/versions/${version}/${file}`;
}

/** True when the file is served from object storage rather than the site. */
export function isOffsite(file: { bytes: number }, location: DownloadsLocation): boolean {
  return location.baseUrl !== null && file.bytes > location.largeFileBytes;
}

/** The object's public URL: the base URL, then the site path of the version file. */
export function offsiteUrl(location: DownloadsLocation, datasetId: string, version: string, file: string): string {
  if (location.baseUrl === null) throw new Error('internal: no downloads.baseUrl is configured');
  return `${location.baseUrl.replace(/\/+$/, '')}/${versionFilePath(datasetId, version, file)}`;
}
