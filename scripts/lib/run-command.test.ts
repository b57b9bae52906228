import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const runCommandModule = fileURLToPath(new URL('./run-command.ts', import.meta.url));
const cliErrorModule = fileURLToPath(new URL('../../src/shared/cli-error.ts', import.meta.url));

/** Runs `body` (the main function of a command) through runCommand in a fresh Node process. */
function command(body: string, env: NodeJS.ProcessEnv = {}) {
  const script = `import { runCommand } from ${JSON.stringify(runCommandModule)};\nimport { CliError } from ${JSON.stringify(cliErrorModule)};\nawait runCommand(async () => { ${body} });`;
  return spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { PATH: process.env.PATH, ...env }, timeout: 30_000 });
}

describe("a command's entry point", () => {
  it('prints a CliError plainly, with its exit code and every credential redacted', () => {
    const env = { DATABASE_URL: 'postgresql://reader:hunter2-secret@db.example.org/city' };
    const result = command(`throw new CliError('cannot log in as reader with hunter2-secret', { exitCode: 3 });`, env);
    expect(result.status).toBe(3);
    expect(result.stderr).toContain('✖ cannot log in as [redacted] with [redacted]');
  });

  it('ends with exit 70 and a message, never exit 13, when the command waits for something that never comes', () => {
    const result = command('await new Promise(() => {});');
    expect(result.status).toBe(70);
    expect(result.stderr).toContain('the command stopped with work still pending');
  });

  it('reports a promise rejected and never awaited as a bug (exit 70), redacted, instead of Node printing it as it is', () => {
    const env = { PGPASSWORD: 'hunter2-secret' };
    const result = command(`Promise.reject(new Error('boom with hunter2-secret')); await new Promise((resolve) => setTimeout(resolve, 200));`, env);
    expect(result.status).toBe(70);
    expect(result.stderr).toContain('Unexpected failure (a bug: please report it with this output)');
    expect(result.stderr).toContain('boom with [redacted]');
    expect(result.stderr).not.toContain('hunter2-secret');
  });
});
