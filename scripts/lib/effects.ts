/**
 * Side effects the pipeline's steps use, passed in rather than imported (as Observable Framework
 * passes its BuildEffects), so steps are testable without a terminal or a real clock.
 */

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  /** A transient progress line (rewritten in place on a terminal, throttled in CI logs). */
  progress(message: string): void;
}

export interface Effects {
  log: Logger;
  now: () => Date;
  /** Project root: metadata and data-snapshots are resolved against it. */
  root: string;
}

export function consoleLogger(stream: NodeJS.WriteStream = process.stderr): Logger {
  const interactive = Boolean(stream.isTTY);
  let lastProgress = 0;
  let pending = false;
  const clear = () => {
    if (interactive && pending) stream.write('\r\x1b[K');
    pending = false;
  };
  return {
    info: (message) => {
      clear();
      stream.write(`${message}\n`);
    },
    warn: (message) => {
      clear();
      stream.write(`⚠ ${message}\n`);
    },
    progress: (message) => {
      const now = Date.now();
      if (interactive) {
        stream.write(`\r\x1b[K${message}`);
        pending = true;
      } else if (now - lastProgress >= 5000) {
        stream.write(`${message}\n`);
        lastProgress = now;
      }
    },
  };
}

export const silentLogger: Logger = { info() {}, warn() {}, progress() {} };
