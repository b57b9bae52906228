import { describe, expect, it } from 'vitest';
import { bibtexEscape, citations, citationText, formatAccessDate } from './citation.ts';

const input = {
  publisher: 'Parks & Recreation Department',
  organisation: 'City of Riverton',
  siteName: 'Riverton Open Data',
  title: 'Street trees',
  datasetId: 'street-trees',
  version: '2026-11-25',
  snapshotAt: '2026-11-25T04:17:00.000Z',
  url: 'https://data.riverton.example/datasets/street-trees/versions/2026-11-25/',
};

describe('citations of a dataset version', () => {
  it('writes APA style with author, year, italic title, version, [Data set], publisher, access date and URL', () => {
    const { apa } = citations(input);
    expect(apa).toContainEqual({ italic: 'Street trees' });
    expect(citationText(apa, '2026-12-01')).toBe(
      'City of Riverton, Parks & Recreation Department. (2026). Street trees (Version 2026-11-25) [Data set]. Riverton Open Data. ' +
        'Retrieved December 1, 2026, from https://data.riverton.example/datasets/street-trees/versions/2026-11-25/',
    );
  });

  it('writes BibTeX with a corporate author in braces, escaped specials and the access date', () => {
    expect(citationText(citations(input).bibtex, '2026-12-01')).toMatchInlineSnapshot(`
      "@misc{riverton-street-trees-2026,
        author       = {{City of Riverton, Parks \\& Recreation Department}},
        title        = {{Street trees}},
        year         = {2026},
        version      = {2026-11-25},
        publisher    = {Riverton Open Data},
        howpublished = {\\url{https://data.riverton.example/datasets/street-trees/versions/2026-11-25/}},
        url          = {https://data.riverton.example/datasets/street-trees/versions/2026-11-25/},
        urldate      = {2026-12-01},
        note         = {Data set, accessed 2026-12-01}
      }"
    `);
  });

  it('escapes every BibTeX special character', () => {
    expect(bibtexEscape('50% of $ #1 a_b {x} ~ ^ \\')).toBe('50\\% of \\$ \\#1 a\\_b \\{x\\} \\textasciitilde{} \\textasciicircum{} \\textbackslash{}');
  });

  it('formats the access date for each style and rejects anything but YYYY-MM-DD', () => {
    expect(formatAccessDate('2026-01-09', 'long')).toBe('January 9, 2026');
    expect(formatAccessDate('2026-01-09', 'iso')).toBe('2026-01-09');
    expect(() => formatAccessDate('9 Jan', 'long')).toThrow('access date must be YYYY-MM-DD, not "9 Jan"');
  });
});
