import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { prSummary } from './pr-summary.ts';

async function repoWithTwoCommits(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'pr-summary-'));
  onTestFinished(() => rm(root, { recursive: true, force: true }));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'pipe' });
  const write = (name: string, text: string) => writeFile(path.join(root, 'src/content/datasets', name), text);
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'test@example.org');
  git('config', 'user.name', 'Test');
  await mkdir(path.join(root, 'src/content/datasets'), { recursive: true });
  await write('trees.yaml', 'id: trees\ntitle: Street trees\nstatus: review\nfields:\n  - name: tree_id\n  - name: notes\n');
  await write('old.yaml', 'id: old\ntitle: Old data\nstatus: approved\n');
  await write('same.yaml', 'id: same\ntitle: Unchanged\nstatus: approved\n');
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  await write('trees.yaml', 'id: trees\ntitle: Street trees\nstatus: approved\nsummary: new\nfields:\n  - name: tree_id\n  - name: species\n');
  await rm(path.join(root, 'src/content/datasets/old.yaml'));
  await write('permits.yaml', 'id: permits\ntitle: Building | permits\nstatus: draft\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'head');
  return root;
}

describe('pull-request summary of metadata changes', () => {
  it('lists datasets added, changed and removed between two commits, with their status', async () => {
    const root = await repoWithTwoCommits();
    expect(await prSummary(root, 'HEAD~1', 'HEAD')).toMatchInlineSnapshot(`
      "### Datasets in this pull request

      | | id | title | status | what changed |
      |---|---|---|---|---|
      | removed | \`old\` | Old data | approved | — |
      | added | \`permits\` | Building \\| permits | draft | — |
      | changed | \`trees\` | Street trees | review → **approved** | changed: status, fields, summary; columns added: species; columns removed: notes |

      **1 dataset(s) become public when this is merged:** \`trees\`. Check the approval checklist in the pull request description.
      "
    `);
  });

  it('says which ref it cannot read', async () => {
    const root = await repoWithTwoCommits();
    await expect(prSummary(root, 'no-such-branch', 'HEAD')).rejects.toThrow(/^Cannot read no-such-branch from git \(Not a valid object name no-such-branch\.?\)\. Fetch it first/);
  });
});
