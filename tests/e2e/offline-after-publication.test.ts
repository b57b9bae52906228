import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSiteIn, createProjectCopy, type CommandResult } from '../helpers/site-copy.ts';
import { PROJECT_ROOT } from '../helpers/workspace.ts';

/**
 * One rule for "published" (src/shared/publication.ts): a dataset that stops being cleared after
 * its versions were published (reclassified as no longer public, a licence withdrawn) goes offline
 * whole: no page, no version page, no file at its stable URLs, no entry in any export. Its versions
 * stay in data-snapshots/. Shown on a second, small site built from the demo build's snapshots.
 */

const RECLASSIFIED = 'street-trees';
const RETIRED_WITHDRAWN = 'parking-meters';
const CONTROL = 'transit-ridership';

let root: string;
let build: CommandResult;

async function allFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

beforeAll(async () => {
  root = await createProjectCopy();
  for (const id of [RECLASSIFIED, RETIRED_WITHDRAWN, CONTROL]) {
    await cp(path.join(PROJECT_ROOT, 'data-snapshots', id), path.join(root, 'data-snapshots', id), { recursive: true });
  }
  const metadata = (id: string) => path.join(root, 'src/content/datasets', `${id}.yaml`);
  const reclassify = async (id: string, from: RegExp, to: string) => {
    const text = await readFile(metadata(id), 'utf8');
    if (!from.test(text)) throw new Error(`${id}.yaml no longer has ${from}; adapt this test`);
    await writeFile(metadata(id), text.replace(from, to));
  };
  await reclassify(RECLASSIFIED, /sensitivity: public/, 'sensitivity: personal');
  await reclassify(RETIRED_WITHDRAWN, /licenseCleared: true/, 'licenseCleared: false');
  build = await buildSiteIn(root);
}, 600_000);

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('a dataset made non-publishable after publication', () => {
  it('has published versions to lose (the demo build published them)', async () => {
    for (const id of [RECLASSIFIED, RETIRED_WITHDRAWN, CONTROL]) expect((await readdir(path.join(root, 'data-snapshots', id))).length, id).toBeGreaterThan(0);
    expect(build.code, `${build.stdout}\n${build.stderr}`).toBe(0);
  });

  it('has no page and no files in dist/, while a cleared dataset keeps both', async () => {
    const files = await allFiles(path.join(root, 'dist'));
    for (const id of [RECLASSIFIED, RETIRED_WITHDRAWN])
      expect(
        files.filter((f) => f.startsWith(`datasets/${id}/`)),
        id,
      ).toEqual([]);
    expect(files).toContain(`datasets/${CONTROL}/index.html`);
    expect(files).toContain(`datasets/${CONTROL}/latest/data.csv`);
    expect(files.some((f) => f.startsWith(`datasets/${CONTROL}/versions/`) && f.endsWith('/data.csv'))).toBe(true);
  });

  it('is linked from nowhere: no sitemap entry, feed entry, export or search record points at it', async () => {
    const dist = path.join(root, 'dist');
    const textFiles = (await allFiles(dist)).filter((f) => /\.(html|xml|json|jsonld|ttl|txt|js)$/.test(f));
    for (const file of textFiles) {
      const text = await readFile(path.join(dist, file), 'utf8');
      for (const id of [RECLASSIFIED, RETIRED_WITHDRAWN]) expect(text.includes(`/datasets/${id}/`), `${file} links ${id}`).toBe(false);
    }
  });

  it('is listed in the inventory as taken offline, without a link', async () => {
    const inventory = JSON.parse(await readFile(path.join(root, 'dist/inventory.json'), 'utf8')) as { datasets?: unknown[] } | unknown[];
    const items = (Array.isArray(inventory) ? inventory : (inventory.datasets ?? [])) as { id: string; state: string; url: string | null }[];
    expect(items.find((i) => i.id === RECLASSIFIED)).toMatchObject({ state: 'Taken offline until its reviews are complete again', url: null });
    expect(items.find((i) => i.id === RETIRED_WITHDRAWN)).toMatchObject({ state: 'Retired; its archive is offline until its reviews are complete again', url: null });
    expect(items.find((i) => i.id === CONTROL)).toMatchObject({ state: 'Published', url: `/datasets/${CONTROL}/` });
  });

  it('keeps its versions in data-snapshots/ (nothing published is deleted), and says so in the build log', async () => {
    for (const id of [RECLASSIFIED, RETIRED_WITHDRAWN]) expect((await readdir(path.join(root, 'data-snapshots', id))).length).toBeGreaterThan(0);
    expect(build.stdout + build.stderr).toMatch(new RegExp(`Not served: ${RECLASSIFIED} \\(\\d+ version\\(s\\) kept in data-snapshots/\\): not cleared by the approval gate`));
  });
});
