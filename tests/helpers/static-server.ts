import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { downloadFormats } from '../../src/shared/download-formats.ts';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain',
  '.wasm': 'application/wasm',
};
// Every registered download format is served with its media type, as the e2e tests check.
for (const format of downloadFormats) types[path.extname(format.name)] ??= format.mediaType;

/** One `bytes=start-end` range of a file of `size` bytes (RFC 9110, 14.1.2), or null when unsatisfiable; multiple ranges are not served. */
export function parseRange(header: string, size: number): { start: number; end: number } | null {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    // A suffix: the last N bytes.
    const length = Math.min(Number(m[2]), size);
    return length === 0 ? null : { start: size - length, end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  return start <= end && start < size ? { start, end } : null;
}

export interface StaticServer {
  url: string;
  server: Server;
  close(): Promise<void>;
  /** Bytes sent in bodies so far, and requests answered, per request path (the benchmark counts what a view fetched). */
  sent: Map<string, number>;
  requests: Map<string, number>;
}

/**
 * Serves a built site the way a static host does: `/x/` → `/x/index.html`, unknown paths → the
 * site's 404 page with status 404, and `Range` requests answered with 206 and the bytes asked for
 * (what the table explorer reads Parquet files with), as GitHub Pages, Netlify, Cloudflare and S3
 * do. Loopback only.
 */
export async function serveStatic(dir: string): Promise<StaticServer> {
  const sent = new Map<string, number>();
  const requests = new Map<string, number>();
  const count = (pathname: string, bytes: number) => {
    sent.set(pathname, (sent.get(pathname) ?? 0) + bytes);
    requests.set(pathname, (requests.get(pathname) ?? 0) + 1);
  };
  const server = createServer((req, res) => {
    // A malformed address (bad percent-encoding) is the client's mistake, not a crash of the server.
    respond(req, res).catch(() => res.writeHead(400).end());
  });
  async function respond(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    let file = path.join(dir, pathname);
    if (!file.startsWith(dir)) {
      res.writeHead(400).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
      const info = await stat(file);
      const type = types[path.extname(file)] ?? 'application/octet-stream';
      const range = req.headers.range;
      if (range !== undefined) {
        const wanted = parseRange(range, info.size);
        if (!wanted) {
          res.writeHead(416, { 'content-range': `bytes */${info.size}` }).end();
          return;
        }
        const length = wanted.end - wanted.start + 1;
        res.writeHead(206, { 'content-type': type, 'content-length': length, 'content-range': `bytes ${wanted.start}-${wanted.end}/${info.size}`, 'accept-ranges': 'bytes' });
        if (req.method === 'HEAD') return void res.end();
        count(pathname, length);
        createReadStream(file, { start: wanted.start, end: wanted.end }).pipe(res);
        return;
      }
      res.writeHead(200, { 'content-type': type, 'content-length': info.size, 'accept-ranges': 'bytes' });
      if (req.method === 'HEAD') return void res.end();
      count(pathname, info.size);
      createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404, { 'content-type': types['.html']! });
      createReadStream(path.join(dir, '404.html'))
        .on('error', () => res.end('Not found'))
        .pipe(res);
    }
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server, sent, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
