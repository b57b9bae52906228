import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/shared/cli-error.ts';
import { parseCommandLine } from './command-line.ts';

describe('a command line', () => {
  it('reads the options it declares', () => {
    expect(parseCommandLine({ args: ['--only', 'trees'], options: { only: { type: 'string' } }, strict: true }, 'Usage: x').values).toEqual({ only: 'trees' });
  });

  it('turns an unknown option into a CliError with exit 2 and the usage, not a bug', () => {
    let error: unknown;
    try {
      parseCommandLine({ args: ['--onyl', 'trees'], options: { only: { type: 'string' } }, strict: true }, 'Usage: npm run snapshot -- [--only <id>]');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(2);
    expect((error as CliError).message).toMatch(/^Unknown option '--onyl'[\s\S]*\n\nUsage: npm run snapshot -- \[--only <id>\]$/);
  });
});
