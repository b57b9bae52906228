import { CliError } from '../../src/shared/cli-error.ts';

/** Runs a command's main function: prints a CliError plainly, anything else with its stack. */
export async function runCommand(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (error instanceof CliError) {
      console.error(`\n✖ ${error.message}`);
      process.exitCode = error.exitCode;
    } else {
      console.error('\n✖ Unexpected failure (a bug: please report it with this output):');
      console.error(error);
      process.exitCode = 70;
    }
  }
}
