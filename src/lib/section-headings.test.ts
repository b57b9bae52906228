import { describe, expect, it } from 'vitest';
import { sectionHeadings, withContents } from './section-headings.ts';

describe('the table of contents built from the rendered sections', () => {
  it('lists every section heading after the placeholder, in order, and none before it', () => {
    const html =
      '<h1>Trees</h1><aside><h2 id="get-the-data">Get the data</h2></aside>' +
      '<nav class="toc" aria-label="On this page" data-contents></nav>' +
      '<section><h2 id="about">About this data</h2><h3 id="sub">Not a section</h3></section>' +
      '<section><h2 id="privacy" data-toc-label="Privacy">Privacy: what you are <em>not</em> seeing</h2></section>' +
      '<section><h2 class="x" id="related">Related &amp; similar</h2></section>';
    expect(withContents(html)).toBe(
      '<h1>Trees</h1><aside><h2 id="get-the-data">Get the data</h2></aside>' +
        '<nav class="toc" aria-label="On this page"><ul><li><a href="#about">About this data</a></li><li><a href="#privacy">Privacy</a></li><li><a href="#related">Related &amp; similar</a></li></ul></nav>' +
        '<section><h2 id="about">About this data</h2><h3 id="sub">Not a section</h3></section>' +
        '<section><h2 id="privacy" data-toc-label="Privacy">Privacy: what you are <em>not</em> seeing</h2></section>' +
        '<section><h2 class="x" id="related">Related &amp; similar</h2></section>',
    );
  });

  it('takes a heading label without its markup and with its whitespace collapsed', () => {
    expect(sectionHeadings('<h2 id="cite">\n  Cite <span>this</span>\n  dataset\n</h2>')).toEqual([{ id: 'cite', label: 'Cite this dataset' }]);
  });

  it('refuses a section heading without an id, which nothing could link to', () => {
    expect(() => withContents('<nav data-contents></nav><h2>Charts</h2>')).toThrowErrorMatchingInlineSnapshot(
      `[Error: The section heading "Charts" has no id, so the table of contents cannot link to it: give its <h2> an id.]`,
    );
  });

  it('refuses content without the placeholder', () => {
    expect(() => withContents('<h2 id="a">A</h2>')).toThrow(/no <nav data-contents> placeholder/);
  });
});
