import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { CliError } from '../../../src/shared/cli-error.ts';
import { recordingLogger } from '../../../tests/helpers/workspace.ts';
import { acquireRunLock, LOCK_FILE, LOCKED_EXIT_CODE } from './run-lock.ts';

describe('the run lock of data-snapshots/', () => {
  it('is held by one run at a time: the second stops with exit 5 naming the first, and can take it once released', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'lock-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const log = recordingLogger();
    const first = await acquireRunLock(dir, { command: 'npm run build:data', waitSeconds: 0, log });
    const holder = JSON.parse(await readFile(path.join(dir, LOCK_FILE), 'utf8'));
    expect(holder).toMatchObject({ pid: process.pid, host: hostname(), command: 'npm run build:data' });
    const refused = await acquireRunLock(dir, { command: 'npm run build:data', waitSeconds: 0, log }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(CliError);
    expect((refused as CliError).exitCode).toBe(LOCKED_EXIT_CODE);
    expect((refused as CliError).message).toContain(`Another run is writing to ${dir}: \`npm run build:data\` (process ${process.pid} on ${hostname()}`);
    await first.release();
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    const second = await acquireRunLock(dir, { command: 'again', waitSeconds: 0, log });
    await second.release();
  });

  it('waits up to --wait for the holder to finish', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'lock-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const log = recordingLogger();
    const first = await acquireRunLock(dir, { command: 'first', waitSeconds: 0, log });
    setTimeout(() => void first.release(), 300);
    const started = Date.now();
    const second = await acquireRunLock(dir, { command: 'second', waitSeconds: 10, log });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(log.lines.some((l) => l.startsWith('Waiting for `first`'))).toBe(true);
    await second.release();
  });

  it('takes over the lock of a process that is gone, saying whose it was', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'lock-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const log = recordingLogger();
    // A pid above the kernel's maximum is never running.
    await writeFile(path.join(dir, LOCK_FILE), JSON.stringify({ pid: 4_194_305, host: hostname(), command: 'killed run', startedAt: '2026-11-25T04:17:00Z', token: 'dead' }));
    const lock = await acquireRunLock(dir, { command: 'next', waitSeconds: 0, log });
    expect(log.lines.join('\n')).toContain('Taking over the run lock');
    expect(log.lines.join('\n')).toContain('`killed run` (process 4194305');
    expect(log.lines.join('\n')).toContain('process 4194305 is no longer running');
    expect((JSON.parse(await readFile(path.join(dir, LOCK_FILE), 'utf8')) as { command: string }).command).toBe('next');
    await lock.release();
  });
});
