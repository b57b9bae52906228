import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { stringify } from 'yaml';
import type { DatasetInput } from '../../src/schemas/dataset.ts';
import { approvedTestDataset } from './test-datasets.ts';
import { PROJECT_ROOT, TEST_PSEUDONYM_KEY } from './workspace.ts';

/**
 * Shared pieces of the fault-injection suite (tests/integration/faults/): the real command run as
 * an operator runs it, in a child process with a time limit, and the checks every case ends with.
 */

export const BUILD_DATA = path.join(PROJECT_ROOT, 'scripts/build-data/index.ts');
export const BUILD_SITE = path.join(PROJECT_ROOT, 'scripts/build-site.ts');

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, as a terminal shows them. */
  output: string;
  ms: number;
}

export interface StartedCli {
  child: ChildProcess;
  /** Resolves when the process ends; rejects if it is still running after the time limit (it is then killed). */
  done: Promise<CliRun>;
  /** Resolves once `text` appears in its output (stderr or stdout). */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>;
  /** Sends a signal to the process and every process it started (a CI job cancelled, a machine's OOM killer). */
  killGroup(signal: NodeJS.Signals): void;
}

/** Starts a command of the project (a .ts entry point) in `cwd`, with exactly `env` (plus PATH and HOME). */
export function startCli(script: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): StartedCli {
  const started = Date.now();
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', ...options.env };
  // Its own process group, so a test can kill it with everything it started.
  const child = spawn(process.execPath, [script, ...args], { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  let stderr = '';
  let output = '';
  const watchers = new Set<() => void>();
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    output += d.toString();
    for (const w of watchers) w();
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    output += d.toString();
    for (const w of watchers) w();
  });
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // Already gone.
    }
  };
  const timeoutMs = options.timeoutMs ?? 120_000;
  const done = new Promise<CliRun>((resolve, reject) => {
    const timer = setTimeout(() => {
      killGroup('SIGKILL');
      reject(new Error(`${path.basename(script)} ${args.join(' ')} was still running after ${timeoutMs / 1000} s (a hang); its output:\n${output}`));
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, output, ms: Date.now() - started });
    });
  });
  done.catch(() => {});
  const waitFor = (text: string | RegExp, waitMs = 60_000) =>
    new Promise<void>((resolve, reject) => {
      const matches = () => (typeof text === 'string' ? output.includes(text) : text.test(output));
      const timer = setTimeout(() => {
        watchers.delete(check);
        reject(new Error(`"${text}" did not appear within ${waitMs / 1000} s; output so far:\n${output}`));
      }, waitMs);
      const check = () => {
        if (!matches()) return;
        clearTimeout(timer);
        watchers.delete(check);
        resolve();
      };
      watchers.add(check);
      child.on('close', () => {
        if (!watchers.has(check)) return;
        watchers.delete(check);
        clearTimeout(timer);
        if (matches()) resolve();
        else reject(new Error(`the process ended before "${text}" appeared; output:\n${output}`));
      });
      check();
    });
  return { child, done, waitFor, killGroup };
}

export function runCli(script: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<CliRun> {
  return startCli(script, args, options).done;
}

/** The environment of a snapshot against `url`: the database, the pseudonym key, nothing else of this process. */
export function snapshotEnv(url: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { DATABASE_URL: url, CATALOG_PSEUDONYM_KEY: TEST_PSEUDONYM_KEY, ...extra };
}

/**
 * A throw-away project root holding only the given datasets' metadata (and an empty data-snapshots/).
 * The caller deletes it when done (it is deleted here if writing the metadata fails).
 */
export async function faultWorkspace(datasets: readonly DatasetInput[]): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'catalog-faults-'));
  try {
    const dir = path.join(root, 'src/content/datasets');
    await mkdir(dir, { recursive: true });
    for (const dataset of datasets) await writeFile(path.join(dir, `${dataset.id}.yaml`), stringify(dataset));
    return root;
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
}

/** An approved dataset over one table of the fault database (`faults.<table>`: id, label, amount, recorded_at). */
export function faultDataset(id: string, table: string, overrides: Partial<DatasetInput> = {}): DatasetInput {
  return approvedTestDataset({
    id,
    title: `Readings (${id})`,
    summary: 'Meter readings used by the fault-injection tests.',
    description: 'One reading per row, generated by the test itself.',
    rowMeaning: 'one reading',
    keywords: ['readings'],
    theme: 'government',
    source: { schema: 'faults', table },
    fields: [
      { name: 'id', title: 'Reading number', description: 'Number of the reading.', type: 'integer' },
      { name: 'label', title: 'Label', description: 'A short label of the reading.', type: 'string' },
      { name: 'amount', title: 'Amount', description: 'The amount read, in units.', type: 'number' },
      { name: 'recorded_at', title: 'Recorded at', description: 'When the reading was taken.', type: 'datetime' },
    ],
    primaryKey: ['id'],
    collectionMethod: 'Generated by the test.',
    ...overrides,
  });
}

/** SQL for a table of the fault database with `rows` generated rows. */
export function faultTableSql(table: string, rows: number): string[] {
  return [
    'CREATE SCHEMA IF NOT EXISTS faults',
    `CREATE TABLE faults.${table} (id integer PRIMARY KEY, label text NOT NULL, amount numeric(10,2), recorded_at timestamp)`,
    `INSERT INTO faults.${table} SELECT g, 'reading ' || g || ' of meter ' || (g % 97), round((g % 1000) * 1.25, 2), timestamp '2026-01-01' + g * interval '1 minute' FROM generate_series(1, ${rows}) AS g`,
    `ANALYZE faults.${table}`,
  ];
}

/**
 * Changes a table and waits until the server's statistics show it, so the next run's fingerprint
 * sees the change: a session reports its counters when it ends (an idle one only every ~10 s), and
 * a run started before that would rightly call the table unchanged (docs/maintainers.md).
 */
export async function changeTable(url: string, table: string, statements: readonly string[]): Promise<void> {
  const counters = async (client: pg.Client) => {
    const { rows } = await client.query<{ n: string }>(`SELECT coalesce(n_tup_ins + n_tup_upd + n_tup_del, 0) AS n FROM pg_stat_user_tables WHERE relid = $1::regclass`, [table]);
    return Number(rows[0]?.n ?? 0);
  };
  const monitor = new pg.Client({ connectionString: url });
  await monitor.connect();
  try {
    const before = await counters(monitor);
    const writer = new pg.Client({ connectionString: url });
    await writer.connect();
    for (const statement of statements) await writer.query(statement);
    await writer.end();
    for (let i = 0; i < 300 && (await counters(monitor)) === before; i++) await new Promise((resolve) => setTimeout(resolve, 50));
  } finally {
    await monitor.end();
  }
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Everything that is wrong with a data-snapshots directory after a run ended (empty when it is
 * whole): a staging or temporary file left, a lock left, a version folder without a valid
 * manifest, a file whose size or SHA-256 differs from its manifest, a file no manifest lists.
 */
export async function snapshotProblems(root: string): Promise<string[]> {
  const base = path.join(root, 'data-snapshots');
  const problems: string[] = [];
  const top = await readdir(base, { withFileTypes: true }).catch(() => []);
  for (const entry of top) {
    if (entry.name.startsWith('.')) {
      problems.push(`${entry.name} left in data-snapshots/`);
      continue;
    }
    if (!entry.isDirectory()) continue;
    for (const version of await readdir(path.join(base, entry.name), { withFileTypes: true })) {
      const dir = path.join(base, entry.name, version.name);
      const where = `${entry.name}/${version.name}`;
      if (!version.isDirectory()) {
        if (version.name !== 'withdrawn.json') problems.push(`${where}: a file where only version folders (and withdrawn.json) belong`);
        continue;
      }
      const names = await readdir(dir);
      let manifest: { files: { name: string; bytes: number; sha256: string }[]; sample?: { name: string; bytes: number; sha256: string } };
      try {
        manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
      } catch {
        problems.push(`${where}: no readable manifest.json (holds ${names.join(', ') || 'nothing'})`);
        continue;
      }
      const listed = [...manifest.files, ...(manifest.sample ? [manifest.sample] : [])];
      for (const file of listed) {
        const target = path.join(dir, file.name);
        const size = await stat(target).then(
          (s) => s.size,
          () => null,
        );
        if (size === null) problems.push(`${where}/${file.name}: listed in the manifest but missing`);
        else if (size !== file.bytes) problems.push(`${where}/${file.name}: ${size} bytes, the manifest says ${file.bytes}`);
        else if ((await sha256(target)) !== file.sha256) problems.push(`${where}/${file.name}: SHA-256 differs from the manifest`);
      }
      for (const name of names) if (name !== 'manifest.json' && !listed.some((f) => f.name === name)) problems.push(`${where}/${name}: not listed in the manifest`);
    }
  }
  return problems;
}
