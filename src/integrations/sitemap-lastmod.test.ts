import { describe, expect, it } from 'vitest';
import { demoCatalog } from '../../tests/helpers/demo-catalog.ts';
import { servedFiles } from '../shared/publication.ts';
import { pageDates } from './sitemap-lastmod.ts';

describe('sitemap lastmod', () => {
  it("dates a dataset's page by its latest version, each version's page by itself, and the listings by the newest", async () => {
    const catalog = await demoCatalog();
    const online = catalog.map(({ dataset, versions }) => {
      const served = versions.map((manifest) => ({ manifest, state: 'served' as const, files: servedFiles(manifest) }));
      return { dataset, versions: served, latest: served[0]!, withdrawn: [] };
    });
    const dates = pageDates({ online });
    const [first] = catalog;
    expect(dates.get(`/datasets/${first!.dataset.id}/`)).toBe(first!.latest.snapshotAt);
    for (const manifest of first!.versions) expect(dates.get(`/datasets/${first!.dataset.id}/versions/${manifest.version}/`)).toBe(manifest.snapshotAt);
    const newest = catalog
      .map((e) => e.latest.snapshotAt)
      .sort()
      .at(-1);
    for (const path of ['/', '/datasets/', '/recently-updated/']) expect(dates.get(path)).toBe(newest);
    expect(dates.has('/about/')).toBe(false);
  });
});
