import type { AstroIntegration } from 'astro';
import { cp, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readAllMetadata } from '../shared/metadata.ts';
import { listVersions, snapshotsRoot } from '../shared/snapshot-store.ts';
import type { Manifest } from '../schemas/manifest.ts';
import { urls } from '../lib/urls.ts';

/** Copies one version's data files and manifest (not the version page) into `to`. */
async function copyVersion(root: string, manifest: Manifest, to: string): Promise<number> {
  const from = path.join(snapshotsRoot(root), manifest.dataset, manifest.version);
  const names = [...manifest.files.map((f) => f.name), ...(manifest.sample ? [manifest.sample.name] : []), 'manifest.json'];
  await mkdir(to, { recursive: true });
  for (const name of names) await cp(path.join(from, name), path.join(to, name));
  return names.length;
}

/** Statuses whose snapshot files the site serves (retired datasets keep their archive). */
const SERVED = new Set(['approved', 'retired']);

/**
 * Copies every published version's files into the built site at their stable URLs, and the
 * latest version's files to the dataset's `latest/` URL. Versions of datasets that are no longer
 * approved (sent back to draft or review) are kept on disk but not served.
 */
export function snapshotFiles(): AstroIntegration {
  return {
    name: 'civic-catalog:snapshot-files',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const root = process.cwd();
        const out = fileURLToPath(dir);
        const files = await readAllMetadata(root);
        let copied = 0;
        for (const { dataset } of files.filter((f) => SERVED.has(f.dataset.status))) {
          const versions = await listVersions(root, dataset.id);
          for (const manifest of versions) {
            copied += await copyVersion(root, manifest, path.join(out, urls.version(dataset.id, manifest.version)));
          }
          const latest = versions.at(-1);
          if (latest) await copyVersion(root, latest, path.join(out, urls.latestFile(dataset.id, '')));
        }
        logger.info(`Copied ${copied} snapshot file(s) into the site.`);
      },
    },
  };
}
