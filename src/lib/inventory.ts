import type { Dataset } from '../schemas/dataset.ts';
import type { OfflineDataset } from '../shared/publication.ts';
import { getCatalog, getPublication } from './catalog.ts';
import { urls } from './urls.ts';

/**
 * The public inventory: every dataset the catalog knows of, published or not, with its state and
 * planned publication date. For unpublished datasets it says what is coming, never where it comes
 * from: no source table, no field names, no data.
 */

export const inventoryStages = ['published', 'planned', 'in-preparation', 'retired'] as const;
export type InventoryStage = (typeof inventoryStages)[number];

export const stageLabels: Record<InventoryStage, string> = {
  published: 'Published',
  planned: 'Planned',
  'in-preparation': 'In preparation',
  retired: 'Retired',
};

export interface InventoryItem {
  id: string;
  title: string;
  summary: string;
  publisher: string;
  theme: Dataset['theme'];
  /** The metadata's workflow state. */
  status: Dataset['status'];
  stage: InventoryStage;
  /** What is happening, in words, e.g. "In review" or "Approved; waiting for sign-offs". */
  state: string;
  /** The dataset page, for published and retired datasets. */
  url: string | null;
  plannedPublication: string | null;
  /** Day of the latest published version. */
  lastUpdated: string | null;
  retired: { date: string; reason: string } | null;
}

/** What is happening, in words, from the one publication rule's decision. */
function describeState(dataset: Dataset, offline: OfflineDataset | undefined): string {
  if (!offline) return dataset.status === 'retired' ? 'Retired' : 'Published';
  const { reason, versionsOnDisk } = offline;
  switch (reason.kind) {
    case 'not-approved':
      if (versionsOnDisk > 0) return 'Taken offline: sent back for review';
      return reason.status === 'draft' ? 'Draft: the description is being written' : 'In review: sign-offs are being collected';
    case 'blocked':
      if (dataset.status === 'retired') return 'Retired; its archive is offline until its reviews are complete again';
      // Published once and no longer cleared (reclassified, a sign-off withdrawn): page and files are offline together.
      if (versionsOnDisk > 0) return 'Taken offline until its reviews are complete again';
      return 'Approved by the department; reviews still to complete';
    case 'no-version':
      if (dataset.status === 'retired') return 'Retired before its first publication';
      return 'Approved; first publication at the next refresh';
  }
}

export async function getInventory(): Promise<InventoryItem[]> {
  const [publication, catalog] = await Promise.all([getPublication(), getCatalog()]);
  const published = new Map(catalog.map((entry) => [entry.dataset.id, entry]));
  const offline = new Map(publication.offline.map((o) => [o.dataset.id, o]));
  const datasets = [...publication.online.map((o) => o.dataset), ...publication.offline.map((o) => o.dataset)];
  const items = datasets.map((dataset): InventoryItem => {
    const entry = published.get(dataset.id);
    const stage: InventoryStage = dataset.status === 'retired' ? 'retired' : entry ? 'published' : dataset.plannedPublication ? 'planned' : 'in-preparation';
    return {
      id: dataset.id,
      title: dataset.title,
      summary: dataset.summary,
      publisher: dataset.publisher,
      theme: dataset.theme,
      status: dataset.status,
      stage,
      state: describeState(dataset, offline.get(dataset.id)),
      url: entry ? urls.dataset(dataset.id) : null,
      plannedPublication: entry ? null : (dataset.plannedPublication ?? null),
      lastUpdated: entry ? entry.latest.snapshotAt.slice(0, 10) : null,
      retired: dataset.status === 'retired' && dataset.retired ? dataset.retired : null,
    };
  });
  // Planned datasets in the order they are due: the inventory doubles as a publication timeline.
  return items.sort(
    (a, b) => inventoryStages.indexOf(a.stage) - inventoryStages.indexOf(b.stage) || (a.plannedPublication ?? '').localeCompare(b.plannedPublication ?? '') || a.title.localeCompare(b.title, 'en'),
  );
}
