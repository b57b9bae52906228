import { describe, expect, it } from 'vitest';
import { datasetSchema } from '../schemas/dataset.ts';
import type { Manifest } from '../schemas/manifest.ts';
import type { CatalogEntry } from './catalog.ts';
import { searchDocument, searchFilters, searchMeta, searchVocabulary } from './search-record.ts';
import { loadSynonyms, synonymExpansions } from './search-synonyms.ts';

const dataset = datasetSchema.parse({
  id: 'street-trees',
  title: 'Street trees',
  summary: 'Every tree the city looks after on streets and in parks, by neighbourhood.',
  description: 'A register of every tree on public land, with species, size and condition, kept by the parks department.',
  rowMeaning: 'one tree',
  keywords: ['trees', 'urban forest'],
  theme: 'environment',
  publisher: 'Parks and Recreation Department',
  contactPoint: { name: 'Parks data team', email: 'parks@example.gov' },
  license: 'CC-BY-4.0',
  frequency: 'monthly',
  temporal: { start: '2020-01-01' },
  spatial: 'Riverton',
  status: 'approved',
  source: { schema: 'parks', table: 'trees' },
  collectionMethod: 'Arborists survey every street once a year.',
  caveats: ['Trees on **private** land are not included.'],
  fields: [{ name: 'condition', title: 'Condition', description: 'Condition at the last survey by an arboriculturist.', type: 'string' }],
});
const latest = {
  version: '2026-11-01',
  snapshotAt: '2026-11-01T04:00:00Z',
  rowCount: 5000,
  files: [
    { name: 'data.csv', format: 'CSV' },
    { name: 'data-excel.csv', format: 'CSV for Excel' },
    { name: 'data.json', format: 'JSON' },
  ],
} as unknown as Manifest;
const entry = { dataset, latest, versions: [latest] } as CatalogEntry;
const synonyms = {
  groups: [
    ['neighbourhood', 'neighborhood'],
    ['tree', 'trees', 'urban forest', 'canopy'],
    ['bike', 'bicycle'],
  ],
};

describe('the search document of a dataset', () => {
  const html = searchDocument(entry, synonyms);

  it('indexes what the dataset is about, weighted, and never a count, a date or a grade', () => {
    expect(html).toContain('<h1 data-pagefind-weight="10">Street trees</h1>');
    expect(html).toContain('<p data-pagefind-weight="7">Parks and Recreation Department</p>');
    expect(html).toContain('Condition: Condition at the last survey by an arboriculturist.');
    expect(html).toContain('Trees on private land are not included.');
    const indexed = html.replace(/<head>.*<\/head>/, '');
    expect(indexed).not.toMatch(/5,000|5000|2026|Grade|grade/);
  });

  it('adds the spelling variants and synonyms of the words it holds, and no others', () => {
    expect(synonymExpansions('Every tree, by neighbourhood', synonyms)).toEqual(['neighborhood', 'trees', 'urban forest', 'canopy']);
    expect(html).toContain('<p data-pagefind-weight="2">neighborhood, canopy</p>');
    expect(html).not.toContain('bicycle');
  });

  it('carries what a result shows, and the filters, as metadata', () => {
    expect(searchMeta(entry)).toEqual({
      title: 'Street trees',
      summary: dataset.summary,
      publisher: 'Parks and Recreation Department',
      updated: '2026-11-01',
      updatedLabel: 'November 1, 2026',
      rows: '5,000',
      formats: 'CSV, JSON',
      status: 'active',
    });
    expect(searchFilters(entry)).toEqual({ theme: ['Environment'], publisher: ['Parks and Recreation Department'], format: ['CSV', 'JSON'], frequency: ['Monthly'] });
    expect(html).toContain('<meta data-pagefind-filter="format[content]" content="JSON">');
  });

  it('escapes metadata text', () => {
    const hostile = { ...entry, dataset: { ...dataset, title: 'Trees <script>alert(1)</script> & "more"' } };
    expect(searchDocument(hostile, synonyms)).toContain('Trees &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;more&quot;');
  });

  it('builds the vocabulary for “did you mean” from the same words', () => {
    const words = new Map(searchVocabulary([entry], synonyms));
    expect(words.get('arboriculturist')).toBe(1);
    expect(words.get('neighborhood')).toBe(1);
    expect(words.has('bicycle')).toBe(false);
    expect(words.has('2026')).toBe(false);
  });
});

describe('the maintainers’ synonym list', () => {
  it('is valid, and holds the US and UK spellings of neighbourhood', () => {
    const list = loadSynonyms();
    expect(list.groups.some((g) => g.includes('neighbourhood') && g.includes('neighborhood'))).toBe(true);
  });
});
