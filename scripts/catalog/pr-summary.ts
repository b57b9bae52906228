import { execFile } from 'node:child_process';
import { appendFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { CliError } from '../../src/shared/cli-error.ts';
import { parseCommandLine } from '../lib/command-line.ts';
import { runCommand } from '../lib/run-command.ts';
import { METADATA_DIR } from '../../src/shared/metadata.ts';
import { diffMetadata, formatSummary } from './lib/metadata-diff.ts';

const run = promisify(execFile);

const usage = `Usage: npm run catalog:pr-summary -- --base <git ref> [--head <git ref>]

Lists the datasets whose metadata differs between two commits (added, changed, removed) with their
status, as a Markdown table: appended to $GITHUB_STEP_SUMMARY in GitHub Actions, printed otherwise.`;

/** The metadata files of one commit, path → text. */
export async function readMetadataAt(root: string, ref: string): Promise<Map<string, string>> {
  let listing: string;
  try {
    ({ stdout: listing } = await run('git', ['ls-tree', '-r', '--name-only', '-z', ref, '--', `${METADATA_DIR}/`], { cwd: root }));
  } catch (cause) {
    const reason = ((cause as { stderr?: string }).stderr || (cause as Error).message).trim().replace(/^fatal: /, '');
    throw new CliError(`Cannot read ${ref} from git (${reason}). Fetch it first (actions/checkout with fetch-depth: 0).`, { exitCode: 2, cause });
  }
  const files = new Map<string, string>();
  for (const file of listing.split('\0').filter((f) => /\.ya?ml$/.test(f))) {
    const { stdout } = await run('git', ['show', `${ref}:${file}`], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
    files.set(file, stdout);
  }
  return files;
}

export async function prSummary(root: string, base: string, head: string): Promise<string> {
  return formatSummary(diffMetadata(await readMetadataAt(root, base), await readMetadataAt(root, head)));
}

if (import.meta.main) {
  await runCommand(async () => {
    const { values } = parseCommandLine({ options: { base: { type: 'string' }, head: { type: 'string', default: 'HEAD' }, help: { type: 'boolean' } } }, usage);
    if (values.help) return console.log(usage);
    if (!values.base) throw new CliError(`--base is required.\n\n${usage}`, { exitCode: 2 });
    const markdown = await prSummary(process.cwd(), values.base, values.head);
    if (process.env.GITHUB_STEP_SUMMARY) await appendFile(process.env.GITHUB_STEP_SUMMARY, `${markdown}\n`);
    console.log(markdown);
  });
}
