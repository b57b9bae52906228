import type { FieldType } from '../../schemas/field.ts';

/**
 * What the reader has asked the table explorer for (filters, sort, page), and its form in the page
 * URL, so a view can be linked to ("requests in Millbrook in March 2024, newest first"):
 *
 *   ?explore&f=between~requested_at~2024-03-01~2024-03-31&f=in~category~Pothole~Graffiti&sort=desc~requested_at&page=2#explore
 *
 * Each filter is one `f` parameter: its condition, the column and the condition's values, joined
 * by `~` (a `~` or `%` inside a part is percent-encoded first, so any column name and value survive).
 */

/** The conditions a filter can have; which apply to a column depends on its type (`conditionsFor`). */
export type Condition = 'contains' | 'equals' | 'between' | 'in' | 'empty' | 'filled';

export interface Filter {
  column: string;
  condition: Condition;
  /** contains / equals: one text; between: from and to (either may be ''); in: the chosen values; empty / filled: none. */
  values: string[];
}

export interface Sort {
  column: string;
  descending: boolean;
}

export interface ViewState {
  filters: Filter[];
  sort: Sort | null;
  /** 1-based. */
  page: number;
}

export const emptyView = (): ViewState => ({ filters: [], sort: null, page: 1 });

/** The conditions that fit a column of this type; `in` only where the profile lists every value. */
export function conditionsFor(type: FieldType, hasChoices: boolean): Condition[] {
  const emptiness: Condition[] = ['empty', 'filled'];
  switch (type) {
    case 'string':
      return [...(hasChoices ? (['in'] as const) : []), 'contains', 'equals', ...emptiness];
    case 'duration':
      return ['contains', 'equals', ...emptiness];
    case 'integer':
    case 'number':
      return ['between', 'equals', ...emptiness];
    case 'date':
    case 'datetime':
    case 'time':
      return ['between', ...emptiness];
    case 'boolean':
      return ['in', ...emptiness];
  }
}

const encodePart = (part: string) => part.replaceAll('%', '%25').replaceAll('~', '%7E');
const decodePart = (part: string) => part.replaceAll('%7E', '~').replaceAll('%25', '%');
const conditions = new Set<Condition>(['contains', 'equals', 'between', 'in', 'empty', 'filled']);

/** The view as URL search parameters (the `explore` flag opens the explorer on load). */
export function toSearchParams(view: ViewState): URLSearchParams {
  const params = new URLSearchParams();
  params.set('explore', '');
  for (const filter of view.filters) params.append('f', [filter.condition, filter.column, ...filter.values].map(encodePart).join('~'));
  if (view.sort) params.set('sort', `${view.sort.descending ? 'desc' : 'asc'}~${encodePart(view.sort.column)}`);
  if (view.page > 1) params.set('page', String(view.page));
  return params;
}

/**
 * The view a URL asks for, keeping only what names a known column with a condition it allows (a
 * link made for an older version may name a column that is gone); null when the URL does not ask
 * for the explorer.
 */
export function fromSearchParams(params: URLSearchParams, columns: readonly { name: string; type: FieldType; choices?: readonly string[] }[]): ViewState | null {
  if (!params.has('explore')) return null;
  const byName = new Map(columns.map((c) => [c.name, c]));
  const filters: Filter[] = [];
  for (const raw of params.getAll('f')) {
    const [condition, column, ...values] = raw.split('~').map(decodePart);
    const known = column === undefined ? undefined : byName.get(column);
    if (!known || !conditions.has(condition as Condition)) continue;
    if (!conditionsFor(known.type, (known.choices?.length ?? 0) > 0 || known.type === 'boolean').includes(condition as Condition)) continue;
    filters.push({ column: column!, condition: condition as Condition, values });
  }
  const [direction, sortColumn] = (params.get('sort') ?? '').split('~').map(decodePart);
  const sort = sortColumn !== undefined && byName.has(sortColumn) && (direction === 'asc' || direction === 'desc') ? { column: sortColumn, descending: direction === 'desc' } : null;
  const page = Math.max(1, Math.floor(Number(params.get('page') ?? '1')) || 1);
  return { filters, sort, page };
}
