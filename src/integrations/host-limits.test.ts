import { describe, expect, it } from 'vitest';
import { hostLimitProblems } from './host-limits.ts';

const host = { name: 'GitHub Pages', maxFileBytes: 100e6, maxSiteBytes: 1e9, limitsUrl: 'https://docs.github.com/pages-limits' };
const noStore = { baseUrl: null, largeFileBytes: 25e6 };

describe('the host’s limits', () => {
  it('passes a site within them', () => {
    expect(
      hostLimitProblems(
        [
          { path: 'index.html', bytes: 5_000 },
          { path: 'datasets/a/latest/data.csv', bytes: 99e6 },
        ],
        host,
        noStore,
        'en',
      ),
    ).toEqual([]);
  });

  it('names each file over the file limit, and the fix', () => {
    expect(hostLimitProblems([{ path: 'datasets/a/latest/data.json', bytes: 140e6 }], host, noStore, 'en')).toEqual([
      'dist/datasets/a/latest/data.json is 140 MB; GitHub Pages refuses files over 100 MB (https://docs.github.com/pages-limits). Set downloads.baseUrl in src/site.config.ts (or DOWNLOADS_BASE_URL) to an S3-compatible bucket, so that large files are served from there, and run npm run downloads:upload before the deploy (docs/maintainers.md, "Large files on object storage").',
    ]);
  });

  it('names the largest files of a site over the size limit, and with object storage set, the threshold to lower', () => {
    const files = Array.from({ length: 12 }, (_, i) => ({ path: `datasets/d${i}/latest/data.csv`, bytes: 90e6 + i }));
    const [problem] = hostLimitProblems(files, host, { ...noStore, baseUrl: 'https://files.example.org/catalog' }, 'en');
    expect(problem).toBe(
      'dist/ is 1.1 GB; GitHub Pages refuses sites over 1 GB (https://docs.github.com/pages-limits). The largest files: dist/datasets/d11/latest/data.csv (90 MB), dist/datasets/d10/latest/data.csv (90 MB), dist/datasets/d9/latest/data.csv (90 MB), dist/datasets/d8/latest/data.csv (90 MB), dist/datasets/d7/latest/data.csv (90 MB). ' +
        'Lower downloads.largeFileBytes (DOWNLOADS_LARGE_FILE_MB, now 25 MB) in src/site.config.ts, so that such files are served from https://files.example.org/catalog, and run npm run downloads:upload.',
    );
  });
});
