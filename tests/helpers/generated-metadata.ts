import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import type { FieldType } from '../../src/schemas/field.ts';
import { PROJECT_ROOT } from './workspace.ts';

/**
 * Metadata documents for generated tables (tests and the benchmark): a copy of the demo 311 file,
 * which carries every sign-off and a complete checklist, with its id, source and fields replaced.
 */

const TEMPLATE = path.join(PROJECT_ROOT, 'src/content/datasets/311-service-requests.yaml');

export type GeneratedColumn = readonly [name: string, type: FieldType];

export async function metadataTemplate(): Promise<Record<string, unknown>> {
  return parse(await readFile(TEMPLATE, 'utf8')) as Record<string, unknown>;
}

export function generatedMetadata(
  template: Record<string, unknown>,
  options: { id: string; title?: string; summary?: string; keywords?: string[]; schema: string; table: string; columns: readonly GeneratedColumn[]; extra?: Record<string, unknown> },
): Record<string, unknown> {
  const { id, schema, table, columns } = options;
  // The template's recordDate names one of its own columns, which the generated fields replace.
  const { recordDate: _recordDate, ...rest } = template;
  return {
    ...rest,
    id,
    title: options.title ?? `Generated table ${table}`,
    ...(options.summary ? { summary: options.summary } : {}),
    ...(options.keywords ? { keywords: options.keywords } : {}),
    source: { schema, table },
    fields: columns.map(([name, type]) => ({ name, title: `Column ${name}`, description: `Generated column ${name}.`, type })),
    primaryKey: [columns[0]![0]],
    related: [],
    uses: [],
    ...options.extra,
  };
}

export async function writeMetadataFiles(root: string, documents: readonly Record<string, unknown>[]): Promise<void> {
  const dir = path.join(root, 'src/content/datasets');
  await mkdir(dir, { recursive: true });
  await Promise.all(documents.map((doc) => writeFile(path.join(dir, `${String(doc.id)}.yaml`), stringify(doc))));
}

/** An empty project root holding only the given metadata; the caller deletes it when done (it is deleted here if writing fails). */
export async function workspaceWithMetadata(documents: readonly Record<string, unknown>[]): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'catalog-gen-'));
  try {
    await writeMetadataFiles(root, documents);
    return root;
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
}
