import type { AsyncBuffer } from 'hyparquet';

/**
 * The Parquet file as hyparquet reads it: byte ranges fetched with HTTP `Range` requests, each
 * range fetched once, and the bytes and requests counted (the explorer reports them; the
 * benchmark measures them). A host that ignores `Range` (answers 200 with the whole file) still
 * works for a file small enough to hold; otherwise the reader is told why it cannot.
 */

export interface MeteredFile extends AsyncBuffer {
  fetched: { bytes: number; requests: number };
  /**
   * Fetches these byte ranges, nearby ones merged into one request, and keeps them: a later
   * `slice` inside one is served from memory. For reads of many small ranges (the pages of a page
   * of scattered rows), which one by one would be hundreds of requests.
   */
  prefetch(ranges: readonly (readonly [number, number])[]): Promise<void>;
}

/** Ranges closer than this are fetched as one (a few kilobytes more beat a request more). */
const MERGE_GAP = 64 * 1024;
/** Prefetch requests in flight at once (a browser opens six connections to a host). */
const PREFETCHES_AT_ONCE = 6;

/** A host without Range support: files up to this size are read whole instead. */
const WHOLE_FILE_LIMIT = 64 * 1024 * 1024;
/** Ranges kept in memory for reuse (a page fetched for one view is reused by the next). */
const CACHE_BYTES = 192 * 1024 * 1024;

/** A failure the reader can act on; the message says what happened and what to do. */
export class FileUnavailable extends Error {}

export function rangeFile(url: string, byteLength: number, fetchFn: typeof fetch = globalThis.fetch.bind(globalThis)): MeteredFile {
  const fetched = { bytes: 0, requests: 0 };
  const cache = new Map<string, Promise<ArrayBuffer>>();
  let cachedBytes = 0;
  let whole: Promise<ArrayBuffer> | null = null;
  /** Prefetched ranges, served to any slice they contain. */
  let held: { start: number; end: number; data: Promise<ArrayBuffer> }[] = [];
  let heldBytes = 0;
  const host = new URL(url, globalThis.location?.href ?? 'http://localhost/').host;

  const request = async (start: number, end: number): Promise<ArrayBuffer> => {
    let response: Response;
    try {
      fetched.requests++;
      response = await fetchFn(url, { headers: { Range: `bytes=${start}-${end - 1}` } });
    } catch (cause) {
      throw new FileUnavailable(
        `The data file could not be read from ${host} (${(cause as Error).message}). Check your connection; if the file is on another server, that server must allow this site to read it (CORS) and answer Range requests.`,
        { cause },
      );
    }
    if (response.status === 206) {
      const body = await response.arrayBuffer();
      fetched.bytes += body.byteLength;
      return body;
    }
    if (response.status === 200) {
      if (byteLength > WHOLE_FILE_LIMIT) {
        await response.body?.cancel();
        throw new FileUnavailable(
          `${host} sent the whole data file instead of the part asked for (it does not support HTTP Range requests), and the file is too large to read whole in a browser. Download the file instead.`,
        );
      }
      whole ??= response.arrayBuffer().then((body) => {
        fetched.bytes += body.byteLength;
        return body;
      });
      return (await whole).slice(start, end);
    }
    throw new FileUnavailable(`${host} answered ${response.status} ${response.statusText} for the data file. It may have moved: reload the page.`);
  };

  return {
    byteLength,
    fetched,
    async prefetch(ranges) {
      const sorted = [...ranges].filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
      const merged: [number, number][] = [];
      for (const [s, e] of sorted) {
        const last = merged.at(-1);
        if (last && s - last[1] <= MERGE_GAP) last[1] = Math.max(last[1], e);
        else merged.push([s, e]);
      }
      const wanted = merged.filter(([s, e]) => !held.some((h) => h.start <= s && e <= h.end));
      // Memory for what the current view reads; earlier prefetches are dropped past the budget.
      const size = wanted.reduce((sum, [s, e]) => sum + e - s, 0);
      if (heldBytes + size > CACHE_BYTES) {
        held = [];
        heldBytes = 0;
      }
      let next = 0;
      const worker = async () => {
        while (next < wanted.length) {
          const [s, e] = wanted[next++]!;
          const data = request(s, e);
          held.push({ start: s, end: e, data });
          heldBytes += e - s;
          await data;
        }
      };
      await Promise.all(Array.from({ length: Math.min(PREFETCHES_AT_ONCE, wanted.length) }, worker));
    },
    slice(start: number, end = byteLength): Promise<ArrayBuffer> {
      if (whole) return whole.then((body) => body.slice(start, end));
      const within = held.find((h) => h.start <= start && end <= h.end);
      if (within) return within.data.then((body) => body.slice(start - within.start, end - within.start));
      const key = `${start}-${end}`;
      let hit = cache.get(key);
      if (!hit) {
        hit = request(start, end);
        cache.set(key, hit);
        cachedBytes += end - start;
        // Forget the oldest ranges past the budget (a Map iterates in insertion order).
        for (const [old] of cache) {
          if (cachedBytes <= CACHE_BYTES) break;
          const [s, e] = old.split('-').map(Number) as [number, number];
          cache.delete(old);
          cachedBytes -= e - s;
        }
        hit.catch(() => cache.delete(key));
      }
      return hit;
    },
  };
}
