import type { AstroIntegration } from 'astro';
import { cp, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readAllMetadata } from '../../scripts/lib/metadata.ts';
import { listVersions } from '../../scripts/build-data/steps/publish-version.ts';
import { urls } from '../lib/urls.ts';

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
            const from = path.join(root, 'data-snapshots', dataset.id, manifest.version);
            const to = path.join(out, urls.version(dataset.id, manifest.version));
            await mkdir(to, { recursive: true });
            for (const file of [...manifest.files.map((f) => f.name), 'manifest.json']) {
              await cp(path.join(from, file), path.join(to, file));
              copied++;
            }
          }
          const latest = versions.at(-1);
          if (latest) {
            const from = path.join(root, 'data-snapshots', dataset.id, latest.version);
            await mkdir(path.join(out, urls.latestFile(dataset.id, '')), { recursive: true });
            for (const file of [...latest.files.map((f) => f.name), 'manifest.json']) {
              await cp(path.join(from, file), path.join(out, urls.latestFile(dataset.id, file)));
            }
          }
        }
        logger.info(`Copied ${copied} snapshot file(s) into the site.`);
      },
    },
  };
}
