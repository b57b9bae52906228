import { CliError } from '../../src/shared/cli-error.ts';
import { databaseErrorIn, describeDatabaseError } from '../build-data/lib/database-errors.ts';
import { redactSecrets } from './secrets.ts';

/** Exit code of a failure nobody planned for: a bug to report. */
export const BUG_EXIT_CODE = 70;

function reportBug(error: unknown): void {
  // A database server's error is described by its SQLSTATE only: its own text can quote data (database-errors.ts).
  const database = databaseErrorIn(error);
  if (database) {
    console.error(`\n✖ ${redactSecrets(describeDatabaseError(database))}`);
    return;
  }
  console.error('\n✖ Unexpected failure (a bug: please report it with this output):');
  // The stack and message pass through the redactor like every other line: a bug must not print a secret either.
  console.error(redactSecrets(error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error)));
}

/**
 * Runs a command's main function: prints a CliError plainly, anything else with its stack (a
 * database server's error by its SQLSTATE only), all with every credential of the environment
 * redacted (secrets.ts). A promise rejected and never awaited, or an exception thrown in a
 * callback, ends the command the same way (exit 70) instead of Node's own report, which would
 * print the error as it is; so does a command whose event loop empties while it still waits.
 */
export async function runCommand(main: () => Promise<void>): Promise<void> {
  const stray = (error: unknown) => {
    reportBug(error);
    process.exit(BUG_EXIT_CODE);
  };
  process.on('unhandledRejection', stray);
  process.on('uncaughtException', stray);
  // Node ends a process whose event loop empties while it still awaits (exit 13, "unsettled
  // top-level await", no message): some step waited on something that could never happen.
  let settled = false;
  const stalled = () => {
    if (settled) return;
    reportBug(new Error('the command stopped with work still pending: a step waited for an event that never came'));
    process.exit(BUG_EXIT_CODE);
  };
  process.on('beforeExit', stalled);
  try {
    await main();
  } catch (error) {
    if (error instanceof CliError) {
      console.error(`\n✖ ${redactSecrets(error.message)}`);
      process.exitCode = error.exitCode;
    } else {
      reportBug(error);
      process.exitCode = BUG_EXIT_CODE;
    }
  } finally {
    settled = true;
    process.off('beforeExit', stalled);
  }
}
