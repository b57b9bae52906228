import type { CatalogEntry } from '../catalog.ts';
import type { Field } from '../../schemas/field.ts';
import type { Manifest } from '../../schemas/manifest.ts';

/**
 * What every exporter reads about one dataset: its metadata and its published versions (newest
 * first; withdrawn versions are not among them, so no export lists their files). `withdrawn` is
 * read by the feeds only, which announce withdrawals.
 */
export type StandardsEntry = Pick<CatalogEntry, 'dataset' | 'versions' | 'latest'> & Partial<Pick<CatalogEntry, 'withdrawn'>>;

/** Date first published: the metadata's `issued`, else the date of the oldest snapshot. */
export function issuedDate(entry: StandardsEntry): string {
  return entry.dataset.issued ?? (entry.versions.at(-1) ?? entry.latest).snapshotAt.slice(0, 10);
}

/**
 * The field dictionary in the order of the published file's columns. Every published column has a
 * field (build-data refuses to publish one without), so a miss in the latest version means the
 * metadata changed after the snapshot: fail loudly rather than export a column nobody described.
 */
export function fieldsOf(entry: StandardsEntry, manifest: Manifest = entry.latest): Field[] {
  return manifest.columns.map((column) => {
    const field = entry.dataset.fields.find((f) => f.name === column.name);
    // An older version may hold a column the metadata has since dropped: it stays published, so
    // describe it by name and type rather than break the build of its permanent files.
    if (!field && manifest !== entry.latest) {
      return { name: column.name, title: column.name, type: column.type, description: 'A column of this older version that the current metadata no longer describes.' };
    }
    if (!field) {
      throw new Error(
        `${entry.dataset.id} version ${manifest.version} publishes column "${column.name}", which the metadata no longer ` +
          'describes; restore it in fields or run `npm run snapshot` to publish a new version.',
      );
    }
    return field;
  });
}

/** Plain text for fields that take no markup: Markdown emphasis, links and list marks removed. */
export function plainText(markdown: string): string {
  return (
    markdown
      .replace(/\[([^\]]+)\]\([^)]+\)/g, '$1')
      // Underscores are left alone: column names such as tree_id are common in descriptions.
      .replace(/(\*\*|\*|`)([^*`\n]+?)\1/g, '$2')
      .replace(/^[ \t]*[-*+][ \t]+/gm, '')
      .replace(/^#+[ \t]+/gm, '')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  );
}
