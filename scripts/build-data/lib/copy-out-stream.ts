import { createRequire } from 'node:module';
import { to as copyTo } from 'pg-copy-streams';

/**
 * `COPY … TO STDOUT` as a readable stream of the COPY data, like pg-copy-streams' `to()`, whose
 * connection handling it reuses, but with a leaner protocol parser: PostgreSQL sends one CopyData
 * message per row, and the stock parser makes a Buffer object of every message before joining
 * them (a million objects for a million rows, a large share of a snapshot's CPU and garbage).
 * This one copies the message bodies straight into one Buffer, handed on once it holds ~256 KiB:
 * socket reads are ~8 KiB, and a stream event per read cost more than psql's whole COPY.
 * Protocol: https://www.postgresql.org/docs/current/protocol-message-formats.html
 */

const require = createRequire(import.meta.url);
const code = require('pg-copy-streams/message-formats.js') as Record<string, number>;

/** Messages that may arrive during COPY OUT besides the data; any other one ends it. */
const interspersed = new Set([code.CopyOutResponse, code.CopyData, code.ParameterStatus, code.NoticeResponse, code.NotificationResponse]);

type CopyToStream = ReturnType<typeof copyTo>;
type Internals = CopyToStream & {
  _buffer: { push(chunk: Buffer): void };
  _detach(): void;
  _cleanup(): void;
  _parse(chunk: Buffer): boolean;
};

/** Bytes of COPY data gathered before they are handed on. */
const BATCH = 256 << 10;

export function copyOut(sql: string): CopyToStream {
  const stream = copyTo(sql) as Internals;
  let pending: Buffer | null = null; // bytes of a message header cut by a socket read
  let messageCode = 0;
  let remaining = 0; // body bytes of the current message still to come
  let out = Buffer.allocUnsafe(BATCH);
  let o = 0;
  const handOn = (): boolean => {
    if (o === 0) return true;
    const full = out.subarray(0, o);
    out = Buffer.allocUnsafe(BATCH);
    o = 0;
    return stream.push(full);
  };

  stream._parse = (chunk: Buffer): boolean => {
    const buf = pending ? Buffer.concat([pending, chunk]) : chunk;
    pending = null;
    let p = 0;
    let done = false;
    while (p < buf.length) {
      if (remaining > 0) {
        const n = Math.min(remaining, buf.length - p);
        if (messageCode === code.CopyData) {
          if (o + n > out.length) {
            const bigger = Buffer.allocUnsafe(Math.max(2 * out.length, o + n));
            out.copy(bigger, 0, 0, o);
            out = bigger;
          }
          // A row is a few hundred bytes: a loop here is several times cheaper than Buffer#copy's checks.
          if (n <= 512) for (let k = p; k < p + n; k++) out[o++] = buf[k]!;
          else {
            out.set(buf.subarray(p, p + n), o);
            o += n;
          }
        }
        p += n;
        remaining -= n;
      } else if (buf[p] === code.ErrorResponse) {
        // pg parses the error and fails the query: hand it everything from here.
        stream._buffer.push(buf.subarray(p));
        handOn();
        stream._detach();
        return false;
      } else if (buf.length - p < 5) {
        pending = Buffer.from(buf.subarray(p));
        break;
      } else {
        messageCode = buf[p]!;
        remaining = buf.readUInt32BE(p + 1) - 4;
        p += 5;
      }
      // CopyDone (or anything unexpected) ends the data; the rest of the reply (CommandComplete, ReadyForQuery) is pg's.
      if (remaining === 0 && !interspersed.has(messageCode)) {
        done = true;
        break;
      }
    }
    const drained = done || o >= BATCH ? handOn() : true;
    if (done) {
      stream._buffer.push(buf.subarray(p));
      stream._detach();
      stream.push(null);
      stream._cleanup();
    }
    return drained;
  };
  return stream;
}
