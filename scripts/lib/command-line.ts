import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from '../../src/shared/cli-error.ts';

/**
 * `parseArgs` for a command: an unknown option or a missing value is the user's mistake, so it is
 * a CliError (exit 2) followed by the command's usage, not "a bug" (exit 70). Anything else is thrown as it is.
 */
export function parseCommandLine<T extends ParseArgsConfig>(config: T, usage: string): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (cause) {
    if (!String((cause as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS')) throw cause;
    throw new CliError(`${(cause as Error).message}\n\n${usage}`, { exitCode: 2, cause });
  }
}
