/**
 * The search page's rules for a query, apart from Pagefind itself: which words are searched (a
 * single letter never is: it would match half the catalog) and, when nothing is found, which
 * spelling from the catalog's own vocabulary the reader probably meant.
 */

/** The words of a query that are searched: two characters or more. */
export function queryTerms(query: string): string[] {
  return query
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => [...word].length >= 2);
}

/** Damerau–Levenshtein (optimal string alignment) distance, stopping early past `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let best = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = value;
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
  }
  return rows[a.length]![b.length]!;
}

/**
 * How far a word may be from a catalog word to be suggested: none for words of three letters or
 * fewer (too many neighbours), one edit up to seven letters, two from eight. A swap of two letters
 * is one edit, so "restuarant" finds "restaurant" but "crime" never becomes "time".
 */
function allowance(word: string): number {
  return word.length <= 3 ? 0 : word.length <= 7 ? 1 : 2;
}

/**
 * A corrected query when some of its words are not in the catalog's vocabulary but close to a word
 * that is (most datasets wins a tie); null when every word is known or nothing is close.
 */
export function suggestQuery(query: string, vocabulary: readonly (readonly [string, number])[]): string | null {
  const known = new Map(vocabulary);
  let changed = false;
  const words = queryTerms(query).map((word) => {
    if (known.has(word) || allowance(word) === 0) return word;
    let best: { word: string; distance: number; count: number } | null = null;
    for (const [candidate, count] of vocabulary) {
      const distance = editDistance(word, candidate, allowance(word));
      if (distance > allowance(word)) continue;
      if (!best || distance < best.distance || (distance === best.distance && count > best.count)) best = { word: candidate, distance, count };
    }
    if (!best) return word;
    changed = true;
    return best.word;
  });
  return changed ? words.join(' ') : null;
}
