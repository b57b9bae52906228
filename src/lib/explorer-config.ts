import type { Field } from '../schemas/field.ts';
import type { ColumnProfile } from '../schemas/manifest.ts';
import type { ExplorerConfig } from '../scripts/explorer/explorer-ui.ts';
import type { CatalogEntry } from './catalog.ts';
import { downloadHref } from './download-links.ts';
import { urls } from './urls.ts';

/** A pick-list longer than this is no help: the explorer offers "contains" and "is exactly" instead. */
const MAX_CHOICES = 60;

const collator = new Intl.Collator('en', { numeric: true });

/**
 * The values the explorer offers in a text column's pick-list: every value the profile found when
 * it found them all (the column has no more different values than it lists), else the field's
 * declared `allowedValues` with any other value the profile saw; none when neither is complete.
 */
export function explorerChoices(field: Field | undefined, profile: ColumnProfile | undefined): string[] | undefined {
  const seen = (profile?.top ?? []).flatMap((t) => (t.value === null ? [] : [t.value]));
  const complete = profile !== undefined && !profile.topEstimated && !profile.distinctEstimated && profile.distinct <= seen.length;
  const allowed = field?.allowedValues?.map(String);
  const choices = complete ? seen : allowed ? [...new Set([...allowed, ...seen])] : [];
  if (choices.length === 0 || choices.length > MAX_CHOICES) return undefined;
  return [...choices].sort(collator.compare);
}

/** The explorer's settings for a dataset's latest version (its `explorer.json`), or null without a Parquet file. */
export function explorerConfig(entry: CatalogEntry): ExplorerConfig | null {
  const { dataset, latest } = entry;
  const parquet = latest.files.find((file) => file.name === 'data.parquet');
  if (!parquet) return null;
  return {
    datasetId: dataset.id,
    version: latest.version,
    title: dataset.title,
    parquetUrl: downloadHref(dataset.id, latest.version, parquet),
    parquetBytes: parquet.bytes,
    // The file's columns in its order (as catalog.ts's fieldsInFileOrder, which this module cannot import: it loads the content collections).
    columns: latest.columns.map((column, index) => {
      const field = dataset.fields.find((f) => f.name === column.name);
      const choices = column.type === 'string' ? explorerChoices(field, latest.profile[index]) : undefined;
      return { name: column.name, title: field?.title ?? column.name, type: column.type, ...(choices ? { choices } : {}) };
    }),
  };
}

/** Where a dataset's explorer settings are served (fetched when the reader opens the explorer). */
export const explorerConfigUrl = (id: string) => `${urls.dataset(id)}explorer.json`;
