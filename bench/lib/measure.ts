import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface ChildRun {
  seconds: number;
  /** Peak resident set size of the child in bytes (GNU time's %M, which reads the kernel's maxrss). */
  peakRss: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command under /usr/bin/time (GNU time) and returns its wall time, as seen from here,
 * and its peak RSS. Fails with the command's output when it exits non-zero.
 */
export async function runTimed(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<ChildRun> {
  const started = process.hrtime.bigint();
  const child = spawn('/usr/bin/time', ['-f', 'BENCH_MAXRSS_KB=%M', command, ...args], { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}:\n${stderr.slice(-3000)}`);
  const kb = /BENCH_MAXRSS_KB=(\d+)/.exec(stderr)?.[1];
  if (!kb) throw new Error(`GNU time printed no peak RSS for ${command} (is /usr/bin/time GNU time?)`);
  return { seconds, peakRss: Number(kb) * 1024, stdout, stderr };
}

/** Total bytes of the files under `dir`. */
export async function directoryBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}
