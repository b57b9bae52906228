import { stringify } from 'yaml';
import { siteConfig } from '../../../src/site.config.ts';
import { themeIds, frequencyIds } from '../../../src/schemas/vocabularies.ts';
import { typeDecision } from '../../build-data/lib/pg-types.ts';
import { classifyColumn } from '../../../src/schemas/personal-columns.ts';
import { TODO_MARKER } from '../../lib/todo-markers.ts';
import type { ColumnDescription, TableDescription } from './introspect.ts';

/**
 * Writes the text of a new draft metadata file from what the database knows. Everything the
 * database cannot know is a `TODO:` text that says what to write; each placeholder is long enough
 * to pass the schema, so the draft passes catalog:check (with warnings) the moment it is written.
 */

/** One YAML scalar on one line, quoted only when YAML needs it. */
function scalar(value: string | number | boolean): string {
  return stringify(value, { lineWidth: 0 }).trimEnd();
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function todo(text: string): string {
  return scalar(`${TODO_MARKER} ${text}`);
}

/** `street_trees` → `Street trees`; names that are already words (`Tree List`) keep their case. */
export function humanize(name: string): string {
  const words = name.replace(/[_\s]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A dataset id from a table name: lower-case letters, digits and single dashes. */
export function idFromTable(table: string): string {
  return table
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export interface DraftOptions {
  id: string;
  /** The command as the maintainer ran it, recorded in the file's header. */
  command: string;
  today: string;
}

export function renderDraft(table: TableDescription, options: DraftOptions): string {
  // Columns that look personal (by name or database comment) are drafted commented out.
  const publishable = table.columns.filter((c) => typeDecision(c).publish && !classifyColumn({ name: c.name, description: c.comment }));
  const published = new Set(publishable.map((c) => c.name));
  const key = table.primaryKey.filter((name) => published.has(name));
  const title = humanize(table.table);
  const summary =
    table.comment && table.comment.length >= 20 && table.comment.length <= 400
      ? scalar(oneLine(table.comment))
      : todo(`one or two plain-language sentences on what this data is and who would use it (shown first on the page and in search results).`);
  const lines = [
    `# Draft written by \`${options.command}\` on ${options.today}.`,
    '# Each TODO below marks a text still to write or a choice to confirm. catalog:check reports them',
    '# as warnings while status is draft and refuses them from status review on. Every column of the',
    '# table is listed: delete the fields that must not be published (personal data, internal notes).',
    '# Columns that look like personal data by their name or comment are listed commented out, with why.',
    '# The format is documented in docs/maintainers.md; every field is explained in src/schemas/dataset.ts.',
    `id: ${scalar(options.id)}`,
    `title: ${scalar(title.length >= 3 ? title : `${title} (${TODO_MARKER} a plain-language title)`)}`,
    `summary: ${summary}`,
    'description: |',
    ...(table.comment ? [`  ${oneLine(table.comment)}`, ''] : []),
    `  ${TODO_MARKER} explain in plain language (Markdown) what the data is, why the department keeps it,`,
    '  how to read it, and anything a reader could misunderstand.',
    `rowMeaning: ${todo('what one row stands for, e.g. one tree on public land')}`,
    `keywords: [${todo('words people would search for')}]`,
    `theme: government # ${TODO_MARKER} choose one of ${themeIds.join(', ')}`,
    `publisher: ${todo('the department that publishes and answers for the data')}`,
    `contactPoint: # ${TODO_MARKER} the team that answers questions about this data (a role address, not a person's)`,
    `  name: ${scalar(siteConfig.contact.name)}`,
    `  email: ${scalar(siteConfig.contact.email)}`,
    `license: ${scalar(siteConfig.newDatasetDefaults.license)} # the catalog's default (src/site.config.ts); change it if the data owner requires another`,
    `frequency: irregular # ${TODO_MARKER} how often the data changes: ${frequencyIds.join(', ')}`,
    'temporal:',
    `  start: ${options.today} # ${TODO_MARKER} the earliest date the data covers`,
    `spatial: ${scalar(siteConfig.newDatasetDefaults.spatial)}`,
    'status: draft',
    'source:',
    `  schema: ${scalar(table.schema)}`,
    `  table: ${scalar(table.table)}`,
    ...(table.reads ? [`  reads: [${table.reads.map(scalar).join(', ')}] # ${TODO_MARKER} what the view reads, from the database: check each with the data owner before review`] : []),
    ...primaryKeyLines(table, key),
    `collectionMethod: ${todo('say in a sentence or two how the data is collected, by whom, and how often.')}`,
    'caveats: [] # limits a reader must know before drawing conclusions, one sentence each',
    'fields:',
    ...table.columns.flatMap(fieldLines),
  ];
  return `${lines.join('\n')}\n`;
}

function primaryKeyLines(table: TableDescription, key: string[]): string[] {
  const lines: string[] = [];
  const missing = table.primaryKey.filter((name) => !key.includes(name));
  if (missing.length > 0) lines.push(`# The primary key also has ${missing.map((m) => `"${m}"`).join(', ')}, which cannot be published (see fields below).`);
  if (key.length > 0 && missing.length === 0) lines.push(`primaryKey: [${key.map(scalar).join(', ')}]`);
  else if (table.primaryKey.length === 0) lines.push('# No primary key in the database: add `primaryKey: [column, …]` if some columns identify a row.');
  return lines;
}

function fieldLines(column: ColumnDescription): string[] {
  const decision = typeDecision(column);
  const emptiness = column.nullable ? 'may be empty' : 'never empty (NOT NULL)';
  if (!decision.publish) {
    return [
      `  # Not published: the catalog does not publish ${column.displayType} columns: ${decision.reason}.`,
      `  # To publish this one, ${decision.instead}; point source at the view, then list it here.`,
      `  # - name: ${scalar(column.name)}`,
      `  #   type: ${column.displayType}`,
    ];
  }
  const type = decision.field;
  let description: string;
  if (column.comment && column.comment.length >= 10) description = scalar(oneLine(column.comment));
  else if (column.comment) description = todo(`expand the database comment "${oneLine(column.comment)}" into a plain-language sentence.`);
  else description = todo(`what this column means in plain language${column.nullable ? ', and what an empty value means' : ''}.`);
  const title = humanize(column.name);
  const lines = [
    `  - name: ${scalar(column.name)}`,
    `    title: ${scalar(title.length >= 2 ? title : `${title} (${TODO_MARKER} a human title)`)}`,
    `    description: ${description}`,
    `    type: ${type} # ${column.displayType}, ${emptiness}`,
  ];
  const personal = classifyColumn({ name: column.name, description: column.comment });
  if (!personal) return lines;
  return [
    `  # Not published: this column looks like ${personal.reason}. To publish it, add a transform`,
    '  # (hash, generalize, truncate or redact) or, if a person checked that it holds no personal data,',
    '  # scanReviewed: { justification: "…" } saying why; then remove the # signs.',
    ...lines.map((line) => `  #${line.slice(1)}`),
  ];
}
