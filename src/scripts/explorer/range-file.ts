import type { AsyncBuffer } from 'hyparquet';

/**
 * The Parquet file as hyparquet reads it: byte ranges fetched with HTTP `Range` requests, each
 * range fetched once, and the bytes and requests counted (the explorer reports them; the
 * benchmark measures them). A host that ignores `Range` (answers 200 with the whole file) still
 * works for a file small enough to hold; otherwise the reader is told why it cannot.
 */

export interface MeteredFile extends AsyncBuffer {
  fetched: { bytes: number; requests: number };
}

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
    slice(start: number, end = byteLength): Promise<ArrayBuffer> {
      if (whole) return whole.then((body) => body.slice(start, end));
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
