import { CliError } from '../../../src/shared/cli-error.ts';
import { isOffsite, offsiteUrl, versionFilePath, type DownloadsLocation } from '../../../src/shared/download-location.ts';
import { formatBytes } from '../../../src/shared/format-bytes.ts';
import { readAllMetadata } from '../../../src/shared/metadata.ts';
import { decidePublication } from '../../../src/shared/publication.ts';
import { listVersions, readWithdrawals, versionDir } from '../../../src/shared/snapshot-store.ts';
import { siteConfig } from '../../../src/site.config.ts';
import { ObjectStore, storeSettings } from './object-store.ts';

/**
 * The files the site will link to on object storage, and their upload: every file of every online
 * version (the publication rule the site uses) that is larger than `downloads.largeFileBytes`.
 * An object already at a file's key is left alone when its size and recorded SHA-256 are the
 * file's, and is an error otherwise (a published object is never replaced); a new object is read
 * back in full and its SHA-256 compared with the manifest's before the run counts it as uploaded.
 */

export interface LargeFile {
  dataset: string;
  version: string;
  name: string;
  bytes: number;
  sha256: string;
  mediaType: string;
  /** The file on disk. */
  path: string;
  /** The object's path under the store's prefix (the site path of the version file). */
  objectPath: string;
}

export async function largeFiles(root: string, location: DownloadsLocation, today = new Date().toISOString().slice(0, 10)): Promise<LargeFile[]> {
  const datasets = (await readAllMetadata(root)).map((f) => f.dataset);
  const manifests = (await Promise.all(datasets.map((d) => listVersions(root, d.id)))).flat();
  const withdrawals = await Promise.all(datasets.map((d) => readWithdrawals(root, d.id)));
  const { online } = decidePublication({ datasets, manifests, today, withdrawals });
  return online.flatMap(({ dataset, versions }) =>
    versions.flatMap(({ manifest, files }) =>
      manifest.files
        .filter((file) => files.includes(file.name) && isOffsite(file, location))
        .map((file) => ({
          dataset: dataset.id,
          version: manifest.version,
          name: file.name,
          bytes: file.bytes,
          sha256: file.sha256,
          mediaType: file.mediaType,
          path: `${versionDir(root, dataset.id, manifest.version)}/${file.name}`,
          objectPath: versionFilePath(dataset.id, manifest.version, file.name),
        })),
    ),
  );
}

export interface UploadSummary {
  uploaded: LargeFile[];
  present: LargeFile[];
}

export async function uploadLargeFiles(options: { root: string; env: NodeJS.ProcessEnv; log: (line: string) => void; location?: DownloadsLocation }): Promise<UploadSummary> {
  const { root, env, log } = options;
  const location = options.location ?? siteConfig.downloads;
  const size = (bytes: number) => formatBytes(bytes, siteConfig.language);
  if (location.baseUrl === null) {
    log('downloads.baseUrl is not set (src/site.config.ts or DOWNLOADS_BASE_URL): every file is served from the site, nothing to upload.');
    return { uploaded: [], present: [] };
  }
  const files = await largeFiles(root, location);
  log(`${files.length} published file(s) over ${size(location.largeFileBytes)} are served from ${location.baseUrl}.`);
  if (files.length === 0) return { uploaded: [], present: [] };
  const store = new ObjectStore(storeSettings(env));
  const summary: UploadSummary = { uploaded: [], present: [] };
  try {
    for (const [i, file] of files.entries()) {
      const key = store.key(file.objectPath);
      const label = `[${i + 1}/${files.length}] ${file.dataset} ${file.version} ${file.name} (${size(file.bytes)})`;
      const existing = await store.head(key);
      if (existing) {
        if (existing.bytes === file.bytes && existing.sha256 === file.sha256) {
          log(`${label}: already uploaded.`);
          summary.present.push(file);
          continue;
        }
        throw new CliError(
          `${store.where(key)} already holds an object of ${size(existing.bytes)}${existing.sha256 ? ` with SHA-256 ${existing.sha256}` : ' without a recorded SHA-256'}, not this version's ${file.name} ` +
            `(${size(file.bytes)}, SHA-256 ${file.sha256}). Published files are never replaced: check DOWNLOADS_S3_PREFIX and DOWNLOADS_S3_BUCKET, or remove the object by hand if it was never published.`,
          { exitCode: 5 },
        );
      }
      const started = Date.now();
      await store.put(key, file.path, file);
      const back = await store.digest(key);
      if (back.sha256 !== file.sha256 || back.bytes !== file.bytes) {
        await store.remove(key);
        throw new CliError(
          `${store.where(key)} read back as ${size(back.bytes)} with SHA-256 ${back.sha256}, not the ${size(file.bytes)} and ${file.sha256} of ${file.path}; ` +
            'the object was removed. Run the command again; if it happens again, the store or the network is changing the bytes.',
          { exitCode: 6 },
        );
      }
      log(`${label}: uploaded and read back (SHA-256 verified) in ${((Date.now() - started) / 1000).toFixed(1)} s → ${offsiteUrl(location, file.dataset, file.version, file.name)}`);
      summary.uploaded.push(file);
    }
  } finally {
    store.destroy();
  }
  const uploadedBytes = summary.uploaded.reduce((sum, f) => sum + f.bytes, 0);
  log(`Uploaded ${summary.uploaded.length} file(s) (${size(uploadedBytes)}); ${summary.present.length} already there, checked by size and SHA-256.`);
  return summary;
}
