/**
 * The sections of a rendered page, read from its `<h2>` headings, for a table of contents that
 * cannot drift from what the page shows (WithContents.astro): a section shown only for some
 * datasets is listed exactly when it is rendered.
 */

export interface SectionHeading {
  id: string;
  /** HTML text (already escaped): the heading's `data-toc-label`, else its text without tags. */
  label: string;
}

const H2 = /<h2\b([^>]*)>([\s\S]*?)<\/h2>/g;
const attribute = (attributes: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(attributes)?.[1];

/** Every `<h2>` of `html`, in document order. A heading without an id cannot be linked to: that is a mistake in the page. */
export function sectionHeadings(html: string): SectionHeading[] {
  return [...html.matchAll(H2)].map(([, attributes = '', inner = '']) => {
    const label =
      attribute(attributes, 'data-toc-label') ??
      inner
        .replace(/<[^>]*>/g, '')
        .replace(/\s+/g, ' ')
        .trim();
    const id = attribute(attributes, 'id');
    if (!id) throw new Error(`The section heading "${label}" has no id, so the table of contents cannot link to it: give its <h2> an id.`);
    return { id, label };
  });
}

/** The placeholder WithContents.astro replaces: the page's `<nav … data-contents>` element. */
export const CONTENTS_PLACEHOLDER = /<nav\b[^>]*\sdata-contents\b[^>]*>\s*<\/nav>/;

/**
 * Fills the page's contents placeholder with links to the sections that follow it; the headings
 * before it (the title's notices, the download panel) are not sections of the page's body.
 */
export function withContents(html: string): string {
  const match = CONTENTS_PLACEHOLDER.exec(html);
  if (!match) throw new Error('WithContents found no <nav data-contents> placeholder in its content: put one where the table of contents goes.');
  const after = html.slice(match.index + match[0].length);
  const links = sectionHeadings(after)
    .map(({ id, label }) => `<li><a href="#${id}">${label}</a></li>`)
    .join('');
  const nav = match[0].replace(/\sdata-contents\b(="")?/, '').replace(/>\s*<\/nav>$/, `><ul>${links}</ul></nav>`);
  return html.slice(0, match.index) + nav + after;
}
