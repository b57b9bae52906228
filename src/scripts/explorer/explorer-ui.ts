// As text, injected when the explorer opens: an imported stylesheet would be added to every dataset page.
import styles from './explorer.css?inline';
import type { ExplorerColumn } from './parquet-table.ts';
import type { FromWorker, QueryResult, ToWorker } from './protocol.ts';
import { conditionsFor, emptyView, fromSearchParams, toSearchParams, type Condition, type Filter, type ViewState } from './view-state.ts';

/**
 * The table explorer's page side (TableExplorer.astro loads it when the reader opens the
 * explorer, or when the page's URL holds an explorer view): the filter form, sort, the result
 * table with its caption, paging, the match count announced in a live region, the CSV download,
 * and the view kept in the URL. Every control is a labelled form control; the work is done by
 * explorer-worker.ts.
 */

export interface ExplorerConfig {
  datasetId: string;
  version: string;
  title: string;
  parquetUrl: string;
  parquetBytes: number;
  columns: ExplorerColumn[];
}

const PAGE_SIZE = 50;
const number = new Intl.NumberFormat('en');

const conditionLabels: Record<Condition, string> = {
  in: 'is one of',
  contains: 'contains',
  equals: 'is exactly',
  between: 'is between',
  empty: 'is empty',
  filled: 'is not empty',
};

let ids = 0;
const uid = (what: string) => `explorer-${what}-${++ids}`;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> & Record<string, unknown> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key.startsWith('aria-') || key.startsWith('data-') || key === 'role' || key === 'for') node.setAttribute(key, String(value));
    else (node as unknown as Record<string, unknown>)[key] = value;
  }
  node.append(...children);
  return node;
}

/** Marks a button unavailable without taking the focus away from it (a disabled button would drop it). */
function setUnavailable(button: HTMLButtonElement, unavailable: boolean): void {
  button.setAttribute('aria-disabled', String(unavailable));
}

const unavailable = (button: HTMLButtonElement) => button.getAttribute('aria-disabled') === 'true';

function labelled(label: string, control: HTMLInputElement | HTMLSelectElement): HTMLElement {
  control.id ||= uid('control');
  return element('span', { className: 'explorer-field' }, element('label', { htmlFor: control.id }, label), control);
}

/** The value inputs a condition needs for a column of this type. */
function inputsFor(column: ExplorerColumn, condition: Condition, values: readonly string[]): HTMLElement[] {
  const input = (label: string, value: string, type = 'text', extra: Record<string, unknown> = {}) => labelled(label, element('input', { type, value, autocomplete: 'off', ...extra }));
  const numeric = column.type === 'integer' || column.type === 'number';
  switch (condition) {
    case 'empty':
    case 'filled':
      return [];
    case 'contains':
    case 'equals':
      return [input(condition === 'contains' ? 'Text' : 'Value', values[0] ?? '', 'text', numeric ? { inputMode: 'decimal' } : {})];
    case 'between': {
      const type = column.type === 'date' || column.type === 'datetime' ? 'date' : column.type === 'time' ? 'time' : 'text';
      const extra = type === 'time' ? { step: '1' } : numeric ? { inputMode: 'decimal' } : {};
      return [input('From', values[0] ?? '', type, extra), input('To', values[1] ?? '', type, extra)];
    }
    case 'in': {
      const choices = column.type === 'boolean' ? ['true', 'false'] : (column.choices ?? []);
      const group = element('div', { className: 'explorer-choices', role: 'group', 'aria-label': `Values of ${column.title}` });
      for (const choice of choices) {
        const box = element('input', { type: 'checkbox', value: choice, checked: values.includes(choice), id: uid('choice') });
        group.append(element('span', { className: 'explorer-choice' }, box, element('label', { htmlFor: box.id }, choice === '' ? '(empty text)' : choice)));
      }
      return [group];
    }
  }
}

/** The view as a URL query, readable: `explore&f=in~category~Pothole` (a `~` inside a value stays encoded). */
export function viewQuery(view: ViewState): string {
  return toSearchParams(view)
    .toString()
    .replaceAll('%7E', '~')
    .replace(/^explore=(&|$)/, 'explore$1');
}

export function mountExplorer(root: HTMLElement, config: ExplorerConfig, options: { focus?: boolean } = {}): void {
  if (!document.getElementById('explorer-styles')) document.head.append(element('style', { id: 'explorer-styles', textContent: styles }));
  const { columns } = config;
  const byName = new Map(columns.map((c) => [c.name, c]));
  const hasChoices = (c: ExplorerColumn) => c.type === 'boolean' || (c.choices?.length ?? 0) > 0;
  let view: ViewState = fromSearchParams(new URLSearchParams(location.search), columns) ?? emptyView();
  let requestId = 0;
  let opened = false;
  let result: QueryResult | null = null;

  // The form: filters, the sort, and the button that applies them.
  const filterList = element('div', { className: 'explorer-filter-list' });
  const noFilters = element('p', { className: 'muted' }, 'No filters yet: every row matches.');
  const addSelect = element('select', {}, ...columns.map((c) => element('option', { value: c.name }, c.title)));
  const addButton = element('button', { type: 'button', className: 'explorer-secondary' }, 'Add filter');
  const sortColumn = element('select', {}, element('option', { value: '' }, 'The order of the file'), ...columns.map((c) => element('option', { value: c.name }, c.title)));
  const sortDirection = element(
    'select',
    {},
    element('option', { value: 'asc' }, 'Ascending (A to Z, smallest or earliest first)'),
    element('option', { value: 'desc' }, 'Descending (Z to A, largest or latest first)'),
  );
  const apply = element('button', { type: 'submit' }, 'Show matching rows');
  const formError = element('p', { className: 'explorer-error', role: 'alert' });
  const form = element(
    'form',
    { className: 'explorer-form', noValidate: true, 'aria-label': `Filter and sort all rows of ${config.title}` },
    element(
      'fieldset',
      { className: 'explorer-filters' },
      element('legend', {}, 'Filters'),
      filterList,
      noFilters,
      element('div', { className: 'explorer-add' }, labelled('Add a filter on', addSelect), addButton),
    ),
    element('fieldset', { className: 'explorer-sort' }, element('legend', {}, 'Order'), labelled('Sort by', sortColumn), labelled('Direction', sortDirection)),
    apply,
    formError,
  );

  // The answer: a live count, progress (not announced), the table, paging and the download.
  const status = element('p', { className: 'explorer-status', role: 'status' });
  const progress = element('p', { className: 'explorer-progress muted' });
  const caption = element('caption', { id: uid('caption') });
  const headRow = element('tr', {}, ...columns.map((c) => element('th', { scope: 'col', className: c.type === 'integer' || c.type === 'number' ? 'num' : '' }, c.title)));
  const body = element('tbody');
  const table = element('table', { className: 'data-table' }, caption, element('thead', {}, headRow), body);
  const region = element('div', { className: 'table-scroll', role: 'region', 'aria-labelledby': caption.id, tabIndex: 0, hidden: true }, table);
  const previous = element('button', { type: 'button', className: 'explorer-secondary' }, 'Previous page');
  const next = element('button', { type: 'button', className: 'explorer-secondary' }, 'Next page');
  const pageText = element('span', { className: 'explorer-page' });
  const pager = element('nav', { className: 'explorer-pages', 'aria-label': 'Pages of matching rows', hidden: true }, previous, pageText, next);
  const download = element('button', { type: 'button' }, 'Download the matching rows as CSV');
  const downloadNote = element('p', { className: 'muted' }, 'The file is encoded like the published data.csv (UTF-8, comma-separated, one header row), so it opens and reads the same way.');
  const exportBox = element('div', { className: 'explorer-export', hidden: true }, download, downloadNote);
  root.replaceChildren(form, status, progress, region, pager, exportBox);

  function addFilter(filter: Filter): void {
    const column = byName.get(filter.column)!;
    const conditions = conditionsFor(column.type, hasChoices(column));
    const conditionSelect = element('select', { 'data-condition': '' }, ...conditions.map((c) => element('option', { value: c, selected: c === filter.condition }, conditionLabels[c])));
    const inputs = element('span', { className: 'explorer-inputs' }, ...inputsFor(column, filter.condition, filter.values));
    const remove = element('button', { type: 'button', className: 'explorer-secondary' }, 'Remove', element('span', { className: 'sr-only' }, ` the filter on ${column.title}`));
    const fieldset = element('fieldset', { className: 'explorer-filter', 'data-column': column.name }, element('legend', {}, column.title), labelled('Condition', conditionSelect), inputs, remove);
    conditionSelect.addEventListener('change', () => inputs.replaceChildren(...inputsFor(column, conditionSelect.value as Condition, [])));
    remove.addEventListener('click', () => {
      fieldset.remove();
      noFilters.hidden = filterList.children.length > 0;
      addSelect.focus();
    });
    filterList.append(fieldset);
    noFilters.hidden = true;
  }

  /** The form as a view (page 1: a new question starts at the first page). */
  function readForm(): ViewState {
    const filters = [...filterList.querySelectorAll<HTMLFieldSetElement>('fieldset.explorer-filter')].map((fieldset): Filter => {
      const condition = fieldset.querySelector<HTMLSelectElement>('select[data-condition]')!.value as Condition;
      const values =
        condition === 'in'
          ? [...fieldset.querySelectorAll<HTMLInputElement>('input[type=checkbox]:checked')].map((box) => box.value)
          : [...fieldset.querySelectorAll<HTMLInputElement>('.explorer-inputs input')].map((input) => input.value.trim());
      return { column: fieldset.dataset.column!, condition, values };
    });
    return { filters, sort: sortColumn.value ? { column: sortColumn.value, descending: sortDirection.value === 'desc' } : null, page: 1 };
  }

  function showView(): void {
    filterList.replaceChildren();
    for (const filter of view.filters) addFilter(filter);
    noFilters.hidden = view.filters.length > 0;
    sortColumn.value = view.sort?.column ?? '';
    sortDirection.value = view.sort?.descending ? 'desc' : 'asc';
  }

  /** Checks what the reader typed before asking; returns the first problem, with the column named. */
  function problem(v: ViewState): string | null {
    for (const filter of v.filters) {
      const title = byName.get(filter.column)!.title;
      if (filter.condition === 'in' && filter.values.length === 0) return `Choose at least one value for ${title}, or remove that filter.`;
      if ((filter.condition === 'contains' || filter.condition === 'equals') && filter.values[0] === '') return `Type a value for ${title}, or remove that filter.`;
      if (filter.condition === 'between' && filter.values.every((value) => value === '')) return `Give a “from” or a “to” value for ${title}, or remove that filter.`;
    }
    return null;
  }

  const worker = new Worker(new URL('./explorer-worker.ts', import.meta.url), { type: 'module' });
  const send = (message: ToWorker) => worker.postMessage(message);
  worker.addEventListener('error', () => {
    formError.textContent = 'This browser could not start the explorer (it needs JavaScript modules in Web Workers). Use the preview above, or download the CSV or Parquet file below.';
    progress.textContent = '';
  });

  function ask(v: ViewState): void {
    const issue = problem(v);
    formError.textContent = issue ?? '';
    if (issue) {
      // Move to the first control of the offending filter, so the keyboard is where the fix is.
      filterList.querySelector<HTMLElement>('input, select')?.focus();
      return;
    }
    view = v;
    history.replaceState(history.state, '', `${location.pathname}?${viewQuery(view)}#explore`);
    progress.textContent = 'Working…';
    send({ kind: 'query', id: ++requestId, view, pageSize: PAGE_SIZE });
  }

  function describe(r: QueryResult): string {
    const matching = view.filters.length === 0 ? `All ${number.format(r.matches)} rows` : `${number.format(r.matches)} ${r.matches === 1 ? 'row matches' : 'rows match'}`;
    const shown = r.matches === 0 ? '' : `; showing rows ${number.format(r.firstRow)} to ${number.format(r.firstRow + r.rows.length - 1)}`;
    const sorted = view.sort ? `, sorted by ${byName.get(view.sort.column)!.title}, ${view.sort.descending ? 'descending' : 'ascending'}` : '';
    return `${matching}${shown}${sorted}.`;
  }

  function render(r: QueryResult): void {
    result = r;
    const fragment = document.createDocumentFragment();
    for (const row of r.rows) {
      const tr = element('tr');
      row.forEach((cell, i) => {
        const td = element('td', { className: columns[i]!.type === 'integer' || columns[i]!.type === 'number' ? 'num' : '' });
        if (cell === null) td.append(element('span', { className: 'cell-empty' }, element('span', { 'aria-hidden': 'true' }, '–'), element('span', { className: 'sr-only' }, 'empty')));
        else td.textContent = cell;
        tr.append(td);
      });
      fragment.append(tr);
    }
    body.replaceChildren(fragment);
    headRow.querySelectorAll('th').forEach((th, i) => {
      if (view.sort?.column === columns[i]!.name) th.setAttribute('aria-sort', view.sort.descending ? 'descending' : 'ascending');
      else th.removeAttribute('aria-sort');
    });
    caption.textContent =
      r.matches === 0
        ? `No rows of ${config.title} match`
        : `Rows ${number.format(r.firstRow)} to ${number.format(r.firstRow + r.rows.length - 1)} of ${number.format(r.matches)} matching rows of ${config.title}`;
    region.hidden = r.matches === 0;
    pager.hidden = r.pages <= 1;
    pageText.textContent = `Page ${number.format(r.page)} of ${number.format(r.pages)}`;
    setUnavailable(previous, r.page <= 1);
    setUnavailable(next, r.page >= r.pages);
    exportBox.hidden = r.matches === 0;
    download.textContent = `Download the ${number.format(r.matches)} matching ${r.matches === 1 ? 'row' : 'rows'} as CSV`;
    status.textContent = describe(r);
    progress.textContent = '';
    if (root.dataset.state !== 'ready' && options.focus) addSelect.focus();
    root.dataset.state = 'ready';
  }

  worker.addEventListener('message', (event: MessageEvent<FromWorker>) => {
    const message = event.data;
    switch (message.kind) {
      case 'opened':
        opened = true;
        ask(view);
        break;
      case 'progress':
        if (message.id === requestId) progress.textContent = message.text;
        break;
      case 'result':
        if (message.id === requestId) render(message);
        break;
      case 'exported': {
        if (message.id !== requestId) break;
        const name = `${config.datasetId}-${config.version}-selection.csv`;
        const link = element('a', { href: URL.createObjectURL(message.blob), download: name, hidden: true });
        root.append(link);
        link.click();
        setTimeout(() => {
          URL.revokeObjectURL(link.href);
          link.remove();
        }, 60_000);
        progress.textContent = '';
        setUnavailable(download, false);
        status.textContent = `Downloaded ${number.format(message.rows)} ${message.rows === 1 ? 'row' : 'rows'} as ${name}.`;
        break;
      }
      case 'error':
        if (message.id !== null && message.id !== requestId) break;
        formError.textContent = message.message;
        progress.textContent = '';
        setUnavailable(download, false);
        if (!opened) root.dataset.state = 'failed';
        break;
    }
  });

  addButton.addEventListener('click', () => {
    const column = byName.get(addSelect.value)!;
    addFilter({ column: column.name, condition: conditionsFor(column.type, hasChoices(column))[0]!, values: [] });
    filterList.lastElementChild?.querySelector<HTMLElement>('select, input')?.focus();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (opened) ask(readForm());
  });
  const turn = (step: number) => {
    if (!result || unavailable(step < 0 ? previous : next)) return;
    view = { ...view, page: result.page + step };
    ask(view);
  };
  previous.addEventListener('click', () => turn(-1));
  next.addEventListener('click', () => turn(1));
  download.addEventListener('click', () => {
    if (unavailable(download)) return;
    setUnavailable(download, true);
    progress.textContent = 'Preparing the download…';
    send({ kind: 'export', id: ++requestId, view });
  });

  showView();
  progress.textContent = 'Opening the data file…';
  send({ kind: 'open', url: new URL(config.parquetUrl, location.href).href, bytes: config.parquetBytes, columns });
}
