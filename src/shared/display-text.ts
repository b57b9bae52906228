/**
 * Cell values shown for reading rather than downloading (a page's preview, the rows a reader sorts
 * and filters, the smallest and largest value of a column) are cut to a readable length, ending in
 * a visible "…". A table may hold a value of a megabyte; copied whole into a manifest or a page it
 * would make every page that shows it that heavy. The downloads always hold every value whole.
 * Shared by the pipeline (manifests) and the site (pages and their scripts).
 */

/** Characters of a value shown before it is cut. */
export const DISPLAY_CHARS = 200;

export const ELLIPSIS = '…';

/** The value as shown: itself, or its first `max` characters and "…" (never half of a surrogate pair). */
export function forDisplay<T extends string | null | undefined>(value: T, max = DISPLAY_CHARS): T | string {
  if (typeof value !== 'string' || value.length <= max) return value;
  let end = max;
  const last = value.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${value.slice(0, end)}${ELLIPSIS}`;
}
