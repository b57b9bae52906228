import { describe, expect, it } from 'vitest';
import { demoCatalog, siteConfig } from '../../../tests/helpers/demo-catalog.ts';
import { catalogFeed, datasetFeed } from './feeds.ts';

describe('Atom feeds', () => {
  it('list a new dataset and its later versions newest first, dated by the snapshot, not the build', async () => {
    const catalog = await demoCatalog();
    const xml = catalogFeed(catalog, siteConfig);
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">');
    expect(xml).toContain(`<link rel="self" type="application/atom+xml" href="${siteConfig.url}/feed.xml"/>`);
    // One entry per version, and one more per retirement.
    expect(xml.match(/<entry>/g)).toHaveLength(catalog.reduce((n, e) => n + e.versions.length + (e.dataset.status === 'retired' ? 1 : 0), 0));
    expect(xml).toContain('<updated>2026-02-01T06:00:00.000Z</updated>');
    expect(xml).toMatch(/New dataset: .*\(version 2026-01-01\)/);
    expect(catalogFeed(catalog, siteConfig)).toBe(xml);
  });

  it("give one dataset's versions in its own feed", async () => {
    const entry = (await demoCatalog())[0]!;
    const xml = datasetFeed(entry, siteConfig);
    expect(xml.match(/<entry>/g)).toHaveLength(entry.versions.length);
    expect(xml).toContain(`${siteConfig.url}/datasets/${entry.dataset.id}/feed.xml`);
  });

  it('announce a retirement', async () => {
    const entry = (await demoCatalog())[0]!;
    const retired = { ...entry, dataset: { ...entry.dataset, status: 'retired' as const, retired: { date: '2026-03-01', reason: 'The source system was replaced.' } } };
    const xml = datasetFeed(retired, siteConfig);
    expect(xml).toContain(`${entry.dataset.title} retired`);
    expect(xml).toContain('The source system was replaced.');
    expect(xml).toContain('<updated>2026-03-01T00:00:00.000Z</updated>');
  });

  it('carry titles and summaries as text, so markup in metadata is shown, never run, and cannot break the XML', async () => {
    const entry = (await demoCatalog())[0]!;
    const hostile = {
      ...entry,
      dataset: {
        ...entry.dataset,
        title: 'Trees <script>alert(1)</script> ]]> & "more"',
        summary: '<img src=x onerror=alert(2)> summary',
        publisher: 'Parks <b>& Rec</b>',
      },
    };
    const xml = datasetFeed(hostile, siteConfig);
    expect(xml).toContain('<title type="text">New dataset: Trees &lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; &amp; &quot;more&quot; (version 2026-01-01)</title>');
    expect(xml).toContain('<summary type="text">&lt;img src=x onerror=alert(2)&gt; summary 1,000 rows in this version.</summary>');
    expect(xml).toContain('<category term="Parks &lt;b&gt;&amp; Rec&lt;/b&gt;" label="Parks &lt;b&gt;&amp; Rec&lt;/b&gt;"/>');
    expect(xml).not.toContain('type="html"');
    expect(xml).not.toContain('CDATA');
    // No markup character of the metadata survives unescaped: every '<' opens one of the feed's own elements.
    for (const tag of xml.matchAll(/<([^\s>/?!]+)/g))
      expect(['feed', 'id', 'title', 'subtitle', 'updated', 'generator', 'author', 'name', 'email', 'uri', 'link', 'rights', 'entry', 'summary', 'category']).toContain(tag[1]);
  });

  it('announce a withdrawn version, when and why, without listing its files', async () => {
    const entry = (await demoCatalog())[0]!;
    const withdrawn = {
      version: '2025-12-01',
      snapshotAt: '2025-12-01T06:00:00.000Z',
      rowCount: 12,
      withdrawnOn: '2026-03-02',
      reason: 'It held phone numbers typed into a free-text column.',
      files: ['data.csv'],
    };
    const xml = datasetFeed({ ...entry, withdrawn: [withdrawn] }, siteConfig);
    expect(xml).toContain(`${entry.dataset.title}: version 2025-12-01 withdrawn`);
    expect(xml).toContain('Withdrawn on 2026-03-02: It held phone numbers typed into a free-text column.');
    expect(xml).toContain(`${siteConfig.url}/datasets/${entry.dataset.id}/versions/2025-12-01/#withdrawn`);
    expect(xml).not.toContain('versions/2025-12-01/data.csv');
  });
});
