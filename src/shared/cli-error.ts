/**
 * The one error class for failures a maintainer can cause and fix: bad metadata, an unreachable
 * database, schema drift, a privacy hit, a corrupt manifest. Its message is complete and plain
 * (what, where, how to fix); only a command's entry point catches it (scripts/lib/run-command.ts),
 * prints it and exits with `exitCode`. It lives in src/shared because the snapshot store and the
 * metadata reader, which the site reads too, throw it.
 */
export class CliError extends Error {
  readonly exitCode: number;

  constructor(message: string, options: { exitCode?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'CliError';
    this.exitCode = options.exitCode ?? 1;
  }
}
