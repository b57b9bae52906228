import type { AstroIntegration } from 'astro';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DownloadsLocation } from '../shared/download-location.ts';
import { formatBytes } from '../shared/format-bytes.ts';
import { siteConfig } from '../site.config.ts';

/** One file of the built site and its size. */
export interface BuiltFile {
  path: string;
  bytes: number;
}

/** A static host's documented limits (`host` in src/site.config.ts). */
export interface HostLimits {
  name: string;
  maxFileBytes: number;
  maxSiteBytes: number;
  limitsUrl: string;
}

/**
 * What the static host would refuse in dist/: files over its file limit, and a site over its size
 * limit (GitHub Pages: 100 MB and 1 GB), each said with the file and the fix. Empty when it fits.
 */
export function hostLimitProblems(files: readonly BuiltFile[], host: HostLimits, downloads: DownloadsLocation, language: string): string[] {
  const size = (bytes: number) => formatBytes(bytes, language);
  const fix = downloads.baseUrl
    ? `Lower downloads.largeFileBytes (DOWNLOADS_LARGE_FILE_MB, now ${size(downloads.largeFileBytes)}) in src/site.config.ts, so that such files are served from ${downloads.baseUrl}, and run npm run downloads:upload.`
    : 'Set downloads.baseUrl in src/site.config.ts (or DOWNLOADS_BASE_URL) to an S3-compatible bucket, so that large files are served from there, and run npm run downloads:upload before the deploy (docs/maintainers.md, "Large files on object storage").';
  const problems = files
    .filter((f) => f.bytes > host.maxFileBytes)
    .sort((a, b) => b.bytes - a.bytes)
    .map((f) => `dist/${f.path} is ${size(f.bytes)}; ${host.name} refuses files over ${size(host.maxFileBytes)} (${host.limitsUrl}). ${fix}`);
  const total = files.reduce((sum, f) => sum + f.bytes, 0);
  if (total > host.maxSiteBytes) {
    const largest = [...files]
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 5)
      .map((f) => `dist/${f.path} (${size(f.bytes)})`);
    problems.push(`dist/ is ${size(total)}; ${host.name} refuses sites over ${size(host.maxSiteBytes)} (${host.limitsUrl}). The largest files: ${largest.join(', ')}. ${fix}`);
  }
  return problems;
}

async function builtFiles(dir: string): Promise<BuiltFile[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return Promise.all(
    entries
      .filter((e) => e.isFile())
      .map(async (e) => {
        const full = path.join(e.parentPath, e.name);
        return { path: path.relative(dir, full).split(path.sep).join('/'), bytes: (await stat(full)).size };
      }),
  );
}

/**
 * Refuses a built site its host would refuse, after every file is in place: better a failed build
 * with the file named than a deploy that fails, or half-succeeds, on the host.
 */
export function hostLimits(): AstroIntegration {
  return {
    name: 'civic-catalog:host-limits',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const files = await builtFiles(out);
        const problems = hostLimitProblems(files, siteConfig.host, siteConfig.downloads, siteConfig.language);
        if (problems.length > 0) throw new Error(`The built site does not fit ${siteConfig.host.name}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
        const total = files.reduce((sum, f) => sum + f.bytes, 0);
        logger.info(`dist/ is ${formatBytes(total, siteConfig.language)} in ${files.length} file(s), within the limits of ${siteConfig.host.name}.`);
      },
    },
  };
}
