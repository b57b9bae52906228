import { CliError } from '../../src/shared/cli-error.ts';
import { databaseErrorIn, describeDatabaseError } from '../build-data/lib/database-errors.ts';

/**
 * Runs a command's main function: prints a CliError plainly, anything else with its stack. A
 * database server's error that escaped every step is described by its SQLSTATE only: its own text
 * can quote data (database-errors.ts).
 */
export async function runCommand(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (error instanceof CliError) {
      console.error(`\n✖ ${error.message}`);
      process.exitCode = error.exitCode;
    } else if (databaseErrorIn(error)) {
      console.error(`\n✖ ${describeDatabaseError(databaseErrorIn(error))}`);
      process.exitCode = 70;
    } else {
      console.error('\n✖ Unexpected failure (a bug: please report it with this output):');
      console.error(error);
      process.exitCode = 70;
    }
  }
}
