import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { reportProblemUrl } from '../../src/lib/feedback-links.ts';
import { siteConfig } from '../../src/site.config.ts';
import { PROJECT_ROOT } from '../helpers/workspace.ts';

/**
 * The shape GitHub requires of issue forms ("Syntax for issue forms" and "Syntax for GitHub's form
 * schema" in GitHub's documentation). A form GitHub cannot read silently falls back to a blank issue.
 */
const TOP_LEVEL_KEYS = new Set(['name', 'description', 'title', 'labels', 'assignees', 'projects', 'type', 'body']);
const ELEMENT_TYPES = new Set(['markdown', 'textarea', 'input', 'dropdown', 'checkboxes']);
const DIR = path.join(PROJECT_ROOT, '.github/ISSUE_TEMPLATE');

interface Element {
  type: string;
  id?: string;
  attributes?: { label?: string; value?: string; options?: unknown[] };
  validations?: { required?: boolean };
}

async function forms(): Promise<{ file: string; form: Record<string, unknown> }[]> {
  const names = (await readdir(DIR)).filter((n) => /\.ya?ml$/.test(n) && n !== 'config.yml');
  return Promise.all(names.map(async (file) => ({ file, form: parse(await readFile(path.join(DIR, file), 'utf8')) as Record<string, unknown> })));
}

/** Every rule broken by one form, as readable lines (an empty list means GitHub accepts it). */
function formProblems(form: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(form)) if (!TOP_LEVEL_KEYS.has(key)) problems.push(`unknown top-level key "${key}"`);
  for (const key of ['name', 'description']) if (typeof form[key] !== 'string' || !form[key]) problems.push(`"${key}" is required`);
  const body = form.body as Element[] | undefined;
  if (!Array.isArray(body) || body.length === 0) return [...problems, '"body" must be a non-empty list'];
  if (!body.some((e) => e.type !== 'markdown')) problems.push('"body" needs at least one field besides markdown');
  const ids = new Set<string>();
  body.forEach((element, index) => {
    const at = `body[${index}]`;
    if (!ELEMENT_TYPES.has(element.type)) problems.push(`${at}: type "${element.type}" is not one of ${[...ELEMENT_TYPES].join(', ')}`);
    if (element.id !== undefined) {
      if (!/^[A-Za-z0-9_-]+$/.test(element.id)) problems.push(`${at}: id "${element.id}" may only have letters, digits, - and _`);
      if (ids.has(element.id)) problems.push(`${at}: id "${element.id}" is used twice`);
      ids.add(element.id);
    }
    if (element.type === 'markdown') {
      if (!element.attributes?.value) problems.push(`${at}: markdown needs attributes.value`);
      if (element.validations || element.id) problems.push(`${at}: markdown takes no id or validations`);
      return;
    }
    if (!element.attributes?.label) problems.push(`${at}: attributes.label is required`);
    if (element.type === 'dropdown' || element.type === 'checkboxes') {
      const options = element.attributes?.options;
      if (!Array.isArray(options) || options.length === 0) problems.push(`${at}: ${element.type} needs attributes.options`);
      else if (element.type === 'dropdown' && (new Set(options).size !== options.length || options.some((o) => typeof o !== 'string'))) problems.push(`${at}: dropdown options must be unique strings`);
      else if (element.type === 'checkboxes' && options.some((o) => typeof (o as { label?: unknown }).label !== 'string')) problems.push(`${at}: each checkbox needs a label`);
    }
  });
  return problems;
}

describe('issue forms', () => {
  it('follow the shape GitHub requires', async () => {
    const all = await forms();
    expect(all.length).toBeGreaterThanOrEqual(3);
    for (const { file, form } of all) expect(formProblems(form), file).toEqual([]);
  });

  it('the shape check catches the usual mistakes', () => {
    const broken = {
      name: 'x',
      body: [
        { type: 'input', id: 'a' },
        { type: 'textarea', id: 'a', attributes: { label: 'A' } },
        { type: 'select', attributes: { label: 'B' } },
        { type: 'dropdown', attributes: { label: 'C', options: [] } },
      ],
      labels: [],
      assignee: 'x',
    };
    expect(formProblems(broken)).toEqual([
      'unknown top-level key "assignee"',
      '"description" is required',
      'body[0]: attributes.label is required',
      'body[1]: id "a" is used twice',
      'body[2]: type "select" is not one of markdown, textarea, input, dropdown, checkboxes',
      'body[3]: dropdown needs attributes.options',
    ]);
  });

  it('exist under the names the site links to', () => {
    for (const file of Object.values(siteConfig.issueTemplates)) expect(existsSync(path.join(DIR, file)), file).toBe(true);
  });

  it('have a field for every parameter the dataset page pre-fills', async () => {
    const link = new URL(reportProblemUrl({ id: 'street-trees', title: 'Street trees' }, { version: 'v1', pageUrl: 'https://x.example/' }));
    const prefilled = [...link.searchParams.keys()].filter((key) => !['template', 'title', 'labels'].includes(key));
    const form = (await forms()).find((f) => f.file === siteConfig.issueTemplates.reportProblem)!.form;
    const ids = (form.body as Element[]).map((e) => e.id);
    expect(prefilled).toEqual(['dataset', 'version', 'page']);
    for (const key of prefilled) expect(ids, `report-problem form field for ?${key}=`).toContain(key);
  });

  it('config.yml turns blank issues off and links to this catalog', async () => {
    const config = parse(await readFile(path.join(DIR, 'config.yml'), 'utf8')) as { blank_issues_enabled: unknown; contact_links: { name: string; url: string; about: string }[] };
    expect(config.blank_issues_enabled).toBe(false);
    for (const link of config.contact_links) {
      expect(Object.keys(link).sort()).toEqual(['about', 'name', 'url']);
      expect(link.url.startsWith(siteConfig.url) || link.url.startsWith(siteConfig.repository), `${link.url}: update it with site.config.ts`).toBe(true);
    }
  });
});

describe('CODEOWNERS', () => {
  it('names only metadata files that exist', async () => {
    const lines = (await readFile(path.join(PROJECT_ROOT, '.github/CODEOWNERS'), 'utf8')).split('\n').filter((l) => l.trim() && !l.startsWith('#'));
    for (const line of lines) {
      const [pattern, ...owners] = line.trim().split(/\s+/);
      expect(owners.length, line).toBeGreaterThan(0);
      if (pattern!.startsWith('/src/content/datasets/')) expect(existsSync(path.join(PROJECT_ROOT, pattern!)), pattern).toBe(true);
    }
  });
});
