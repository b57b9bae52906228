import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { silentLogger } from '../../lib/effects.ts';
import { CliError } from '../../../src/shared/cli-error.ts';
import { checkCatalog, parseFormat } from './check-catalog.ts';

const valid = (await readFile(new URL('../../../src/content/datasets/street-trees.yaml', import.meta.url), 'utf8')).replace(/^related:.*\n/m, '');

async function workspace(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'check-'));
  onTestFinished(() => rm(root, { recursive: true, force: true }));
  await mkdir(path.join(root, 'src/content/datasets'), { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(root, 'src/content/datasets', name), text);
  return root;
}

async function check(root: string, format: 'text' | 'github' = 'text') {
  const out: string[] = [];
  const result = await checkCatalog({ root, database: false, format, env: {}, out: (line) => out.push(line), log: silentLogger }).catch((e: unknown) => e);
  return { result, out };
}

describe('catalog:check without a database', () => {
  it('passes a draft with TODO markers and lists them as warnings', async () => {
    const root = await workspace({ 'street-trees.yaml': valid.replace('status: approved', 'status: draft').replace(/^rowMeaning:.*$/m, 'rowMeaning: "TODO: what one row is"') });
    const { result, out } = await check(root);
    expect(result).toHaveLength(1);
    expect(out.join('\n')).toMatchInlineSnapshot(`
      "⚠ 1 warning(s), not blocking while the datasets are drafts:
        src/content/datasets/street-trees.yaml:15  rowMeaning: text still to write ("TODO: what one row is"); write it and remove the TODO marker before setting status: review
      ✔ 1 metadata file(s) valid (1 draft)."
    `);
  });

  it('fails an approved dataset with a TODO marker, as an annotation in GitHub format', async () => {
    const root = await workspace({ 'street-trees.yaml': valid.replace(/^spatial:.*$/m, 'spatial: City # TODO: which area?') });
    const { result, out } = await check(root, 'github');
    expect(result).toBeInstanceOf(CliError);
    expect(out).toMatchInlineSnapshot(`
      [
        "::error file=src/content/datasets/street-trees.yaml,line=27,title=catalog%3Acheck spatial::spatial: text still to write ("TODO: which area?"); write it and remove the TODO marker: a dataset with status approved cannot keep placeholders",
      ]
    `);
  });

  it('fails an approved dataset the approval gate refuses, at the line of the missing answer', async () => {
    const text = valid.replace(/^ {2}securityReview:.*\n/m, '').replace('licenseCleared: true', 'licenseCleared: false');
    const { result, out } = await check(await workspace({ 'street-trees.yaml': text }));
    expect(result).toBeInstanceOf(CliError);
    expect((result as Error).message).toMatch(
      /street-trees\.yaml:\d+ {2}approvals\.securityReview: the security review sign-off is missing; add \{ name, date \} once it is given \(approved datasets are published only once cleared\)/,
    );
    expect((result as Error).message).toMatch(/street-trees\.yaml:\d+ {2}checklist\.licenseCleared: the right to release the data under the declared licence is not cleared/);
    expect(out).toEqual([]);
  });

  it('chooses GitHub annotations by itself inside GitHub Actions', () => {
    expect(parseFormat(undefined, { GITHUB_ACTIONS: 'true' })).toBe('github');
    expect(parseFormat(undefined, {})).toBe('text');
    expect(() => parseFormat('json', {})).toThrow('--format must be text or github, not "json".');
  });
});
