import { parseDocument } from 'yaml';

/** One metadata file's dataset as a reviewer sees it: enough to say what a pull request changes. */
export interface DatasetSnapshot {
  file: string;
  id: string;
  title: string;
  status: string;
  /** Top-level keys and their values, for naming what changed. */
  data: Record<string, unknown>;
}

export interface DatasetChange {
  kind: 'added' | 'changed' | 'removed';
  file: string;
  id: string;
  title: string;
  statusBefore?: string;
  statusAfter?: string;
  /** Top-level metadata keys whose value changed (for `changed`). */
  keys: string[];
  fieldsAdded: string[];
  fieldsRemoved: string[];
}

/** Reads what it can of a metadata file; a file that does not parse still shows up, by its name. */
export function readSnapshot(file: string, text: string): DatasetSnapshot {
  let data: Record<string, unknown> = {};
  try {
    const parsed = parseDocument(text).toJS() as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) data = parsed as Record<string, unknown>;
  } catch (error) {
    // What yaml throws for an alias it cannot resolve. An unparseable file is reported by catalog:check; here it is just "changed".
    if (!(error instanceof ReferenceError)) throw error;
  }
  const name = file
    .split('/')
    .pop()!
    .replace(/\.ya?ml$/, '');
  return {
    file,
    id: typeof data.id === 'string' ? data.id : name,
    title: typeof data.title === 'string' ? data.title : name,
    status: typeof data.status === 'string' ? data.status : '(unreadable)',
    data,
  };
}

function fieldNames(data: Record<string, unknown>): string[] {
  return Array.isArray(data.fields) ? data.fields.map((f: unknown) => nameOf(f)) : [];
}

/** A field's name as written; a missing or unreadable one (a list, a map) is `?`. */
function nameOf(field: unknown): string {
  const name = (field as { name?: unknown } | null)?.name;
  return typeof name === 'string' || typeof name === 'number' || typeof name === 'boolean' ? String(name) : '?';
}

/** Compares the metadata files of two versions of the repository (maps of path → text). */
export function diffMetadata(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): DatasetChange[] {
  const changes: DatasetChange[] = [];
  const files = [...new Set([...before.keys(), ...after.keys()])].sort();
  for (const file of files) {
    const oldText = before.get(file);
    const newText = after.get(file);
    if (oldText === newText) continue;
    const old = oldText === undefined ? undefined : readSnapshot(file, oldText);
    const now = newText === undefined ? undefined : readSnapshot(file, newText);
    const shown = (now ?? old)!;
    const keys = old && now ? [...new Set([...Object.keys(old.data), ...Object.keys(now.data)])].filter((k) => JSON.stringify(old.data[k]) !== JSON.stringify(now.data[k])) : [];
    const oldFields = old ? fieldNames(old.data) : [];
    const newFields = now ? fieldNames(now.data) : [];
    changes.push({
      kind: !old ? 'added' : !now ? 'removed' : 'changed',
      file,
      id: shown.id,
      title: shown.title,
      statusBefore: old?.status,
      statusAfter: now?.status,
      keys,
      fieldsAdded: newFields.filter((f) => !oldFields.includes(f)),
      fieldsRemoved: oldFields.filter((f) => !newFields.includes(f)),
    });
  }
  return changes;
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

/** The job summary: one table row per dataset the pull request adds, changes or removes. */
export function formatSummary(changes: readonly DatasetChange[]): string {
  if (changes.length === 0) return '### Datasets in this pull request\n\nNo dataset metadata changed.\n';
  const rows = changes.map((c) => {
    const status = c.kind === 'changed' && c.statusBefore !== c.statusAfter ? `${c.statusBefore} → **${c.statusAfter}**` : (c.statusAfter ?? c.statusBefore ?? '');
    const details = [
      c.keys.length > 0 ? `changed: ${c.keys.join(', ')}` : '',
      c.fieldsAdded.length > 0 ? `columns added: ${c.fieldsAdded.join(', ')}` : '',
      c.fieldsRemoved.length > 0 ? `columns removed: ${c.fieldsRemoved.join(', ')}` : '',
    ].filter(Boolean);
    return `| ${c.kind} | \`${cell(c.id)}\` | ${cell(c.title)} | ${status} | ${cell(details.join('; ') || '—')} |`;
  });
  const newlyApproved = changes.filter((c) => c.statusAfter === 'approved' && c.statusBefore !== 'approved');
  const note =
    newlyApproved.length > 0
      ? `\n**${newlyApproved.length} dataset(s) become public when this is merged:** ${newlyApproved.map((c) => `\`${c.id}\``).join(', ')}. Check the approval checklist in the pull request description.\n`
      : '';
  return ['### Datasets in this pull request', '', '| | id | title | status | what changed |', '|---|---|---|---|---|', ...rows, note].join('\n');
}
