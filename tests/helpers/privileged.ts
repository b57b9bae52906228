import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/**
 * Runs a command that needs root (mount, pg_createcluster): directly as root (this project's CI),
 * else through passwordless `sudo -n` (GitHub's runners). Fails saying what is needed otherwise.
 */
export async function privileged(command: string, args: readonly string[], hint: string): Promise<string> {
  const [file, argv] = process.getuid?.() === 0 ? [command, args] : ['sudo', ['-n', command, ...args]];
  try {
    const { stdout } = await exec(file, [...argv], { timeout: 120_000 });
    return stdout;
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(`\`${command} ${args.join(' ')}\` failed: ${e.stderr?.trim() || e.message}. ${hint} (it needs root, or passwordless sudo).`, { cause: error });
  }
}
