import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

/**
 * Markdown from metadata files becomes HTML here, and only here. Metadata arrives by pull request,
 * so its HTML is never trusted: everything marked produces goes through an allow-list.
 *
 * Headings are shifted down because the text sits under the page's own h2 sections: `#` and `##`
 * become h3, deeper levels h4, so the outline stays in order.
 */

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'hr', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'a', 'ul', 'ol', 'li', 'h3', 'h4', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
  allowedAttributes: { a: ['href', 'title'], ol: ['start'], th: ['align'], td: ['align'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  transformTags: { h1: 'h3', h2: 'h3', h5: 'h4', h6: 'h4' },
  // Drop the content of dangerous elements instead of leaving their text behind.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object'],
};

/** Wide tables scroll inside a focusable region, so keyboard users can scroll them too. */
function wrapTables(html: string): string {
  return html.replace(/<table>([\s\S]*?)<\/table>/g, '<div class="table-scroll" role="region" aria-label="Table from the description" tabindex="0"><table>$1</table></div>');
}

/** Block Markdown (description, collection method) → safe HTML. */
export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown, { async: false, gfm: true });
  return wrapTables(sanitizeHtml(html, sanitizeOptions));
}

/** One line of Markdown (a caveat, say) → safe inline HTML, without a wrapping paragraph. */
export function renderInlineMarkdown(markdown: string): string {
  const html = marked.parseInline(markdown, { async: false, gfm: true });
  return sanitizeHtml(html, { ...sanitizeOptions, allowedTags: ['strong', 'em', 'del', 'code', 'a', 'br'] });
}
