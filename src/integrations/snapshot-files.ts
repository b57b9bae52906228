import type { AstroIntegration } from 'astro';
import { cp, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readAllMetadata } from '../shared/metadata.ts';
import { listVersions, readWithdrawals, snapshotsRoot } from '../shared/snapshot-store.ts';
import { decidePublication, type VersionPublication } from '../shared/publication.ts';
import { buildDay } from '../lib/catalog-day.ts';
import { urls } from '../lib/urls.ts';
import { isOffsite } from '../shared/download-location.ts';
import { siteConfig } from '../site.config.ts';

/** A version's file served from object storage (src/shared/download-location.ts): not copied into the site. */
function offsite(version: VersionPublication, name: string): boolean {
  const file = version.manifest.files.find((f) => f.name === name);
  return file !== undefined && isOffsite(file, siteConfig.downloads);
}

/** Copies the served files of one version (not the version page) into `to`; returns how many were copied and left to object storage. */
async function copyVersion(root: string, version: VersionPublication, to: string): Promise<{ copied: number; offsite: number }> {
  const from = path.join(snapshotsRoot(root), version.manifest.dataset, version.manifest.version);
  const names = version.files.filter((name) => !offsite(version, name));
  if (names.length > 0) await mkdir(to, { recursive: true });
  for (const name of names) await cp(path.join(from, name), path.join(to, name));
  return { copied: names.length, offsite: version.files.length - names.length };
}

/**
 * Copies the files of every online version into the built site at their stable URLs, and the
 * latest version's files to the dataset's `latest/` URL. What is online is decided by the one rule
 * the pages use (src/shared/publication.ts): a dataset whose page is not built gets no files,
 * whatever is on disk; its versions stay in data-snapshots/.
 */
export function snapshotFiles(): AstroIntegration {
  return {
    name: 'civic-catalog:snapshot-files',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const root = process.cwd();
        const out = fileURLToPath(dir);
        const datasets = (await readAllMetadata(root)).map((f) => f.dataset);
        const manifests = (await Promise.all(datasets.map((d) => listVersions(root, d.id)))).flat();
        const withdrawals = await Promise.all(datasets.map((d) => readWithdrawals(root, d.id)));
        const { online, offline } = decidePublication({ datasets, manifests, today: buildDay(), withdrawals });
        let copied = 0;
        let leftOut = 0;
        for (const { dataset, versions, latest } of online) {
          for (const version of versions) {
            const n = await copyVersion(root, version, path.join(out, urls.version(dataset.id, version.manifest.version)));
            copied += n.copied;
            leftOut += n.offsite;
          }
          copied += (await copyVersion(root, latest, path.join(out, urls.latestFile(dataset.id, '')))).copied;
        }
        const withheld = offline.filter((o) => o.versionsOnDisk > 0);
        logger.info(`Copied ${copied} snapshot file(s) into the site.`);
        if (leftOut > 0)
          logger.info(`${leftOut} file(s) over ${siteConfig.downloads.largeFileBytes / 1e6} MB are served from ${siteConfig.downloads.baseUrl} (npm run downloads:upload puts them there).`);
        for (const { dataset, reason, versionsOnDisk } of withheld) {
          logger.info(
            `Not served: ${dataset.id} (${versionsOnDisk} version(s) kept in data-snapshots/): ${reason.kind === 'blocked' ? 'not cleared by the approval gate' : `status ${dataset.status}`}.`,
          );
        }
      },
    },
  };
}
